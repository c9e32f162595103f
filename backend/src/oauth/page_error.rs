//! The one error type of the authorization pages (`authorize.rs`): a request refused before it
//! is understood (shown as a page, or sent back to the client's redirect URI), or a failure of
//! ours (logged, and a generic page). Handlers use `?` instead of mapping each failure by hand.

use axum::http::StatusCode;
use axum::response::Response;

use super::authorize_request::Rejection;
use super::pages::error_page;
use super::redirect;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::StoreError;

pub enum PageError {
    Rejected(Rejection),
    Internal(anyhow::Error),
}

impl From<Rejection> for PageError {
    fn from(rejection: Rejection) -> Self {
        PageError::Rejected(rejection)
    }
}

impl From<StoreError> for PageError {
    fn from(err: StoreError) -> Self {
        PageError::Internal(err.into())
    }
}

impl From<anyhow::Error> for PageError {
    fn from(err: anyhow::Error) -> Self {
        PageError::Internal(err)
    }
}

/// Reading the session fails only inside (the store); a page shows it as ours.
impl From<AppError> for PageError {
    fn from(err: AppError) -> Self {
        PageError::Internal(err.into())
    }
}

impl PageError {
    /// The response for this error; `state` names the issuer in errors sent to the client.
    pub fn respond(self, state: &AppState) -> Response {
        match self {
            PageError::Rejected(Rejection::Page { title, detail }) => {
                error_page(StatusCode::BAD_REQUEST, &title, &detail)
            }
            PageError::Rejected(Rejection::Redirect {
                redirect_uri,
                state: client_state,
                error,
                description,
            }) => redirect::error_to_client(
                &redirect_uri,
                client_state.as_deref(),
                &state.config.issuer(),
                error,
                &description,
            ),
            PageError::Internal(err) => {
                tracing::error!(error = ?err, "authorization failed");
                error_page(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong",
                    "The server could not complete the request. Try again.",
                )
            }
        }
    }
}

/// The response of a handler that may stop with a `PageError`.
pub fn answer(state: &AppState, result: Result<Response, PageError>) -> Response {
    result.unwrap_or_else(|err| err.respond(state))
}
