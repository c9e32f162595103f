//! The grant types of the token endpoint (RFC 6749 sections 4.1.3, 4.3, 4.4 and 6).

pub mod authorization_code;
pub mod client_credentials;
pub mod device_code;
pub mod password;
pub mod refresh_token;

use shared::app::GrantType;
use shared::registered_api::ApiIdentifier;
use shared::scope::{IdentityScope, ScopeSet};

use super::client_auth::AuthenticatedClient;
use super::error::OAuthError;
use super::issue::{access_format, mint, Grant, Issued, TokenResponse};
use crate::state::AppState;
use crate::store::binding::Binding;
use crate::store::tokens::NewToken;
use crate::store::users::UserRow;

/// What every grant's request may add: `is_jwt`, and `resource` (RFC 8707).
pub struct Asked<'a> {
    pub is_jwt: bool,
    pub resources: &'a [ApiIdentifier],
}

/// The tokens of a grant to `client` for `scopes`, and the rows to store for them: the
/// grant's audience and the access token's target decided (`oauth::audience`) for `client`'s
/// developer, with what the grant is `bound` to, in the format asked for. Every grant type
/// ends here with what it decided itself (`issued`).
pub async fn mint_for(
    state: &AppState,
    client: &AuthenticatedClient,
    scopes: &ScopeSet,
    asked: &Asked<'_>,
    bound: &Binding,
    issued: Issued<'_>,
) -> Result<(TokenResponse, Vec<NewToken>), OAuthError> {
    let catalogue = state.catalogue().await?;
    let decided = super::audience::decide(
        &catalogue,
        client.app.owner.id(),
        scopes,
        asked.resources,
        bound,
    )?;
    let grant = Grant {
        client_id: &client.app.client_id,
        scopes,
        target: &decided.access,
        grant_audience: &decided.grant_audience,
        access_format: access_format(client.app.token_format, asked.is_jwt, &decided.access),
        id_token_alg: client.app.id_token_alg,
        issued,
    };
    mint(state, &grant)
}

/// The person an ID token is about, read only when `scopes` grant `openid` (a database read
/// saved on every other token request); `gone` is the `invalid_grant` description when their
/// account was deleted since they signed in.
pub async fn id_token_subject(
    state: &AppState,
    scopes: &ScopeSet,
    user_id: &str,
    gone: &str,
) -> Result<Option<UserRow>, OAuthError> {
    if !scopes.has_identity(IdentityScope::OpenId) {
        return Ok(None);
    }
    match state.store.user_by_id(user_id).await? {
        Some(user) => Ok(Some(user)),
        None => Err(OAuthError::InvalidGrant(gone.to_owned())),
    }
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
