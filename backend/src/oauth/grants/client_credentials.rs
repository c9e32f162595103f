//! `grant_type=client_credentials` (RFC 6749 section 4.4): confidential clients only, acting
//! for themselves, so identity scopes (which describe a user) are never granted.

use shared::app::GrantType;
use shared::scope::{IdentityScope, ScopeSet};

use super::Asked;
use crate::ids;
use crate::oauth::client_auth::AuthenticatedClient;
use crate::oauth::error::OAuthError;
use crate::oauth::issue::{access_format, mint, Grant, TokenResponse};
use crate::oauth::scopes;
use crate::state::AppState;
use crate::store::binding::Binding;

pub async fn issue(
    state: &AppState,
    client: &AuthenticatedClient,
    scope: Option<&str>,
    asked: &Asked<'_>,
) -> Result<TokenResponse, OAuthError> {
    // Who may use this grant (confidential clients registered for it) is checked when the
    // request is parsed (`token_request.rs`).
    let mut allowed = client.app.scopes.clone();
    for identity in IdentityScope::ALL {
        allowed.set_identity(identity, false);
    }
    let scopes: ScopeSet = scopes::requested(scope, &allowed, &allowed)?;
    let catalogue = state.catalogue().await?;
    let decided = super::decide(&catalogue, client, &scopes, asked, &Binding::default())?;
    // Time-ordered, so each new token's grant-index entry lands at the end of the index instead
    // of on a random page (one page fewer written per token).
    let grant_id = ids::sortable_id("grt");
    let grant = Grant {
        client_id: &client.app.client_id,
        user_id: None,
        secret_id: client.secret_id.as_deref(),
        grant_id: &grant_id,
        grant_type: GrantType::ClientCredentials,
        scopes: &scopes,
        target: &decided.access,
        grant_audience: &decided.grant_audience,
        auth_time: None,
        with_refresh_token: false,
        access_format: access_format(client.app.token_format, asked.is_jwt, &decided.access),
        id_token: None,
    };
    let (response, rows) = mint(state, &grant)?;
    state.store.insert_tokens(&rows).await?;
    Ok(response)
}
