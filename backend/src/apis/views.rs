//! APIs as the console API (and `clientele api … --json`) shows them, and the RFC 9728
//! protected-resource metadata each should publish.

use shared::api::{ApiView, ProtectedResourceMetadata};
use shared::scope::Access;

use super::catalogue::{may_use, Catalogue};
use crate::store::apis::ApiRow;
use crate::teams::access::Viewer;

/// The viewer sees the owner and the credentials' client id of the APIs they (or their teams)
/// own, administrators of all; `built_in_lifetime` is the server's access-token lifetime,
/// shown for the built-in API.
pub fn view(api: &ApiRow, viewer: &Viewer, built_in_lifetime: i64) -> ApiView {
    let built_in = Catalogue::is_built_in(api);
    let mine = !built_in && viewer.owns(&api.owner);
    let shows_owner = !built_in && viewer.sees(&api.owner);
    ApiView {
        id: api.id.clone(),
        name: api.name.clone(),
        description: api.description.clone(),
        identifier: api.identifier.to_string(),
        resources: api.resources.clone(),
        visibility: api.visibility,
        token_format: api.token_format,
        token_lifetime: if built_in {
            built_in_lifetime
        } else {
            api.token_lifetime
        },
        built_in,
        mine,
        owner_email: shows_owner.then(|| api.owner_email.clone()),
        team: shows_owner
            .then(|| api.owner.team_slug().cloned())
            .flatten(),
        client_id: shows_owner.then(|| api.client_id.clone()),
        created_at: api.created_at,
    }
}

/// The APIs the viewer may see: the built-in one, their own and their teams', and others' that
/// are not private (administrators see all).
pub fn visible<'a>(
    catalogue: &'a Catalogue,
    viewer: &'a Viewer,
) -> impl Iterator<Item = &'a ApiRow> + 'a {
    catalogue
        .all()
        .iter()
        .filter(move |api| may_use(api, &viewer.user_id) || viewer.sees(&api.owner))
}

/// RFC 9728 section 2: what the API's server publishes at
/// `/.well-known/oauth-protected-resource` (plus its identifier's path).
pub fn metadata(api: &ApiRow, issuer: &str) -> ProtectedResourceMetadata {
    ProtectedResourceMetadata {
        resource: api.identifier.to_string(),
        authorization_servers: vec![issuer.to_owned()],
        scopes_supported: api
            .resources
            .iter()
            .flat_map(|resource| {
                [Access::Read, Access::ReadWrite].map(|access| match access {
                    Access::Read => format!("{resource}:read"),
                    Access::ReadWrite => format!("{resource}:write"),
                })
            })
            .collect(),
        bearer_methods_supported: vec!["header".to_owned()],
        resource_name: api.name.clone(),
    }
}
