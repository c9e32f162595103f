//! `grant_type=client_credentials` (RFC 6749 section 4.4): confidential clients only, acting
//! for themselves, so identity scopes (which describe a user) are never granted.

use shared::app::GrantType;
use shared::scope::{IdentityScope, ScopeSet};

use super::{mint_for, Asked};
use crate::ids;
use crate::oauth::client_auth::AuthenticatedClient;
use crate::oauth::error::OAuthError;
use crate::oauth::issue::{Issued, TokenResponse};
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
    // Time-ordered, so each new token's grant-index entry lands at the end of the index instead
    // of on a random page (one page fewer written per token).
    let grant_id = ids::sortable_id("grt");
    let issued = Issued {
        user_id: None,
        secret_id: client.secret_id.as_deref(),
        grant_id: &grant_id,
        grant_type: GrantType::ClientCredentials,
        auth_time: None,
        with_refresh_token: false,
        id_token: None,
    };
    let bound = Binding::default();
    let (response, rows) = mint_for(state, client, &scopes, asked, &bound, issued).await?;
    state.store.insert_tokens(&rows).await?;
    Ok(response)
}
