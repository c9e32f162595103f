//! `GET` and `POST /oauth/userinfo` (OpenID Connect Core 1.0 section 5.3): the claims the
//! granted scopes allow, for a bearer token that has `openid`. Errors follow RFC 6750.

use axum::extract::State;
use axum::Json;
use serde::Serialize;
use shared::scope::IdentityScope;

use super::bearer::{BearerError, BearerToken};
use crate::state::AppState;

/// The UserInfo response (OpenID Connect Core 1.0 section 5.3.2): a claim is present only when
/// a granted scope allows it. Emails are never verified by this server, so `email_verified` is
/// `false` whenever `email` is given.
#[derive(Debug, Serialize)]
pub struct UserInfo {
    pub sub: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
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
    let profile = token.scopes.has_identity(IdentityScope::Profile);
    let email = token.scopes.has_identity(IdentityScope::Email);
    Ok(Json(UserInfo {
        name: profile.then_some(user.display_name),
        email_verified: email.then_some(false),
        email: email.then_some(user.email),
        sub: user.id,
    }))
}
