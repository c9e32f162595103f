//! `/api/v1/session`: sign in (`POST`), who am I (`GET`, `null` when signed out), sign out
//! (`DELETE`).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use axum_extra::extract::CookieJar;
use shared::api::{SessionInfo, SignInRequest};

use crate::auth::current_user::{seen, session_of};
use crate::auth::session_cookie::expired_session_cookie;
use crate::auth::sessions::Arrival;
use crate::auth::{sessions, sign_in, CurrentUser};
use crate::client_address::ClientAddress;
use crate::error::AppError;
use crate::routes::json::ApiJson;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/session", get(current).post(sign_in).delete(sign_out))
        .layer(DefaultBodyLimit::max(super::SMALL_BODY_BYTES))
}

/// Who is signed in; `null` when nobody is. Not a 401: asking is not an error, and browsers log
/// every 4xx answer as a console error.
async fn current(
    State(state): State<AppState>,
    address: ClientAddress,
    headers: HeaderMap,
) -> Result<Json<Option<SessionInfo>>, AppError> {
    let session = session_of(&state, &headers).await?;
    if let Some((session, hash)) = &session {
        seen(&state, session, hash, &address).await?;
    }
    Ok(Json(session.map(|(session, _)| SessionInfo {
        account: crate::accounts::account_of(session.user),
        csrf_token: session.csrf_token,
    })))
}

async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    arrival: Arrival,
    jar: CookieJar,
    ApiJson(request): ApiJson<SignInRequest>,
) -> Result<(CookieJar, Json<SessionInfo>), AppError> {
    let user =
        sign_in::check_password(&state, &request.email, &request.password, peer.ip()).await?;
    let (jar, info) = sessions::start(&state, jar, user, &arrival).await?;
    Ok((jar, Json(info)))
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
