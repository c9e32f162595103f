//! The signed-in person's own account: their sessions, changing their password, and resetting
//! a forgotten one through a mailed link.

use gloo_net::http::Request;
use shared::api::{
    AccountLogPage, ChangePasswordRequest, CompletePasswordReset, PasswordResetRequest,
    PasswordResetRequested, SessionView,
};

use super::{delete, get, segment, send, send_for_status, url, ApiFailure};

pub async fn sessions() -> Result<Vec<SessionView>, ApiFailure> {
    get("/account/sessions").await
}

/// Ends one of the person's sessions (signs that browser out).
pub async fn end_session(id: &str) -> Result<(), ApiFailure> {
    delete(&format!("/account/sessions/{}", segment(id))).await
}

/// Ends every session of the person but this one.
pub async fn end_other_sessions() -> Result<(), ApiFailure> {
    delete("/account/sessions").await
}

pub async fn change_password(request: &ChangePasswordRequest) -> Result<(), ApiFailure> {
    send_for_status(Request::put(&url("/account/password")), Some(request)).await
}

pub async fn request_password_reset(
    request: &PasswordResetRequest,
) -> Result<PasswordResetRequested, ApiFailure> {
    send(
        Request::post(&url("/account/password-reset")),
        Some(request),
    )
    .await
}

pub async fn complete_password_reset(request: &CompletePasswordReset) -> Result<(), ApiFailure> {
    let path = url("/account/password-reset/complete");
    send_for_status(Request::post(&path), Some(request)).await
}

/// A page of the person's own log, newest first; `cursor` is the previous page's
/// `next_cursor`.
pub async fn account_log(cursor: Option<String>) -> Result<AccountLogPage, ApiFailure> {
    match cursor {
        None => get("/account/audit").await,
        Some(cursor) => get(&format!("/account/audit?cursor={}", segment(&cursor))).await,
    }
}
