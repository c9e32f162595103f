//! `/api/v1/account`: the signed-in person's own sessions (`GET /account/sessions`; `DELETE`
//! ends all but this one; `DELETE /account/sessions/{id}` ends one), changing their password
//! (`PUT /account/password`), and, signed out, asking for a reset link by mail
//! (`POST /account/password-reset`: the same answer whether the email has an account or not)
//! and setting a new password with the link's token (`POST …/password-reset/complete`). The
//! operations live in `accounts::{session_list, password, password_reset}`. The person's own
//! log (`GET /account/audit`, newest first, a keyset page at a time) is `accounts::audit`.

use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use shared::api::{
    AccountLogPage, ApiError, ChangePasswordRequest, CompletePasswordReset, PasswordResetRequest,
    PasswordResetRequested, SessionView,
};

use crate::accounts::{audit, password, password_reset, session_list, AccountError};
use crate::auth::{CurrentUser, RecentlyAuthenticated};
use crate::client_address::ClientAddress;
use crate::error::AppError;
use crate::routes::json::ApiJson;
use crate::routes::url_parts::{ApiPath, ApiQuery};
use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;

pub fn router() -> OpenApiRouter<AppState> {
    super::documented!(list, end_others; end; change_password; request_reset; complete_reset; audit_log)
        .layer(DefaultBodyLimit::max(super::SMALL_BODY_BYTES))
}

/// The signed-in person's console sessions, this one marked `current`.
#[utoipa::path(get, path = "/account/sessions", tag = "account", operation_id = "list_account_sessions",
    security(("session" = [])),
    responses((status = OK, description = "Every session of theirs.", body = Vec<SessionView>)))]
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<SessionView>>, AppError> {
    Ok(Json(session_list::list(&state, &user).await?))
}

/// Ends one other session of the person's (someone else's id: 404).
#[utoipa::path(delete, path = "/account/sessions/{id}", tag = "account", operation_id = "end_account_session",
    params(("id" = String, Path, description = "The session's public id (`sid_…`).")),
    security(("session" = [], "csrf" = [])),
    responses((status = NO_CONTENT, description = "Signed out there."), (status = NOT_FOUND, description = "`not_found`: no session of theirs has this id.", body = ApiError)))]
async fn end(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode, AppError> {
    session_list::end(&state, &user, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends every session of the person's but this one (sudo mode: a recent authentication).
#[utoipa::path(delete, path = "/account/sessions", tag = "account", operation_id = "end_other_account_sessions",
    security(("session" = [], "csrf" = [])),
    responses((status = NO_CONTENT, description = "Every other browser is signed out."), (status = FORBIDDEN, description = "`reauthentication_required`: this session's password was entered too long ago (`POST /session/reauthenticate` first); `forbidden`: the request lacks its CSRF token.", body = ApiError)))]
async fn end_others(
    State(state): State<AppState>,
    user: RecentlyAuthenticated,
) -> Result<StatusCode, AppError> {
    session_list::end_others(&state, &user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes the password (the current one first); ends the other sessions.
#[utoipa::path(put, path = "/account/password", tag = "account", operation_id = "change_password",
    request_body = ChangePasswordRequest, security(("session" = [], "csrf" = [])),
    responses((status = NO_CONTENT, description = "Changed; other sessions ended."), (status = TOO_MANY_REQUESTS, description = "`rate_limited`: too many wrong current passwords.", body = ApiError), (status = SERVICE_UNAVAILABLE, description = "`busy`: every password hashing slot stayed busy.", body = ApiError)))]
async fn change_password(
    State(state): State<AppState>,
    user: CurrentUser,
    address: ClientAddress,
    ApiJson(request): ApiJson<ChangePasswordRequest>,
) -> Result<StatusCode, AppError> {
    password::change(
        &state,
        &user,
        &address,
        &request.current_password,
        &request.new_password,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct LogParams {
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Entries per page, 1 to 50 (50 by default; others are brought within).
    limit: Option<i64>,
}

/// The person's own log (password changes and resets, re-authentications), newest first.
#[utoipa::path(get, path = "/account/audit", tag = "account", operation_id = "account_audit_log",
    params(LogParams), security(("session" = [])),
    responses((status = OK, description = "One page of the log.", body = AccountLogPage)))]
async fn audit_log(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(params): ApiQuery<LogParams>,
) -> Result<Json<AccountLogPage>, AppError> {
    let limit = params.limit.unwrap_or(audit::PAGE_SIZE);
    audit::page(&state.store, &user.user.id, params.cursor.as_deref(), limit)
        .await?
        .map(Json)
        .ok_or_else(|| {
            AppError::BadRequest("The page cursor is not valid; start from the first page.".into())
        })
}

/// 202: the mail, if any, is on its way.
#[utoipa::path(post, path = "/account/password-reset", tag = "account", operation_id = "request_password_reset",
    request_body = PasswordResetRequest,
    responses((status = ACCEPTED, description = "The same answer whether the email has an account or not.", body = PasswordResetRequested), (status = NOT_FOUND, description = "`not_found`: this server mails no reset links (no SMTP).", body = ApiError), (status = TOO_MANY_REQUESTS, description = "`rate_limited`: asked too often for this email or from this address.", body = ApiError)))]
async fn request_reset(
    State(state): State<AppState>,
    address: ClientAddress,
    ApiJson(request): ApiJson<PasswordResetRequest>,
) -> Result<(StatusCode, Json<PasswordResetRequested>), AppError> {
    let message = password_reset::request(&state, &address, &request.email).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(PasswordResetRequested { message }),
    ))
}

/// Sets a new password with a mailed link's token; ends every session of the account.
#[utoipa::path(post, path = "/account/password-reset/complete", tag = "account", operation_id = "complete_password_reset",
    request_body = CompletePasswordReset,
    responses((status = NO_CONTENT, description = "The password is set."), (status = NOT_FOUND, description = "`not_found`: the link was used, expired or replaced, or this server mails no links.", body = ApiError), (status = TOO_MANY_REQUESTS, description = "`rate_limited`: too many attempts from this address.", body = ApiError), (status = SERVICE_UNAVAILABLE, description = "`busy`: every password hashing slot stayed busy.", body = ApiError)))]
async fn complete_reset(
    State(state): State<AppState>,
    address: ClientAddress,
    ApiJson(request): ApiJson<CompletePasswordReset>,
) -> Result<StatusCode, AppError> {
    password_reset::complete(&state, &address, &request.token, &request.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

impl From<AccountError> for AppError {
    fn from(err: AccountError) -> AppError {
        match err {
            AccountError::WrongPassword => AppError::field("current_password", err.to_string()),
            AccountError::WeakPassword(message) => AppError::field("new_password", message),
            AccountError::LinkNotValid => AppError::Gone(
                "This link does not work any more: it was used, it expired, or a newer one \
                 replaced it. Ask for a new link.",
            ),
            AccountError::NoMail => AppError::Gone(
                "This server does not mail password-reset links. Ask its administrator to set \
                 a new password for you.",
            ),
            AccountError::NotFound => AppError::NotFound,
            AccountError::Throttled(retry_after_seconds) => AppError::RateLimited {
                retry_after_seconds,
            },
            AccountError::Busy => AppError::Busy,
            AccountError::Internal(err) => AppError::Internal(err),
        }
    }
}
