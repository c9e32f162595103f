//! `grant_type=password` (RFC 6749 section 4.3), for apps that opted in. RFC 9700 section
//! 2.4 deprecates it; it stays for legacy clients, as RSpace's OAuth API offers it, with
//! one valid token pair per user and app: a new grant revokes the previous pair.

use shared::app::GrantType;

use super::{mint_for, Asked};
use crate::accounts::two_factor::enrolled_factors;
use crate::auth::sign_in;
use crate::client_address::ClientAddress;
use crate::ids;
use crate::oauth::client_auth::AuthenticatedClient;
use crate::oauth::error::OAuthError;
use crate::oauth::issue::{IdTokenInput, Issued, TokenResponse};
use crate::oauth::scopes;
use crate::oauth::token_request::PasswordGrant;
use crate::state::AppState;
use crate::store::binding::Binding;

pub async fn issue(
    state: &AppState,
    client: &AuthenticatedClient,
    request: &PasswordGrant<'_>,
    address: &ClientAddress,
    asked: &Asked<'_>,
) -> Result<TokenResponse, OAuthError> {
    let is_jwt = asked.is_jwt;
    let (username, password_value) = (request.username, request.password);
    let now = state.now();
    let user = sign_in::check_password(
        state,
        username,
        password_value,
        sign_in::address_of(&address.0),
    )
    .await?;
    // RFC 6749 section 5.2: the grant cannot carry a second factor, so an account that has one
    // is refused here; its apps use the authorization code flow, where the pages ask for it.
    if !enrolled_factors(&state.store, &user.id).await?.is_empty() {
        return Err(OAuthError::InvalidGrant(
            "This account signs in with a second factor, which the password grant cannot \
             carry. Use the authorization code flow."
                .into(),
        ));
    }
    let allowed = client.app.scopes.clone();
    let scopes = scopes::requested(request.scope, &allowed, &allowed)?;
    // A JWT asked for while a pair is live joins that pair's grant: it neither returns nor
    // replaces the refresh token the app already holds (RSpace's OAuth API does so).
    let live_grant = if is_jwt {
        state
            .store
            .live_grant_of(&client.app.client_id, &user.id, GrantType::Password, now)
            .await?
    } else {
        None
    };
    let grant_id = live_grant.clone().unwrap_or_else(|| ids::new_id("grt"));
    let issued = Issued {
        user_id: Some(&user.id),
        secret_id: None,
        grant_id: &grant_id,
        grant_type: GrantType::Password,
        auth_time: Some(now),
        with_refresh_token: live_grant.is_none() && client.app.has_grant(GrantType::RefreshToken),
        id_token: Some(IdTokenInput {
            user: &user,
            nonce: None,
            auth_time: now,
        }),
    };
    let bound = Binding::default();
    let (response, rows) = mint_for(state, client, &scopes, asked, &bound, issued).await?;
    if live_grant.is_some() {
        state.store.insert_tokens(&rows).await?;
    } else {
        state
            .store
            .replace_password_grant_tokens(&client.app.client_id, &user.id, now, &rows)
            .await?;
    }
    Ok(response)
}
