//! `/api/v1/account`: the signed-in person's own sessions (`GET /account/sessions`; `DELETE`
//! ends all but this one; `DELETE /account/sessions/{id}` ends one), changing their password
//! (`PUT /account/password`), and, signed out, asking for a reset link by mail
//! (`POST /account/password-reset`: the same answer whether the email has an account or not)
//! and setting a new password with the link's token (`POST …/password-reset/complete`). The
//! operations live in `accounts::{session_list, password, password_reset}`.

use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use shared::api::{
    ChangePasswordRequest, CompletePasswordReset, PasswordResetRequest, PasswordResetRequested,
    SessionView,
};
use shared::field_errors::FieldErrors;

use crate::accounts::{password, password_reset, session_list, AccountError};
use crate::auth::CurrentUser;
use crate::client_address::ClientAddress;
use crate::error::AppError;
use crate::routes::json::ApiJson;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account/sessions", get(list).delete(end_others))
        .route("/account/sessions/{id}", delete(end))
        .route("/account/password", put(change_password))
        .route("/account/password-reset", post(request_reset))
        .route("/account/password-reset/complete", post(complete_reset))
        .layer(DefaultBodyLimit::max(super::SMALL_BODY_BYTES))
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<SessionView>>, AppError> {
    Ok(Json(session_list::list(&state, &user).await?))
}

async fn end(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    session_list::end(&state, &user, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn end_others(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<StatusCode, AppError> {
    session_list::end_others(&state, &user).await?;
    Ok(StatusCode::NO_CONTENT)
}

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

/// 202: the mail, if any, is on its way.
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
        let field = |name: &str, message: String| {
            let mut fields = FieldErrors::new();
            fields.insert(name.to_owned(), message);
            AppError::Validation(fields)
        };
        match err {
            AccountError::WrongPassword => field("current_password", err.to_string()),
            AccountError::WeakPassword(message) => field("new_password", message),
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
