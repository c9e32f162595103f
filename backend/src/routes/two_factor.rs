//! `/api/v1/account/two-factor`: the signed-in person's second factors (what is on, setting up
//! an authenticator app, confirming it with a first code, turning it off with a current code,
//! new recovery codes), and `/api/v1/admin/two-factor-policy`, the administrators' policy. A
//! setup-only session may use the first three. The operations live in `accounts::two_factor`.

use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::Json;
use shared::api::{
    ApiError, RecoveryCodes, TotpCodeRequest, TotpSetup, TwoFactorPolicy, TwoFactorStatus,
};
use shared::two_factor::SecondFactorMethod;
use utoipa_axum::router::OpenApiRouter;

use crate::accounts::two_factor::{enrolled_factors, policy, recovery, totp, TwoFactorError};
use crate::auth::{Administrator, RecentlyAuthenticated, RecentlySettingUp, SettingUpSecondFactor};
use crate::client_address::ClientAddress;
use crate::error::AppError;
use crate::routes::json::ApiJson;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    super::documented!(status; begin_totp; confirm_totp; turn_off_totp; new_recovery_codes; policy_settings, set_policy)
        .layer(DefaultBodyLimit::max(super::SMALL_BODY_BYTES))
}

/// What protects the person's account, and whether the server requires it.
#[utoipa::path(get, path = "/account/two-factor", tag = "account", operation_id = "two_factor_status",
    security(("session" = [])),
    responses((status = OK, description = "Their second factors.", body = TwoFactorStatus)))]
async fn status(
    State(state): State<AppState>,
    SettingUpSecondFactor(user): SettingUpSecondFactor,
) -> Result<Json<TwoFactorStatus>, AppError> {
    let methods = enrolled_factors(&state.store, &user.user.id).await?;
    let left = state.store.recovery_codes_left(&user.user.id).await?;
    Ok(Json(TwoFactorStatus {
        totp: methods.contains(&SecondFactorMethod::Totp),
        recovery_codes_left: u32::try_from(left).unwrap_or(0),
        required: policy::required(&state.store).await?,
    }))
}

/// A new authenticator app secret (QR code and text), on only once a first code confirms it.
#[utoipa::path(post, path = "/account/two-factor/totp", tag = "account", operation_id = "begin_totp",
    security(("session" = [], "csrf" = [])),
    responses((status = OK, description = "The secret to scan or type.", body = TotpSetup), (status = FORBIDDEN, description = "`reauthentication_required`: this session's password was entered too long ago (`POST /session/reauthenticate` first); `forbidden`: the request lacks its CSRF token.", body = ApiError), (status = CONFLICT, description = "`conflict`: an app is already on.", body = ApiError)))]
async fn begin_totp(
    State(state): State<AppState>,
    // Sudo mode: a stolen session must not put its thief's app on the account (the owner could
    // no longer sign in).
    RecentlySettingUp(user): RecentlySettingUp,
) -> Result<Json<TotpSetup>, AppError> {
    Ok(Json(totp::begin(&state, &user.user).await?))
}

/// Turns the app on with its first code; answers the ten recovery codes, shown once.
#[utoipa::path(post, path = "/account/two-factor/totp/confirm", tag = "account", operation_id = "confirm_totp",
    request_body = TotpCodeRequest, security(("session" = [], "csrf" = [])),
    responses((status = OK, description = "On; the recovery codes.", body = RecoveryCodes), (status = UNPROCESSABLE_ENTITY, description = "`validation_failed`: the code is wrong or used (`fields.code`).", body = ApiError), (status = CONFLICT, description = "`conflict`: no setup was started.", body = ApiError), (status = TOO_MANY_REQUESTS, description = "`rate_limited`: too many codes tried.", body = ApiError)))]
async fn confirm_totp(
    State(state): State<AppState>,
    SettingUpSecondFactor(user): SettingUpSecondFactor,
    address: ClientAddress,
    ApiJson(request): ApiJson<TotpCodeRequest>,
) -> Result<Json<RecoveryCodes>, AppError> {
    Ok(Json(
        totp::confirm(&state, &user.user, &request.code, &address.0).await?,
    ))
}

/// Turns the app off with a current code; its recovery codes stop working.
#[utoipa::path(post, path = "/account/two-factor/totp/off", tag = "account", operation_id = "turn_off_totp",
    request_body = TotpCodeRequest, security(("session" = [], "csrf" = [])),
    responses((status = NO_CONTENT, description = "Off."), (status = FORBIDDEN, description = "`reauthentication_required`: this session's password was entered too long ago (`POST /session/reauthenticate` first); `forbidden`: the request lacks its CSRF token.", body = ApiError), (status = UNPROCESSABLE_ENTITY, description = "`validation_failed`: the code is wrong or used (`fields.code`).", body = ApiError), (status = CONFLICT, description = "`conflict`: no app is on.", body = ApiError), (status = TOO_MANY_REQUESTS, description = "`rate_limited`: too many codes tried.", body = ApiError)))]
async fn turn_off_totp(
    State(state): State<AppState>,
    RecentlyAuthenticated(user): RecentlyAuthenticated,
    address: ClientAddress,
    ApiJson(request): ApiJson<TotpCodeRequest>,
) -> Result<StatusCode, AppError> {
    totp::turn_off(&state, &user.user, &request.code, &address.0).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ten new recovery codes; the earlier ones stop working.
#[utoipa::path(post, path = "/account/two-factor/recovery-codes", tag = "account", operation_id = "new_recovery_codes",
    security(("session" = [], "csrf" = [])),
    responses((status = OK, description = "The new codes, shown once.", body = RecoveryCodes), (status = FORBIDDEN, description = "`reauthentication_required`: this session's password was entered too long ago (`POST /session/reauthenticate` first); `forbidden`: the request lacks its CSRF token.", body = ApiError), (status = CONFLICT, description = "`conflict`: no authenticator app is on.", body = ApiError)))]
async fn new_recovery_codes(
    State(state): State<AppState>,
    RecentlyAuthenticated(user): RecentlyAuthenticated,
    address: ClientAddress,
) -> Result<Json<RecoveryCodes>, AppError> {
    Ok(Json(
        recovery::replace(&state, &user.user, &address.0).await?,
    ))
}

/// Whether every developer must have a second factor.
#[utoipa::path(get, path = "/admin/two-factor-policy", tag = "admin", operation_id = "two_factor_policy",
    security(("session" = [])),
    responses((status = OK, description = "The policy.", body = TwoFactorPolicy), (status = FORBIDDEN, description = "`forbidden`: not an administrator.", body = ApiError)))]
async fn policy_settings(
    State(state): State<AppState>,
    _admin: Administrator,
) -> Result<Json<TwoFactorPolicy>, AppError> {
    Ok(Json(TwoFactorPolicy {
        required: policy::required(&state.store).await?,
    }))
}

/// Requires (or stops requiring) a second factor of every developer; those without one set it
/// up at their next sign-in before anything else.
#[utoipa::path(put, path = "/admin/two-factor-policy", tag = "admin", operation_id = "set_two_factor_policy",
    request_body = TwoFactorPolicy, security(("session" = [], "csrf" = [])),
    responses((status = OK, description = "The policy as saved.", body = TwoFactorPolicy)))]
async fn set_policy(
    State(state): State<AppState>,
    Administrator(admin): Administrator,
    ApiJson(request): ApiJson<TwoFactorPolicy>,
) -> Result<Json<TwoFactorPolicy>, AppError> {
    policy::set_required(&state.store, request.required, &admin.user.email).await?;
    Ok(Json(request))
}

impl From<TwoFactorError> for AppError {
    fn from(err: TwoFactorError) -> AppError {
        match err {
            TwoFactorError::WrongCode | TwoFactorError::Replayed => {
                AppError::field("code", err.to_string())
            }
            TwoFactorError::Throttled(retry_after_seconds) => AppError::RateLimited {
                retry_after_seconds,
            },
            TwoFactorError::AlreadyOn | TwoFactorError::NotSetUp => AppError::Conflict {
                field: None,
                message: err.to_string(),
            },
            TwoFactorError::PendingNotValid => {
                AppError::Gone("This sign-in expired or was completed already. Sign in again.")
            }
            TwoFactorError::Passkey(refused) => refused.into(),
            TwoFactorError::OtherAccountsPasskey => AppError::Refused(
                "That passkey belongs to another account. Use one of this account's passkeys.",
            ),
            TwoFactorError::Internal(err) => AppError::Internal(err),
        }
    }
}
