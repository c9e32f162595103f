//! The console API's one error type. Every handler returns `Result<_, AppError>`; the response
//! body is always the shared `ApiError` JSON, and internal failures are logged, never shown.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::api::ApiError;
use shared::field_errors::FieldErrors;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request was understood but some fields break the shared rules.
    #[error("validation failed")]
    Validation(FieldErrors),
    /// The body could not be read as the expected JSON.
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("body too large")]
    PayloadTooLarge,
    #[error("sign in first")]
    Unauthenticated,
    /// Wrong email or password; deliberately does not say which.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// A credential other than a password was refused (a passkey), with the reason shown.
    #[error("refused: {0}")]
    Refused(&'static str),
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// Sudo mode: the session must prove who its person is again first (`auth::sudo`); the
    /// minutes the window lasts.
    #[error("reauthentication required")]
    ReauthenticationRequired { minutes: i64 },
    /// A setup-only session (the administrator requires a second factor) asked for anything
    /// but setting one up.
    #[error("second factor setup required")]
    SecondFactorSetupRequired,
    /// Also used for other users' resources, so their existence is not revealed.
    #[error("not found")]
    NotFound,
    /// A 404 that says why (an invitation link that is not valid any more).
    #[error("not found: {0}")]
    Gone(&'static str),
    #[error("conflict: {message}")]
    Conflict {
        field: Option<&'static str>,
        message: String,
    },
    #[error("too many attempts")]
    RateLimited { retry_after_seconds: u64 },
    /// Every password slot stayed busy (see `password::Hasher`).
    #[error("busy")]
    Busy,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// `From<StoreError>` for error types (with an `Internal(anyhow::Error)` case) whose store
/// failures are internal errors.
macro_rules! store_errors_are_internal {
    ($error:ty) => {
        impl From<$crate::store::StoreError> for $error {
            fn from(err: $crate::store::StoreError) -> Self {
                Self::Internal(err.into())
            }
        }
    };
}
pub(crate) use store_errors_are_internal;

/// `From<HashError>` for error types with `Busy` and `Internal(anyhow::Error)` cases: all
/// password slots busy is `Busy`, a failed hash is internal.
macro_rules! hash_errors_are_busy_or_internal {
    ($error:ty) => {
        impl From<$crate::password::HashError> for $error {
            fn from(err: $crate::password::HashError) -> Self {
                match err {
                    $crate::password::HashError::Busy => Self::Busy,
                    $crate::password::HashError::Failed(err) => Self::Internal(err),
                }
            }
        }
    };
}
pub(crate) use hash_errors_are_busy_or_internal;

store_errors_are_internal!(AppError);

impl From<crate::auth::sign_in::SignInError> for AppError {
    fn from(err: crate::auth::sign_in::SignInError) -> Self {
        use crate::auth::sign_in::SignInError;
        match err {
            SignInError::NoMatch => AppError::InvalidCredentials,
            SignInError::Throttled(seconds) => AppError::RateLimited {
                retry_after_seconds: seconds,
            },
            SignInError::Busy => AppError::Busy,
            SignInError::Internal(err) => AppError::Internal(err),
        }
    }
}

impl From<crate::password::HashError> for AppError {
    fn from(err: crate::password::HashError) -> Self {
        match err {
            crate::password::HashError::Busy => AppError::Busy,
            crate::password::HashError::Failed(err) => AppError::Internal(err),
        }
    }
}

impl AppError {
    /// A validation error about one field: its key in the request and the sentence the console
    /// shows under it.
    pub fn field(key: impl Into<String>, message: impl Into<String>) -> AppError {
        AppError::Validation(FieldErrors::from([(key.into(), message.into())]))
    }

    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            AppError::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
            AppError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            AppError::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            AppError::Unauthenticated => (StatusCode::UNAUTHORIZED, "unauthenticated"),
            AppError::InvalidCredentials | AppError::Refused(_) => {
                (StatusCode::UNAUTHORIZED, "invalid_credentials")
            }
            AppError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            AppError::ReauthenticationRequired { .. } => {
                (StatusCode::FORBIDDEN, "reauthentication_required")
            }
            AppError::SecondFactorSetupRequired => {
                (StatusCode::FORBIDDEN, "second_factor_setup_required")
            }
            AppError::NotFound | AppError::Gone(_) => (StatusCode::NOT_FOUND, "not_found"),
            AppError::Conflict { .. } => (StatusCode::CONFLICT, "conflict"),
            AppError::RateLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            AppError::Busy => (StatusCode::SERVICE_UNAVAILABLE, "busy"),
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal_error"),
        }
    }

    fn body(&self, code: &'static str) -> ApiError {
        let mut fields = FieldErrors::new();
        let message = match self {
            AppError::Validation(errors) => {
                fields = errors.clone();
                "Some fields need attention.".to_owned()
            }
            AppError::BadRequest(message) => message.clone(),
            AppError::PayloadTooLarge => "The request is too large for this address.".to_owned(),
            AppError::Unauthenticated => "Sign in to continue.".to_owned(),
            AppError::InvalidCredentials => {
                "That email and password do not match an account.".to_owned()
            }
            AppError::Forbidden(reason) | AppError::Gone(reason) | AppError::Refused(reason) => {
                (*reason).to_owned()
            }
            AppError::ReauthenticationRequired { minutes } => format!(
                "Confirm it is you: enter your password again to do this. Nothing was changed. \
                 (Sensitive actions need a password entered in the last {minutes} minutes.)"
            ),
            AppError::SecondFactorSetupRequired => "This server requires a second factor: set \
                up an authenticator app or a passkey on your account page before anything else."
                .to_owned(),
            AppError::NotFound => "Nothing was found at this address.".to_owned(),
            AppError::Conflict { field, message } => {
                if let Some(field) = field {
                    fields.insert((*field).to_owned(), message.clone());
                }
                message.clone()
            }
            AppError::RateLimited {
                retry_after_seconds,
            } => {
                format!("Too many attempts. Try again in {retry_after_seconds} seconds.")
            }
            AppError::Busy => "The server is busy. Try again in a moment.".to_owned(),
            AppError::Internal(_) => "Something went wrong on the server. Try again.".to_owned(),
        };
        ApiError {
            error: code.to_owned(),
            message,
            fields,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(err) = &self {
            tracing::error!(error = ?err, "request failed");
        }
        let (status, code) = self.status_and_code();
        let mut response = (status, Json(self.body(code))).into_response();
        match &self {
            AppError::RateLimited {
                retry_after_seconds,
            } => {
                response.headers_mut().insert(
                    axum::http::header::RETRY_AFTER,
                    (*retry_after_seconds).into(),
                );
            }
            AppError::Busy => {
                response
                    .headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, 1.into());
            }
            _ => {}
        }
        response
    }
}
