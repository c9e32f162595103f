//! Starting a console session after sign-up or sign-in.

use axum_extra::extract::CookieJar;
use shared::api::SessionInfo;
use shared::credentials::random_token;

use super::session_cookie::{session_cookie, SESSION_LIFETIME_SECONDS};
use crate::accounts::account_of;
use crate::crypto::token_hash;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::sessions::NewSession;
use crate::store::users::UserRow;

/// Stores a new session for `user` and adds its cookie to `jar`.
pub async fn start(
    state: &AppState,
    jar: CookieJar,
    user: UserRow,
) -> Result<(CookieJar, SessionInfo), AppError> {
    let token = random_token("ses_");
    let csrf_token = random_token("csrf_");
    let now = state.now();
    state
        .store
        .insert_session(&NewSession {
            token_hash: &token_hash(&token),
            user_id: &user.id,
            csrf_token: &csrf_token,
            created_at: now,
            expires_at: now + SESSION_LIFETIME_SECONDS,
        })
        .await?;
    let jar = jar.add(session_cookie(token, state.config.secure_cookies()));
    Ok((
        jar,
        SessionInfo {
            account: account_of(user),
            csrf_token,
        },
    ))
}
