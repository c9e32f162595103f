//! The catalogue of APIs: the built-in one first, then the registered ones, indexed by
//! resource, identifier and introspection client id. The token endpoint reads it on every
//! request, so it is kept in memory for half a second (as `apps::client_cache` keeps clients):
//! changes made through this node drop it at once, changes through another node or the CLI
//! are seen within `MAX_AGE`. When it is due, one request reloads it while the others go on
//! with the previous one, so a busy endpoint does not send a burst of reloads every half second.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use shared::app::TokenFormat;
use shared::registered_api::{ApiIdentifier, ApiVisibility};
use shared::scope::{Access, BuiltIn, IdentityScope, Resource, ScopeSet};

use crate::store::apis::ApiRow;
use crate::store::registrations::SELF_REGISTERED_OWNER;
use crate::store::teams::Owner;
use crate::store::{Store, StoreError};

pub const MAX_AGE: Duration = Duration::from_millis(500);
/// The id of the built-in API in the console and the catalogue.
pub const BUILT_IN_ID: &str = "builtin";
/// What the built-in API is called on consent screens and in the console.
pub const BUILT_IN_NAME: &str = "Clientele API";
/// The built-in API's visibility until an administrator changes it (issue 18: self-registered
/// clients may use it).
pub const BUILT_IN_DEFAULT_VISIBILITY: ApiVisibility = ApiVisibility::Anyone;

/// The built-in API's identifier: where its resources are served.
pub fn built_in_identifier(issuer: &str) -> ApiIdentifier {
    ApiIdentifier::try_from(format!("{issuer}/api/v1"))
        .unwrap_or_else(|err| panic!("the public URL makes no API identifier: {err}"))
}

/// The built-in API, described as a registered one is (its tokens' format and lifetime follow
/// each app's settings and the server's, so those two fields are not used for it).
fn built_in(identifier: ApiIdentifier) -> ApiRow {
    ApiRow {
        id: BUILT_IN_ID.to_owned(),
        owner: Owner::Person(String::new()),
        owner_id: String::new(),
        owner_email: String::new(),
        name: BUILT_IN_NAME.to_owned(),
        description: "Profiles, accounts, files and rooms on this server.".to_owned(),
        identifier,
        resources: BuiltIn::ALL.into_iter().map(Resource::from).collect(),
        visibility: BUILT_IN_DEFAULT_VISIBILITY,
        token_format: TokenFormat::Opaque,
        token_lifetime: 0,
        client_id: String::new(),
        secret_hash: String::new(),
        created_at: 0,
    }
}

/// Every API, the built-in one at index 0.
#[derive(Debug)]
pub struct Catalogue {
    apis: Vec<ApiRow>,
    by_id: HashMap<String, usize>,
    by_resource: HashMap<Resource, usize>,
    by_identifier: HashMap<String, usize>,
    by_client_id: HashMap<String, usize>,
}

impl Catalogue {
    pub fn new(built_in_identifier: ApiIdentifier, registered: Vec<ApiRow>) -> Catalogue {
        let apis: Vec<ApiRow> = std::iter::once(built_in(built_in_identifier))
            .chain(registered)
            .collect();
        let mut by_id = HashMap::new();
        let mut by_resource = HashMap::new();
        let mut by_identifier = HashMap::new();
        let mut by_client_id = HashMap::new();
        for (index, api) in apis.iter().enumerate() {
            by_id.insert(api.id.clone(), index);
            for resource in &api.resources {
                by_resource.entry(resource.clone()).or_insert(index);
            }
            by_identifier
                .entry(api.identifier.as_str().to_owned())
                .or_insert(index);
            if index > 0 {
                by_client_id.insert(api.client_id.clone(), index);
            }
        }
        Catalogue {
            apis,
            by_id,
            by_resource,
            by_identifier,
            by_client_id,
        }
    }

    /// The catalogue as the database has it now, the built-in API with the visibility an
    /// administrator chose for it.
    pub async fn load(store: &Store, issuer: &str) -> Result<Catalogue, StoreError> {
        let mut catalogue = Catalogue::new(built_in_identifier(issuer), store.apis().await?);
        if let Some(visibility) = store.built_in_api_visibility().await? {
            catalogue.apis[0].visibility = visibility;
        }
        Ok(catalogue)
    }

    pub fn built_in(&self) -> &ApiRow {
        &self.apis[0]
    }

    pub fn all(&self) -> &[ApiRow] {
        &self.apis
    }

    pub fn registered(&self) -> &[ApiRow] {
        &self.apis[1..]
    }

    pub fn is_built_in(api: &ApiRow) -> bool {
        api.id == BUILT_IN_ID
    }

    pub fn by_id(&self, id: &str) -> Option<&ApiRow> {
        self.by_id.get(id).map(|index| &self.apis[*index])
    }

    /// The API a resource belongs to.
    pub fn api_of(&self, resource: &Resource) -> Option<&ApiRow> {
        self.by_resource
            .get(resource)
            .map(|index| &self.apis[*index])
    }

    pub fn by_identifier(&self, identifier: &str) -> Option<&ApiRow> {
        self.by_identifier
            .get(identifier)
            .map(|index| &self.apis[*index])
    }

    /// The registered API whose own server introspects as `client_id`.
    pub fn by_client_id(&self, client_id: &str) -> Option<&ApiRow> {
        self.by_client_id
            .get(client_id)
            .map(|index| &self.apis[*index])
    }

    /// The APIs whose resources `scopes` holds, in catalogue order.
    pub fn apis_of<'a>(&'a self, scopes: &ScopeSet) -> Vec<&'a ApiRow> {
        let mut indexes: Vec<usize> = scopes
            .resources()
            .filter_map(|(resource, _)| self.by_resource.get(resource).copied())
            .collect();
        indexes.sort_unstable();
        indexes.dedup();
        indexes.into_iter().map(|index| &self.apis[index]).collect()
    }

    /// `scopes` less those of APIs that no longer exist or that apps of `owner_id` may no longer
    /// use (an app keeps what it registered; this is what it may still be given).
    pub fn offered(&self, owner_id: &str, scopes: &ScopeSet) -> ScopeSet {
        scopes.clone().retain_resources(|resource| {
            self.api_of(resource)
                .is_some_and(|api| may_use(api, owner_id))
        })
    }

    /// Every scope apps of `owner_id` may be given: the identity scopes and read and write on
    /// every resource of the APIs they may use.
    pub fn everything_offered(&self, owner_id: &str) -> ScopeSet {
        let mut scopes = IdentityScope::ALL
            .into_iter()
            .fold(ScopeSet::empty(), ScopeSet::with_identity);
        for api in self.apis.iter().filter(|api| may_use(api, owner_id)) {
            for resource in &api.resources {
                scopes = scopes.with(resource.clone(), Access::ReadWrite);
            }
        }
        scopes
    }

    /// See [`scope_refusal`].
    pub fn refusal_for(&self, owner_id: &str, scopes: &ScopeSet) -> Option<String> {
        scope_refusal(
            self.registered(),
            self.built_in().visibility,
            owner_id,
            scopes,
        )
    }
}

/// The first scope of `scopes` that apps of `owner_id` may not ask for, as a message: one of no
/// API, or of another developer's private API (said the same way, so private APIs cannot be
/// discovered by guessing names), or of the built-in API when its visibility leaves this app
/// out. One rule for the app form (console and command line), dynamic registration and the
/// authorization endpoint; `registered` are the registered APIs, `built_in` the built-in API's
/// visibility.
pub fn scope_refusal(
    registered: &[ApiRow],
    built_in: ApiVisibility,
    owner_id: &str,
    scopes: &ScopeSet,
) -> Option<String> {
    let (resource, _) = scopes
        .resources()
        .find(|(resource, _)| match resource.built_in() {
            Some(_) => !visible(built_in, "", owner_id),
            None => !registered
                .iter()
                .any(|api| api.resources.contains(resource) && may_use(api, owner_id)),
        })?;
    if resource.built_in().is_some() {
        let whose = if owner_id == SELF_REGISTERED_OWNER {
            "clients that registered themselves"
        } else {
            "apps"
        };
        return Some(format!(
            "\"{resource}:read\" belongs to the built-in {BUILT_IN_NAME}, which this server does not offer to {whose}."
        ));
    }
    Some(format!(
        "\"{resource}:read\" is not a scope this server offers."
    ))
}

/// Visibility: whether apps of the owner `owner_id` (a person's or a team's id, `Owner::id`)
/// may ask for `api`'s scopes: a team's private API is for the team's apps only. Clients that registered themselves (RFC 7591) belong to no developer: only `anyone` APIs.
/// The built-in API belongs to nobody, so `private` closes it to every app.
pub fn may_use(api: &ApiRow, owner_id: &str) -> bool {
    visible(api.visibility, api.owner.id(), owner_id)
}

fn visible(visibility: ApiVisibility, api_owner: &str, owner_id: &str) -> bool {
    match visibility {
        ApiVisibility::Anyone => true,
        ApiVisibility::Developers => owner_id != SELF_REGISTERED_OWNER,
        ApiVisibility::Private => !api_owner.is_empty() && api_owner == owner_id,
    }
}

/// The catalogue kept in memory for `MAX_AGE`.
#[derive(Debug, Default)]
pub struct ApiCache {
    current: Mutex<Option<(Instant, Arc<Catalogue>)>>,
    /// Set while one request reloads a stale catalogue.
    reloading: AtomicBool,
    /// Counts invalidations, so a reload that started before one does not store its result.
    generation: AtomicU64,
}

/// Clears `reloading` however the reload ends (done, failed, or its request dropped).
struct Reloading<'a>(&'a AtomicBool);

impl Drop for Reloading<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

impl ApiCache {
    /// The catalogue; `issuer` is only called when it must be loaded.
    pub async fn get(
        &self,
        store: &Store,
        issuer: impl FnOnce() -> String,
    ) -> Result<Arc<Catalogue>, StoreError> {
        let current = self.lock().clone();
        let _reloading = match &current {
            Some((loaded, catalogue)) if loaded.elapsed() < MAX_AGE => return Ok(catalogue.clone()),
            Some((_, stale)) => {
                if self.reloading.swap(true, Ordering::AcqRel) {
                    return Ok(stale.clone());
                }
                Some(Reloading(&self.reloading))
            }
            None => None,
        };
        let generation = self.generation.load(Ordering::Acquire);
        let catalogue = Arc::new(Catalogue::load(store, &issuer()).await?);
        let mut current = self.lock();
        if self.generation.load(Ordering::Acquire) == generation {
            *current = Some((Instant::now(), catalogue.clone()));
        }
        Ok(catalogue)
    }

    /// Drops the cached catalogue after a change made through this node.
    pub fn invalidate(&self) {
        let mut current = self.lock();
        self.generation.fetch_add(1, Ordering::AcqRel);
        *current = None;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(Instant, Arc<Catalogue>)>> {
        self.current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// An API as the unit tests of the catalogue and of `oauth::audience` describe one.
#[cfg(test)]
pub(crate) fn test_api(
    id: &str,
    owner: &str,
    visibility: ApiVisibility,
    resources: &[&str],
) -> ApiRow {
    ApiRow {
        id: id.into(),
        owner: Owner::Person(owner.into()),
        owner_id: owner.into(),
        owner_email: format!("{owner}@example.com"),
        name: id.into(),
        description: String::new(),
        identifier: ApiIdentifier::try_from(format!("https://{id}.example.com")).unwrap(),
        resources: resources
            .iter()
            .map(|name| Resource::try_from(*name).unwrap())
            .collect(),
        visibility,
        token_format: TokenFormat::Jwt,
        token_lifetime: 600,
        client_id: format!("{id}_client"),
        secret_hash: String::new(),
        created_at: 0,
    }
}

#[cfg(test)]
mod tests {
    use shared::scope::Access;

    use super::*;

    fn catalogue() -> Catalogue {
        Catalogue::new(
            built_in_identifier("https://auth.example.com"),
            vec![
                test_api("calendar", "alice", ApiVisibility::Private, &["calendar"]),
                test_api(
                    "crm",
                    "bob",
                    ApiVisibility::Developers,
                    &["contacts", "deals"],
                ),
                test_api("mcp", "bob", ApiVisibility::Anyone, &["tools"]),
            ],
        )
    }

    #[test]
    fn visibility_decides_whose_apps_may_ask_for_an_api() {
        let catalogue = catalogue();
        // (API, developer, may use)
        let table = [
            ("builtin", "carol", true),
            ("calendar", "alice", true),
            ("calendar", "bob", false),
            ("crm", "alice", true),
            ("crm", "bob", true),
            ("mcp", "carol", true),
            ("mcp", SELF_REGISTERED_OWNER, true),
            ("crm", SELF_REGISTERED_OWNER, false),
            ("builtin", SELF_REGISTERED_OWNER, true),
        ];
        for (id, developer, expected) in table {
            let api = catalogue.by_id(id).unwrap();
            assert_eq!(may_use(api, developer), expected, "{id} for {developer}");
        }
    }

    #[test]
    fn the_built_in_api_s_visibility_decides_who_may_ask_for_its_scopes() {
        let scopes: ScopeSet = "files:read".parse().unwrap();
        // (visibility, developer, refused)
        let table = [
            (ApiVisibility::Anyone, SELF_REGISTERED_OWNER, false),
            (ApiVisibility::Anyone, "carol", false),
            (ApiVisibility::Developers, SELF_REGISTERED_OWNER, true),
            (ApiVisibility::Developers, "carol", false),
            (ApiVisibility::Private, "carol", true),
            (ApiVisibility::Private, "", true),
        ];
        for (visibility, developer, refused) in table {
            let mut catalogue = catalogue();
            catalogue.apis[0].visibility = visibility;
            let refusal = catalogue.refusal_for(developer, &scopes);
            assert_eq!(refusal.is_some(), refused, "{visibility:?} for {developer}");
            assert_eq!(
                catalogue.offered(developer, &scopes).is_empty(),
                refused,
                "{visibility:?} for {developer}"
            );
        }
    }

    #[test]
    fn scopes_of_unknown_or_private_apis_are_refused_alike() {
        let catalogue = catalogue();
        let scopes = |text: &str| -> ScopeSet { text.parse().unwrap() };
        assert_eq!(
            catalogue.refusal_for("alice", &scopes("files:read calendar:write")),
            None
        );
        assert_eq!(
            catalogue.refusal_for("bob", &scopes("calendar:read")),
            catalogue
                .refusal_for("bob", &scopes("nothing:read"))
                .map(|m| m.replace("nothing", "calendar")),
        );
        assert_eq!(
            catalogue
                .refusal_for("bob", &scopes("photos:write"))
                .unwrap(),
            "\"photos:read\" is not a scope this server offers."
        );
    }

    #[test]
    fn resources_identifiers_and_client_ids_find_their_api() {
        let catalogue = catalogue();
        let deals = Resource::try_from("deals").unwrap();
        assert_eq!(catalogue.api_of(&deals).unwrap().id, "crm");
        assert_eq!(
            catalogue.api_of(&BuiltIn::Files.into()).unwrap().id,
            BUILT_IN_ID
        );
        assert_eq!(
            catalogue
                .by_identifier("https://auth.example.com/api/v1")
                .unwrap()
                .id,
            BUILT_IN_ID
        );
        assert_eq!(catalogue.by_client_id("mcp_client").unwrap().id, "mcp");
        assert!(
            catalogue.by_client_id("").is_none(),
            "the built-in API has no credentials"
        );
        let scopes = ScopeSet::empty()
            .with(Resource::try_from("tools").unwrap(), Access::Read)
            .with(BuiltIn::Files, Access::Read);
        let ids: Vec<&str> = catalogue
            .apis_of(&scopes)
            .iter()
            .map(|api| api.id.as_str())
            .collect();
        assert_eq!(ids, [BUILT_IN_ID, "mcp"]);
    }
}
