//! `grant_type=refresh_token` with rotation (RFC 6749 section 6, RFC 9700 section 4.14.2):
//! every use returns a new refresh token; presenting a spent one revokes the whole family.

use shared::app::GrantType;
use shared::scope::IdentityScope;

use super::{mint_for, Asked};
use crate::crypto::token_key;
use crate::oauth::client_auth::AuthenticatedClient;
use crate::oauth::error::OAuthError;
use crate::oauth::issue::{IdTokenInput, Issued, TokenResponse};
use crate::oauth::scopes;
use crate::oauth::token_request::Refresh;
use crate::state::AppState;
use crate::store::tokens::TokenKind;

pub async fn refresh(
    state: &AppState,
    client: &AuthenticatedClient,
    request: &Refresh<'_>,
    asked: &Asked<'_>,
) -> Result<TokenResponse, OAuthError> {
    let hash = token_key(request.refresh_token);
    let now = state.now();
    let invalid = |why: &str| OAuthError::InvalidGrant(why.to_owned());
    let token = state
        .store
        .token(&hash)
        .await?
        .filter(|token| token.kind == TokenKind::Refresh);
    let token = token.ok_or_else(|| invalid("The refresh token is not valid."))?;
    if token.client_id != client.app.client_id {
        return Err(invalid("The refresh token was issued to another client."));
    }
    if token.revoked_at.is_some() {
        return Err(invalid("The refresh token has been revoked."));
    }
    if token.used_at.is_some() {
        state.store.revoke_grant(&token.grant_id, now).await?;
        return Err(invalid(
            "The refresh token was already used; every token of this grant is now revoked.",
        ));
    }
    if token.expires_at <= now {
        return Err(invalid("The refresh token has expired."));
    }
    let granted = &token.scopes;
    // A refresh may narrow the scope, never widen it (RFC 6749 section 6), and never beyond
    // what the app may have today.
    let requested = scopes::requested(request.scope, granted, granted)?;
    let scopes = requested.intersection(&client.app.scopes);
    // The user's row is needed only for an ID token (a database read saved on every other
    // refresh).
    let user = match token.user_id.as_deref() {
        Some(user_id) if scopes.has_identity(IdentityScope::OpenId) => {
            state.store.user_by_id(user_id).await?
        }
        _ => None,
    };
    // `is_jwt=true` (as RSpace's OAuth API offers it): a new JWT access token for the same grant,
    // leaving the refresh token as it is and not returning it.
    let jwt_only = asked.is_jwt;
    let issued = Issued {
        user_id: token.user_id.as_deref(),
        secret_id: None,
        grant_id: &token.grant_id,
        grant_type: original_grant_type(token.grant_type),
        auth_time: token.auth_time,
        with_refresh_token: !jwt_only,
        id_token: user.as_ref().map(|user| IdTokenInput {
            user,
            nonce: None,
            auth_time: token.auth_time.unwrap_or(now),
        }),
    };
    // RFC 8707 section 2.2: narrower resources than the grant's, never wider.
    let (response, rows) = mint_for(state, client, &scopes, asked, &token.audience, issued).await?;
    if jwt_only {
        state.store.insert_tokens(&rows).await?;
        return Ok(response);
    }
    if !state.store.rotate_refresh_token(&hash, now, &rows).await? {
        state.store.revoke_grant(&token.grant_id, now).await?;
        return Err(invalid(
            "The refresh token was already used; every token of this grant is now revoked.",
        ));
    }
    Ok(response)
}

/// Refreshed tokens keep the grant type they descend from, so "one pair per user and app" of
/// the password grant also covers pairs that were refreshed since.
fn original_grant_type(stored: GrantType) -> GrantType {
    match stored {
        GrantType::AuthorizationCode | GrantType::Password | GrantType::DeviceCode => stored,
        GrantType::RefreshToken | GrantType::ClientCredentials => GrantType::RefreshToken,
    }
}
