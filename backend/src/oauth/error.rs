//! OAuth errors in RFC 6749 section 5.2 form: `{"error": code, "error_description": text}`,
//! never cached. `invalid_client` is 401 with `WWW-Authenticate: Basic` (section 5.2).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(Debug, thiserror::Error)]
pub enum OAuthError {
    #[error("invalid_request: {0}")]
    InvalidRequest(String),
    /// Unknown client, wrong secret, or no authentication: one body for all, so the answer
    /// does not tell which client ids exist.
    #[error("invalid_client")]
    InvalidClient,
    #[error("invalid_grant: {0}")]
    InvalidGrant(String),
    #[error("unauthorized_client: {0}")]
    UnauthorizedClient(String),
    #[error("unsupported_grant_type")]
    UnsupportedGrantType(String),
    #[error("invalid_scope: {0}")]
    InvalidScope(String),
    /// RFC 8707 section 2: a `resource` that is malformed, unknown, not for this client, or
    /// wider than the grant.
    #[error("invalid_target: {0}")]
    InvalidTarget(String),
    /// Too many failed password-grant attempts: RFC 6749 section 5.2 has no rate-limit error
    /// (`slow_down` belongs to the device flow, RFC 8628), so `invalid_grant` with the wait in
    /// the description and in `Retry-After`.
    #[error("invalid_grant: throttled for {0} s")]
    Throttled(u64),
    /// RFC 8628 section 3.5: the person has not decided yet; poll again after the interval.
    #[error("authorization_pending")]
    AuthorizationPending,
    /// RFC 8628 section 3.5: polled too often; the interval grows by 5 seconds.
    #[error("slow_down")]
    SlowDown,
    /// RFC 8628 section 3.5: the device code expired before the person decided.
    #[error("expired_token")]
    ExpiredToken,
    /// RFC 8628 section 3.5: the person denied the device.
    #[error("access_denied")]
    AccessDenied,
    /// Every password slot stayed busy: 503 with `Retry-After` (RFC 9110 section 15.6.4).
    #[error("temporarily_unavailable")]
    Busy,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<crate::store::StoreError> for OAuthError {
    fn from(err: crate::store::StoreError) -> Self {
        OAuthError::Internal(err.into())
    }
}

impl From<super::audience::InvalidTarget> for OAuthError {
    fn from(super::audience::InvalidTarget(why): super::audience::InvalidTarget) -> Self {
        OAuthError::InvalidTarget(why)
    }
}

impl From<crate::auth::sign_in::SignInError> for OAuthError {
    fn from(err: crate::auth::sign_in::SignInError) -> Self {
        use crate::auth::sign_in::SignInError;
        match err {
            SignInError::NoMatch => {
                OAuthError::InvalidGrant("The username or password is not right.".into())
            }
            SignInError::Throttled(seconds) => OAuthError::Throttled(seconds),
            SignInError::Busy => OAuthError::Busy,
            SignInError::Internal(err) => OAuthError::Internal(err),
        }
    }
}

impl OAuthError {
    pub fn code(&self) -> &'static str {
        match self {
            OAuthError::InvalidRequest(_) => "invalid_request",
            OAuthError::InvalidClient => "invalid_client",
            OAuthError::InvalidGrant(_) => "invalid_grant",
            OAuthError::UnauthorizedClient(_) => "unauthorized_client",
            OAuthError::UnsupportedGrantType(_) => "unsupported_grant_type",
            OAuthError::InvalidScope(_) => "invalid_scope",
            OAuthError::InvalidTarget(_) => "invalid_target",
            OAuthError::Throttled(_) => "invalid_grant",
            OAuthError::Busy => "temporarily_unavailable",
            OAuthError::AuthorizationPending => "authorization_pending",
            OAuthError::SlowDown => "slow_down",
            OAuthError::ExpiredToken => "expired_token",
            OAuthError::AccessDenied => "access_denied",
            OAuthError::Internal(_) => "server_error",
        }
    }

    pub fn description(&self) -> String {
        match self {
            OAuthError::InvalidClient => "Client authentication failed.".to_owned(),
            OAuthError::InvalidRequest(text)
            | OAuthError::InvalidGrant(text)
            | OAuthError::UnauthorizedClient(text)
            | OAuthError::InvalidScope(text)
            | OAuthError::InvalidTarget(text) => text.clone(),
            OAuthError::UnsupportedGrantType(grant) => {
                format!("The grant type `{grant}` is not supported.")
            }
            OAuthError::Throttled(seconds) => {
                format!("Too many failed attempts; try again in {seconds} seconds.")
            }
            OAuthError::Busy => "The server is busy; try again in a moment.".to_owned(),
            OAuthError::AuthorizationPending => {
                "The person has not decided yet; poll again after the interval.".to_owned()
            }
            OAuthError::SlowDown => {
                "Polling too often: wait 5 seconds longer between requests from now on.".to_owned()
            }
            OAuthError::ExpiredToken => {
                "The device code has expired; start over with a new one.".to_owned()
            }
            OAuthError::AccessDenied => "The person denied the device.".to_owned(),
            OAuthError::Internal(_) => "The server could not complete the request.".to_owned(),
        }
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        if let OAuthError::Internal(err) = &self {
            tracing::error!(error = ?err, "token endpoint failed");
        }
        let status = match self {
            OAuthError::InvalidClient => StatusCode::UNAUTHORIZED,
            OAuthError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            OAuthError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::BAD_REQUEST,
        };
        let body = ErrorBody {
            error: self.code(),
            error_description: Some(self.description()),
        };
        let mut response = (status, Json(body)).into_response();
        let headers = response.headers_mut();
        no_store(headers);
        match self {
            OAuthError::Throttled(seconds) => {
                headers.insert(header::RETRY_AFTER, seconds.into());
            }
            OAuthError::Busy => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            _ => {}
        }
        if matches!(self, OAuthError::InvalidClient) {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"clientele\""),
            );
        }
        response
    }
}

/// An OAuth error body (RFC 6749 section 5.2, RFC 6750 section 3): the code, and what went
/// wrong in words when there is something to say.
#[derive(Debug, serde::Serialize)]
pub struct ErrorBody<D: serde::Serialize> {
    pub error: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_description: Option<D>,
}

/// RFC 6749 section 5.1: token responses and errors must not be cached.
pub fn no_store(headers: &mut axum::http::HeaderMap) {
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
}
