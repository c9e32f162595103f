//! Passkeys in the console API. Signed in: the person's list (`GET /account/passkeys`),
//! adding one in two steps (`POST /account/passkeys/options`, then `POST /account/passkeys`
//! with the browser's answer), renaming (`PUT /account/passkeys/{id}`) and removing
//! (`DELETE …`). Signed out: signing in with one (`POST /session/passkey/options`, then
//! `POST /session/passkey`). The operations live in `passkeys`.

use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::Json;
use axum_extra::extract::CookieJar;
use shared::api::{
    ApiError, NewPasskey, PasskeyChallenge, PasskeySignIn, PasskeyView, RenamePasskey, SessionInfo,
};
use utoipa_axum::router::OpenApiRouter;

use crate::auth::sessions::{self, Arrival};
use crate::auth::{CurrentUser, RecentlyAuthenticated, RecentlySettingUp, SettingUpSecondFactor};
use crate::client_address::ClientAddress;
use crate::error::AppError;
use crate::passkeys::{manage, registration, verification, PasskeyError};
use crate::routes::json::ApiJson;
use crate::routes::url_parts::ApiPath;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    super::documented!(list, add; registration_options; rename, remove; sign_in_options; sign_in)
        .layer(DefaultBodyLimit::max(super::SMALL_BODY_BYTES))
}

/// The signed-in person's passkeys, oldest first.
#[utoipa::path(get, path = "/account/passkeys", tag = "account", operation_id = "list_passkeys",
    security(("session" = [])),
    responses((status = OK, description = "Every passkey of theirs.", body = Vec<PasskeyView>)))]
async fn list(
    State(state): State<AppState>,
    SettingUpSecondFactor(user): SettingUpSecondFactor,
) -> Result<Json<Vec<PasskeyView>>, AppError> {
    Ok(Json(manage::list(&state, &user).await?))
}

/// The first step of adding a passkey: options for `navigator.credentials.create`.
#[utoipa::path(post, path = "/account/passkeys/options", tag = "account", operation_id = "start_passkey_registration",
    security(("session" = [], "csrf" = [])),
    responses((status = OK, description = "A challenge, usable once within five minutes.", body = PasskeyChallenge), (status = FORBIDDEN, description = "`reauthentication_required`: this session's password was entered too long ago (`POST /session/reauthenticate` first); `forbidden`: the request lacks its CSRF token.", body = ApiError), (status = NOT_FOUND, description = "`not_found`: the server's public URL names no domain.", body = ApiError), (status = TOO_MANY_REQUESTS, description = "`rate_limited`: too many registrations under way, or passkeys on the account.", body = ApiError)))]
async fn registration_options(
    State(state): State<AppState>,
    // Sudo mode, as for an authenticator app: a stolen session must not add its thief's key.
    RecentlySettingUp(user): RecentlySettingUp,
) -> Result<Json<PasskeyChallenge>, AppError> {
    Ok(Json(registration::start(&state, &user).await?))
}

/// The second step: the name and the browser's answer; the passkey is stored.
#[utoipa::path(post, path = "/account/passkeys", tag = "account", operation_id = "add_passkey",
    request_body = NewPasskey, security(("session" = [], "csrf" = [])),
    responses((status = CREATED, description = "Added.", body = PasskeyView), (status = NOT_FOUND, description = "`not_found`: the challenge expired or was used.", body = ApiError), (status = UNAUTHORIZED, description = "`invalid_credentials`: the answer failed WebAuthn's checks.", body = ApiError), (status = CONFLICT, description = "`conflict`: this authenticator is registered already.", body = ApiError)))]
async fn add(
    State(state): State<AppState>,
    SettingUpSecondFactor(user): SettingUpSecondFactor,
    address: ClientAddress,
    ApiJson(request): ApiJson<NewPasskey>,
) -> Result<(StatusCode, Json<PasskeyView>), AppError> {
    let view = registration::finish(&state, &user, &address, request).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Renames one of the person's passkeys.
#[utoipa::path(put, path = "/account/passkeys/{id}", tag = "account", operation_id = "rename_passkey",
    params(("id" = String, Path, description = "The passkey's id (`pk_…`).")),
    request_body = RenamePasskey, security(("session" = [], "csrf" = [])),
    responses((status = OK, description = "Renamed.", body = PasskeyView), (status = NOT_FOUND, description = "`not_found`: no passkey of theirs has this id.", body = ApiError)))]
async fn rename(
    State(state): State<AppState>,
    user: CurrentUser,
    address: ClientAddress,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<RenamePasskey>,
) -> Result<Json<PasskeyView>, AppError> {
    Ok(Json(
        manage::rename(&state, &user, &address, &id, &request.name).await?,
    ))
}

/// Removes one of the person's passkeys: it signs no one in any more.
#[utoipa::path(delete, path = "/account/passkeys/{id}", tag = "account", operation_id = "remove_passkey",
    params(("id" = String, Path, description = "The passkey's id (`pk_…`).")),
    security(("session" = [], "csrf" = [])),
    responses((status = NO_CONTENT, description = "Removed."), (status = FORBIDDEN, description = "`reauthentication_required`: this session's password was entered too long ago (`POST /session/reauthenticate` first); `forbidden`: the request lacks its CSRF token.", body = ApiError), (status = NOT_FOUND, description = "`not_found`: no passkey of theirs has this id.", body = ApiError)))]
async fn remove(
    State(state): State<AppState>,
    RecentlyAuthenticated(user): RecentlyAuthenticated,
    address: ClientAddress,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode, AppError> {
    manage::remove(&state, &user, &address, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The first step of signing in with a passkey: options for `navigator.credentials.get`
/// (no email: the authenticator offers the person's passkeys).
#[utoipa::path(post, path = "/session/passkey/options", tag = "session", operation_id = "start_passkey_sign_in",
    responses((status = OK, description = "A challenge, usable once within five minutes.", body = PasskeyChallenge), (status = NOT_FOUND, description = "`not_found`: the server's public URL names no domain.", body = ApiError), (status = TOO_MANY_REQUESTS, description = "`rate_limited`: too many sign-ins under way from this address, or in all.", body = ApiError)))]
async fn sign_in_options(
    State(state): State<AppState>,
    address: ClientAddress,
) -> Result<Json<PasskeyChallenge>, AppError> {
    Ok(Json(verification::start(&state, &address.0).await?))
}

/// The second step: the browser's answer; the session cookie is set.
#[utoipa::path(post, path = "/session/passkey", tag = "session", operation_id = "sign_in_with_passkey",
    request_body = PasskeySignIn,
    responses((status = OK, description = "Signed in; `Set-Cookie` carries the session.", body = SessionInfo), (status = NOT_FOUND, description = "`not_found`: the challenge expired or was used.", body = ApiError), (status = UNAUTHORIZED, description = "`invalid_credentials`: an unknown or removed passkey, or an answer that failed WebAuthn's checks.", body = ApiError)))]
async fn sign_in(
    State(state): State<AppState>,
    arrival: Arrival,
    jar: CookieJar,
    ApiJson(request): ApiJson<PasskeySignIn>,
) -> Result<(CookieJar, Json<SessionInfo>), AppError> {
    let user =
        verification::sign_in(&state, &arrival, &request.challenge_id, &request.credential).await?;
    let (jar, info) = sessions::start(&state, jar, user, &arrival).await?;
    Ok((jar, Json(info)))
}

impl From<PasskeyError> for AppError {
    fn from(err: PasskeyError) -> AppError {
        let message = err.to_string();
        match err {
            PasskeyError::Unavailable => AppError::Gone(
                "Passkeys need this server to be reached by a domain name; ask its administrator.",
            ),
            PasskeyError::ChallengeNotValid => {
                AppError::Gone("This passkey request has expired or was already used. Try again.")
            }
            PasskeyError::TooManyChallenges => AppError::RateLimited {
                retry_after_seconds: 60,
            },
            PasskeyError::Malformed => AppError::field("credential", message),
            PasskeyError::NotVerified => {
                AppError::Refused("The passkey could not be verified. Try again.")
            }
            PasskeyError::UnknownPasskey => {
                AppError::Refused("This passkey is not registered here. It may have been removed.")
            }
            PasskeyError::AlreadyRegistered => AppError::Conflict {
                field: Some("credential"),
                message,
            },
            PasskeyError::NotFound => AppError::NotFound,
            PasskeyError::Internal(err) => AppError::Internal(err),
        }
    }
}
