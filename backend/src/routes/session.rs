//! `/api/v1/session`: sign in (`POST`), who am I (`GET`, `null` when signed out), sign out
//! (`DELETE`).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use axum_extra::extract::CookieJar;
use shared::account::Email;
use shared::api::{SessionInfo, SignInRequest};

use crate::auth::current_user::session_of;
use crate::auth::session_cookie::expired_session_cookie;
use crate::auth::{sessions, CurrentUser};
use crate::error::AppError;
use crate::password;
use crate::routes::json::ApiJson;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/session", get(current).post(sign_in).delete(sign_out))
}

/// Who is signed in; `null` when nobody is. Not a 401: asking is not an error, and browsers log
/// every 4xx answer as a console error.
async fn current(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Option<SessionInfo>>, AppError> {
    let session = session_of(&state, &headers).await?;
    Ok(Json(session.map(|(session, _)| SessionInfo {
        account: sessions::account_of(session.user),
        csrf_token: session.csrf_token,
    })))
}

async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    jar: CookieJar,
    ApiJson(request): ApiJson<SignInRequest>,
) -> Result<(CookieJar, Json<SessionInfo>), AppError> {
    let address = peer.ip().to_string();
    let now = state.now();
    if let Some(wait) = state
        .sign_in_limiter
        .blocked_for(&request.email, &address, now)
    {
        return Err(AppError::RateLimited {
            retry_after_seconds: wait,
        });
    }
    // An email that is not even well-formed cannot match an account; it still costs a hash so
    // that the answer time does not tell which emails exist.
    let user = match Email::try_from(request.email.clone()) {
        Ok(email) => state.store.user_by_email(email.as_str()).await?,
        Err(_) => None,
    };
    let stored_hash = user.as_ref().map_or_else(
        || password::unknown_user_hash().to_owned(),
        |u| u.password_hash.clone(),
    );
    let matches = password::verify(request.password, stored_hash).await?;
    match user {
        Some(user) if matches => {
            state.sign_in_limiter.record_success(&request.email);
            let (jar, info) = sessions::start(&state, jar, user).await?;
            Ok((jar, Json(info)))
        }
        _ => {
            state
                .sign_in_limiter
                .record_failure(&request.email, &address, now);
            Err(AppError::InvalidCredentials)
        }
    }
}

async fn sign_out(
    State(state): State<AppState>,
    user: CurrentUser,
    jar: CookieJar,
) -> Result<(CookieJar, StatusCode), AppError> {
    state.store.delete_session(&user.session_hash).await?;
    Ok((
        jar.add(expired_session_cookie(state.config.secure_cookies())),
        StatusCode::NO_CONTENT,
    ))
}
