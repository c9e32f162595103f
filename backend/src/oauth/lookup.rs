//! Finding the stored record of a presented token, opaque or JWT. A JWT must first verify
//! (signature, type, issuer, expiry); its record, found by the hash of its `jti`,
//! then says whether it was revoked (app deleted or reset, consent withdrawn), so JWTs are
//! refused exactly when an opaque token would be. The look-up is one indexed equality match.

use super::jwt;
use crate::crypto::token_key;
use crate::state::AppState;
use crate::store::tokens::TokenRow;
use crate::store::StoreError;

pub async fn stored_token(
    state: &AppState,
    presented: &str,
) -> Result<Option<TokenRow>, StoreError> {
    let key = if jwt::looks_like_jwt(presented) {
        match verify(state, presented).await {
            Ok(claims) => token_key(&claims.jti),
            Err(_) => return Ok(None),
        }
    } else {
        token_key(presented)
    };
    state.store.token(&key).await
}

/// Why a presented JWT was refused, for error descriptions (`None` when it is not a JWT or
/// verifies).
pub async fn jwt_problem(state: &AppState, presented: &str) -> Option<&'static str> {
    if !jwt::looks_like_jwt(presented) {
        return None;
    }
    verify(state, presented).await.err()
}

/// Verifies a JWT access token; a key this node has not loaded yet (rotated on another node)
/// triggers one reload before giving up.
async fn verify(state: &AppState, presented: &str) -> Result<jwt::AccessClaims, &'static str> {
    let issuer = state.config.issuer();
    match jwt::verify_access_token(&state.keys, presented, &issuer, state.now()) {
        Err(jwt::UNKNOWN_KEY)
            if state
                .keys
                .reload_for_unknown_kid(&state.store, state.now())
                .await =>
        {
            jwt::verify_access_token(&state.keys, presented, &issuer, state.now())
        }
        other => other,
    }
}
