//! The grant types of the token endpoint (RFC 6749 sections 4.1.3, 4.3, 4.4 and 6).

pub mod authorization_code;
pub mod client_credentials;
pub mod device_code;
pub mod password;
pub mod refresh_token;

use shared::app::GrantType;
use shared::registered_api::ApiIdentifier;

use super::client_auth::AuthenticatedClient;
use super::error::OAuthError;
use crate::store::apps::AppRow;

/// What every grant's request may add: `is_jwt`, and `resource` (RFC 8707).
pub struct Asked<'a> {
    pub is_jwt: bool,
    pub resources: &'a [ApiIdentifier],
}

/// The grant's audience and the access token's target (`oauth::audience`), for `client`'s
/// developer, with what the grant is `bound` to.
pub fn decide<'c>(
    catalogue: &'c crate::apis::Catalogue,
    client: &AuthenticatedClient,
    scopes: &shared::scope::ScopeSet,
    asked: &Asked<'_>,
    bound: &crate::store::binding::Binding,
) -> Result<super::audience::Decided<'c>, OAuthError> {
    let decided = super::audience::decide(
        catalogue,
        client.app.owner.id(),
        scopes,
        asked.resources,
        bound,
    )?;
    Ok(decided)
}

/// The app registered for this grant type (RFC 6749 section 5.2 `unauthorized_client`).
pub fn ensure_enabled(client: &AuthenticatedClient, grant: GrantType) -> Result<(), OAuthError> {
    if client.app.has_grant(grant) {
        Ok(())
    } else {
        Err(OAuthError::UnauthorizedClient(format!(
            "This app is not registered for the `{}` grant.",
            grant.as_str()
        )))
    }
}

pub fn has_grant(app: &AppRow, grant: GrantType) -> bool {
    app.has_grant(grant)
}
