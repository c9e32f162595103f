//! `/api/v1/session`: sign in (`POST`: signed in, or a second factor is due), the second factor
//! (`POST /session/second-factor`), who am I (`GET`, `null` when signed out), sign out
//! (`DELETE`), and re-authenticate for sensitive actions (`POST /session/reauthenticate`,
//! sudo mode: `auth::sudo`, `accounts::reauthenticate`).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use axum_extra::extract::CookieJar;
use shared::api::{
    ApiError, ReauthenticateRequest, SecondFactorRequest, SessionInfo, SignInOutcome, SignInRequest,
};
use utoipa_axum::router::OpenApiRouter;

use crate::accounts::reauthenticate::reauthenticate as confirm_again;
use crate::accounts::two_factor::pending::{self, AfterPassword};
use crate::accounts::AccountError;
use crate::auth::current_user::{seen, session_of};
use crate::auth::session_cookie::expired_session_cookie;
use crate::auth::sessions::Arrival;
use crate::auth::{sessions, sign_in, SettingUpSecondFactor};
use crate::client_address::ClientAddress;
use crate::error::AppError;
use crate::routes::json::ApiJson;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    super::documented!(current, sign_in, sign_out; second_factor; reauthenticate)
        .layer(DefaultBodyLimit::max(super::SMALL_BODY_BYTES))
}

/// Who is signed in; `null` when nobody is. Not a 401: asking is not an error, and browsers log
/// every 4xx answer as a console error.
#[utoipa::path(get, path = "/session", tag = "session", operation_id = "current_session",
    security((), ("session" = [])),
    responses((status = OK, description = "The signed-in person and their CSRF token, or `null`.", body = Option<SessionInfo>)))]
pub(crate) async fn current(
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
        second_factor_setup_required: session.setup_only,
    })))
}

/// Sign in with an email and password (throttled per account and address, README "Sign-in
/// throttling"): signed in (the session cookie is set), or, for an account with a second
/// factor, a pending sign-in to prove it for.
#[utoipa::path(post, path = "/session", tag = "session", operation_id = "sign_in",
    request_body = SignInRequest,
    responses((status = OK, description = "`signed_in` (`Set-Cookie` carries the session), or `second_factor_required` with the pending sign-in and the methods offered.", body = SignInOutcome), (status = UNAUTHORIZED, description = "`invalid_credentials`: the email and password match no account.", body = ApiError), (status = TOO_MANY_REQUESTS, description = "`rate_limited`: too many attempts for this account from this address, or from this address.", body = ApiError), (status = SERVICE_UNAVAILABLE, description = "`busy`: every password hashing slot stayed busy.", body = ApiError)))]
async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    arrival: Arrival,
    jar: CookieJar,
    ApiJson(request): ApiJson<SignInRequest>,
) -> Result<(CookieJar, Json<SignInOutcome>), AppError> {
    let user =
        sign_in::check_password(&state, &request.email, &request.password, peer.ip()).await?;
    match pending::after_password(&state, user).await? {
        AfterPassword::SignedIn(user) => {
            let (jar, info) = sessions::start(&state, jar, user, &arrival).await?;
            Ok((jar, Json(SignInOutcome::SignedIn(info))))
        }
        AfterPassword::SecondFactor(challenge) => {
            Ok((jar, Json(SignInOutcome::SecondFactorRequired(challenge))))
        }
    }
}

/// The second step of a sign-in: a code from the authenticator app or a recovery code for the
/// pending sign-in (each code works once; attempts are throttled like passwords).
#[utoipa::path(post, path = "/session/second-factor", tag = "session", operation_id = "sign_in_second_factor",
    request_body = SecondFactorRequest,
    responses((status = OK, description = "Signed in; `Set-Cookie` carries the session.", body = SessionInfo), (status = UNPROCESSABLE_ENTITY, description = "`validation_failed`: the code is wrong, used already, or not a code (`fields.code`).", body = ApiError), (status = NOT_FOUND, description = "`not_found`: the pending sign-in expired or was completed.", body = ApiError), (status = TOO_MANY_REQUESTS, description = "`rate_limited`: too many codes tried.", body = ApiError)))]
async fn second_factor(
    State(state): State<AppState>,
    arrival: Arrival,
    jar: CookieJar,
    ApiJson(request): ApiJson<SecondFactorRequest>,
) -> Result<(CookieJar, Json<SessionInfo>), AppError> {
    let user = pending::prove(&state, &request.pending, &request.proof, &arrival.address.0).await?;
    let (jar, info) = sessions::start(&state, jar, user, &arrival).await?;
    Ok((jar, Json(info)))
}

/// Sign out: ends this session and expires its cookie.
#[utoipa::path(delete, path = "/session", tag = "session", operation_id = "sign_out",
    security(("session" = [], "csrf" = [])),
    responses((status = NO_CONTENT, description = "Signed out.")))]
async fn sign_out(
    State(state): State<AppState>,
    SettingUpSecondFactor(user): SettingUpSecondFactor,
    jar: CookieJar,
) -> Result<(CookieJar, StatusCode), AppError> {
    state.store.delete_session(&user.session_hash).await?;
    Ok((
        jar.add(expired_session_cookie(state.config.secure_cookies())),
        StatusCode::NO_CONTENT,
    ))
}

/// Proves again who the session's person is (their password, checked and throttled like a
/// sign-in), so this session may do sensitive actions for `--sudo-minutes` more; recorded in
/// the account's log. Other sessions stay as they were.
#[utoipa::path(post, path = "/session/reauthenticate", tag = "session", operation_id = "reauthenticate",
    request_body = ReauthenticateRequest, security(("session" = [], "csrf" = [])),
    responses((status = NO_CONTENT, description = "Confirmed: sensitive actions are allowed in this session for the next minutes."), (status = UNPROCESSABLE_ENTITY, description = "`validation_failed`: the password is not the account's (field `password`).", body = ApiError), (status = TOO_MANY_REQUESTS, description = "`rate_limited`: too many attempts for this account from this address, or from this address.", body = ApiError), (status = SERVICE_UNAVAILABLE, description = "`busy`: every password hashing slot stayed busy.", body = ApiError)))]
async fn reauthenticate(
    State(state): State<AppState>,
    // A setup-only session too: it may have to confirm its password before setting up a factor.
    SettingUpSecondFactor(user): SettingUpSecondFactor,
    address: ClientAddress,
    ApiJson(request): ApiJson<ReauthenticateRequest>,
) -> Result<StatusCode, AppError> {
    match confirm_again(&state, &user, &address, &request).await {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(AccountError::WrongPassword) => {
            Err(AppError::field("password", "This is not your password."))
        }
        // The session ended meanwhile (signed out elsewhere).
        Err(AccountError::NotFound) => Err(AppError::Unauthenticated),
        Err(err) => Err(err.into()),
    }
}
