//! `GET` and `POST /oauth/userinfo` (OpenID Connect Core 1.0 section 5.3): the claims the
//! granted scopes allow, for a bearer token that has `openid`. Errors follow RFC 6750.

use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};
use shared::scope::IdentityScope;

use super::bearer::{BearerError, BearerToken};
use crate::state::AppState;

pub async fn userinfo(
    State(state): State<AppState>,
    token: BearerToken,
) -> Result<Json<Value>, BearerError> {
    token.require("openid")?;
    let user_id = token.user_id.as_deref().ok_or(BearerError::NeedsUser(
        "This token was not issued for a user.",
    ))?;
    let user = state.store.user_by_id(user_id).await?;
    let user = user.ok_or(BearerError::InvalidToken(
        "The token's user no longer exists.",
    ))?;
    let mut claims = json!({ "sub": user.id });
    if token.scopes.has_identity(IdentityScope::Profile) {
        claims["name"] = json!(user.display_name);
    }
    if token.scopes.has_identity(IdentityScope::Email) {
        claims["email"] = json!(user.email);
        claims["email_verified"] = json!(false);
    }
    Ok(Json(claims))
}
