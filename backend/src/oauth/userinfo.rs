//! `GET` and `POST /oauth/userinfo` (OpenID Connect Core 1.0 section 5.3): the claims the
//! granted scopes allow, for a bearer token that has `openid`. Errors follow RFC 6750.

use axum::extract::State;
use axum::Json;
use serde::Serialize;

use super::bearer::{BearerError, BearerToken};
use super::jwt::ProfileClaims;
use crate::state::AppState;

/// The UserInfo response (OpenID Connect Core 1.0 section 5.3.2): the subject, and the
/// profile claims the granted scopes allow (as in the ID token).
#[derive(Debug, Serialize)]
pub struct UserInfo {
    pub sub: String,
    #[serde(flatten)]
    pub profile: ProfileClaims,
}

pub async fn userinfo(
    State(state): State<AppState>,
    token: BearerToken,
) -> Result<Json<UserInfo>, BearerError> {
    token.require("openid")?;
    let user_id = token.user_id.as_deref().ok_or(BearerError::NeedsUser(
        "This token was not issued for a user.",
    ))?;
    let user = state.store.user_by_id(user_id).await?;
    let user = user.ok_or(BearerError::InvalidToken(
        "The token's user no longer exists.",
    ))?;
    Ok(Json(UserInfo {
        profile: ProfileClaims::of(&user, &token.scopes),
        sub: user.id,
    }))
}
