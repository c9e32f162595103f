//! Creating and deleting an API: one path for the console API and the command line, so both
//! apply the same rules and say the same things.

use shared::api::CreatedApi;
use shared::field_errors::{item_key, FieldErrors};
use shared::registered_api::ApiDraft;

use super::catalogue::{may_use, Catalogue};
use super::views::view;
use super::ApiCache;
use crate::crypto::{new_token, token_hash};
use crate::ids::new_id;
use crate::store::apis::NewApi;
use crate::store::teams::Owner;
use crate::store::{Store, StoreError};
use crate::teams::access::{check_one, Need, Refused, Viewer};
use crate::teams::{self, Acting, TeamError};

/// The prefix of an API's introspection client id (app client ids have none) and secret.
pub const API_CLIENT_PREFIX: &str = "rs_";
const SECRET_PREFIX: &str = "ras_";

/// Who is acting, and against which database.
pub struct ApiChange<'a> {
    pub store: &'a Store,
    /// `None` at the command line, whose process has no cache.
    pub cache: Option<&'a ApiCache>,
    pub issuer: &'a str,
    pub actor_id: &'a str,
    /// The acting person's email (empty at the command line, where no team log names them).
    pub actor_email: &'a str,
    pub actor_is_admin: bool,
    pub now: i64,
}

impl ApiChange<'_> {
    fn acting(&self) -> Acting<'_> {
        Acting::Person {
            user_id: self.actor_id,
            email: self.actor_email,
            is_admin: self.actor_is_admin,
        }
    }
}

/// Why a change to an API did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ApiChangeError {
    #[error("no API has this id")]
    NotFound,
    #[error("some fields are invalid")]
    Invalid(FieldErrors),
    #[error("the built-in API cannot be changed")]
    BuiltIn,
    /// A team's viewer, or registering into a team without a role that may.
    #[error("your role in the team does not allow this")]
    Forbidden,
    #[error("the API already belongs there")]
    SameOwner,
    #[error(transparent)]
    Team(TeamError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Registers an API owned by the acting developer; its introspection secret is in the answer
/// and nowhere else (only its hash is stored).
pub async fn create(
    change: &ApiChange<'_>,
    draft: &ApiDraft,
) -> Result<CreatedApi, ApiChangeError> {
    let settings = draft.validate().map_err(ApiChangeError::Invalid)?;
    let team = teams::registering_into(change.store, change.acting(), draft.team.as_ref())
        .await
        .map_err(ApiChangeError::Team)?;
    let team_id = team.as_ref().map(|team| team.id.as_str());
    // Whose private APIs' names may be told: the new API's owner's.
    let owner_key = team_id.unwrap_or(change.actor_id);
    let catalogue = Catalogue::load(change.store, change.issuer).await?;
    let mut errors = FieldErrors::new();
    if catalogue
        .by_identifier(settings.identifier.as_str())
        .is_some()
    {
        errors.insert(
            "identifier".into(),
            "Another API already uses this identifier.".into(),
        );
    }
    for (index, resource) in settings.resources.iter().enumerate() {
        if let Some(owner) = catalogue.api_of(resource) {
            // Scope names must say which API they open (`calendar:read` is one API's), so a
            // name is refused when any API has it; another's private API is not named.
            let whose = if may_use(owner, owner_key) {
                owner.name.clone()
            } else {
                "another API".to_owned()
            };
            errors.insert(
                item_key("resources", index),
                format!("\"{resource}\" is already a resource of {whose}; scope names must be unique, so choose another name."),
            );
        }
    }
    if !errors.is_empty() {
        return Err(ApiChangeError::Invalid(errors));
    }
    let id = new_id("api");
    let client_id = new_id(API_CLIENT_PREFIX.trim_end_matches('_'));
    let secret = new_token(SECRET_PREFIX);
    let secret_hash = token_hash(&secret);
    let insert = change
        .store
        .insert_api(&NewApi {
            id: &id,
            owner_id: change.actor_id,
            team_id,
            settings: &settings,
            client_id: &client_id,
            secret_hash: &secret_hash,
            created_at: change.now,
        })
        .await;
    match insert {
        Ok(()) => {}
        // Another registration took the identifier or a name between our check and our write.
        Err(StoreError::Conflict) => {
            return Err(ApiChangeError::Invalid(FieldErrors::from([(
                "identifier".into(),
                "Another API was just registered with this identifier or one of these resource names; check them and try again.".into(),
            )])));
        }
        Err(other) => return Err(other.into()),
    }
    if let Some(cache) = change.cache {
        cache.invalidate();
    }
    tracing::info!(api = %id, owner = %change.actor_id, identifier = %settings.identifier, "API registered");
    let catalogue = Catalogue::load(change.store, change.issuer).await?;
    let api = catalogue.by_id(&id).ok_or(ApiChangeError::NotFound)?;
    Ok(CreatedApi {
        api: view(
            api,
            &Viewer::load(change.store, change.actor_id, change.actor_is_admin).await?,
            0,
        ),
        client_secret: secret,
    })
}

/// Whether `user_id` may change an API of `owner`: others' APIs are `NotFound`, as if they did
/// not exist; a team's viewers are `Forbidden`.
pub(super) async fn may_change(
    change: &ApiChange<'_>,
    owner: &Owner,
    user_id: &str,
    is_admin: bool,
) -> Result<(), ApiChangeError> {
    check_one(change.store, owner, user_id, is_admin, Need::ReadWrite)
        .await
        .map_err(|refused| match refused {
            Refused::Hidden => ApiChangeError::NotFound,
            Refused::ReadOnly => ApiChangeError::Forbidden,
            Refused::Store(err) => ApiChangeError::Store(err),
        })
}

/// Deletes an API the acting developer owns (or any, for an administrator) and revokes the
/// tokens issued for it. Others' APIs are `NotFound`, as if they did not exist.
pub async fn delete(change: &ApiChange<'_>, id: &str) -> Result<(), ApiChangeError> {
    let catalogue = Catalogue::load(change.store, change.issuer).await?;
    let api = catalogue.by_id(id).ok_or(ApiChangeError::NotFound)?;
    if Catalogue::is_built_in(api) {
        return Err(ApiChangeError::BuiltIn);
    }
    may_change(change, &api.owner, change.actor_id, change.actor_is_admin).await?;
    if !change.store.delete_api(id, change.now).await? {
        return Err(ApiChangeError::NotFound);
    }
    if let Some(cache) = change.cache {
        cache.invalidate();
    }
    tracing::info!(api = %id, by = %change.actor_id, "API deleted");
    Ok(())
}
