//! Moving an API between a person and a team, for the console API and the command line: the
//! same rules as apps (`apps::transfer`). A person must be allowed to change the API where it
//! is (`teams::access`, `Need::ReadWrite`) and to register APIs where it goes
//! (`teams::registering_into`); an operator may move any. Its visibility goes with it: a
//! private API is then for its new owner's apps (`catalogue::may_use` compares owner ids), so
//! one that apps of its current owner use does not move (as an app does not move where its
//! scopes are not offered).
//! Both teams' logs record the move.

use shared::api::TeamEvent;
use shared::field_errors::FieldErrors;
use shared::registered_api::ApiVisibility;
use shared::team::TeamSlug;

use super::registration::{may_change, ApiChange, ApiChangeError};
use super::Catalogue;
use crate::store::teams::Owner;
use crate::teams::{self, audit, Acting};

/// Where an API goes.
pub enum ApiDestination<'a> {
    Team(&'a TeamSlug),
    /// The account `user_id` (the person asking, in the console).
    Person {
        user_id: &'a str,
    },
}

/// Moves the API `id`; `acting` is who the checks and the teams' logs name.
pub async fn transfer(
    change: &ApiChange<'_>,
    acting: Acting<'_>,
    id: &str,
    to: ApiDestination<'_>,
) -> Result<(), ApiChangeError> {
    let catalogue = Catalogue::load(change.store, change.issuer).await?;
    let api = catalogue.by_id(id).ok_or(ApiChangeError::NotFound)?;
    if Catalogue::is_built_in(api) {
        return Err(ApiChangeError::BuiltIn);
    }
    if let Acting::Person {
        user_id, is_admin, ..
    } = acting
    {
        may_change(change, &api.owner, user_id, is_admin).await?;
    }
    let (person, team) = match to {
        ApiDestination::Team(slug) => {
            let team = teams::registering_into(change.store, acting, Some(slug))
                .await
                .map_err(ApiChangeError::Team)?;
            (api.owner_id.as_str(), team)
        }
        ApiDestination::Person { user_id } => (user_id, None),
    };
    let new_key = team.as_ref().map_or(person, |team| team.id.as_str());
    if new_key == api.owner.id() {
        return Err(ApiChangeError::SameOwner);
    }
    check_no_app_loses_it(change, api).await?;
    let team_id = team.as_ref().map(|team| team.id.as_str());
    if !change.store.set_api_owner(id, person, team_id).await? {
        return Err(ApiChangeError::NotFound);
    }
    if let Some(cache) = change.cache {
        cache.invalidate();
    }
    tracing::info!(api = %id, to = %new_key, "API moved");
    let moved = |into_team| TeamEvent::ApiTransferred {
        api_id: api.id.clone(),
        name: api.name.clone(),
        into_team,
    };
    if let Owner::Team { id: from, .. } = &api.owner {
        audit::record(change.store, from, acting, change.now, moved(false)).await?;
    }
    if let Some(team) = &team {
        audit::record(change.store, &team.id, acting, change.now, moved(true)).await?;
    }
    Ok(())
}

/// A private API is for its owner's apps only, so moving it would take its scopes from the
/// apps of its current owner that use them: refused, naming them.
async fn check_no_app_loses_it(
    change: &ApiChange<'_>,
    api: &crate::store::apis::ApiRow,
) -> Result<(), ApiChangeError> {
    if api.visibility != ApiVisibility::Private {
        return Ok(());
    }
    let apps = change.store.scopes_of_owner_apps(api.owner.id()).await?;
    let users: Vec<String> = apps
        .into_iter()
        .filter(|(_, scopes)| {
            scopes
                .resources()
                .any(|(resource, _)| api.resources.contains(resource))
        })
        .map(|(name, _)| format!("\"{name}\""))
        .take(5)
        .collect();
    if users.is_empty() {
        return Ok(());
    }
    Err(ApiChangeError::Invalid(FieldErrors::from([(
        "team".into(),
        format!(
            "This private API is used by apps of its current owner ({}), which would lose its scopes. Remove its scopes from those apps first.",
            users.join(", ")
        ),
    )])))
}
