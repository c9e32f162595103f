//! Why a console API call did not give the expected answer, in words a person can act on.

use std::fmt;

use gloo_net::http::Response;
use shared::api::ApiError;
use shared::field_errors::FieldErrors;

#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// The server could not be reached (offline, server down).
    Network(String),
    /// The server answered with an error body.
    Api { status: u16, error: ApiError },
    /// The server answered with something that is not the expected JSON.
    Unexpected(String),
    /// The browser's authenticator gave no passkey (cancelled, or none), in words.
    Authenticator(String),
}

impl ApiFailure {
    pub(super) fn network(err: gloo_net::Error) -> ApiFailure {
        ApiFailure::Network(err.to_string())
    }

    /// Reads an error answer; a body that is not an `ApiError` (a proxy's HTML page, say)
    /// still becomes a sentence with the status code.
    pub(super) async fn from_response(response: Response) -> ApiFailure {
        let status = response.status();
        match response.json::<ApiError>().await {
            Ok(error) => ApiFailure::Api { status, error },
            Err(_) => ApiFailure::Unexpected(format!("HTTP {status} {}", response.status_text())),
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiFailure::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The machine-readable error code (`validation_failed`, `not_found`, ...).
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiFailure::Api { error, .. } => Some(&error.error),
            _ => None,
        }
    }

    pub fn is_unauthenticated(&self) -> bool {
        self.status() == Some(401)
    }

    /// The server's per-field messages, keyed like the request (`name`, `redirect_uris.2`).
    pub fn fields(&self) -> FieldErrors {
        match self {
            ApiFailure::Api { error, .. } => error.fields.clone(),
            _ => FieldErrors::new(),
        }
    }
}

impl fmt::Display for ApiFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiFailure::Network(_) => {
                f.write_str("The server could not be reached. Check your connection and try again.")
            }
            ApiFailure::Api { error, .. } => f.write_str(&error.message),
            ApiFailure::Unexpected(detail) => {
                write!(f, "The server sent an unexpected answer ({detail}).")
            }
            ApiFailure::Authenticator(message) => f.write_str(message),
        }
    }
}
