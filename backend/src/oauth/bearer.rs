//! Bearer access tokens on the built-in API (RFC 6750): the `Authorization: Bearer` header,
//! checked against the token store, and refused when the token's audience is another API
//! (RFC 8707). Errors carry `WWW-Authenticate` as section 3 describes, with the
//! `resource_metadata` URL of RFC 9728 section 5.1 so a client can find how to get a token.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::scope::ScopeSet;

use super::error::ErrorBody;
use super::lookup;
use crate::apis::BUILT_IN_ID;
use crate::state::AppState;
use crate::store::tokens::TokenKind;

/// A valid access token: whose it is and what it allows.
#[derive(Debug, Clone)]
pub struct BearerToken {
    pub client_id: String,
    pub user_id: Option<String>,
    pub scopes: ScopeSet,
}

#[derive(Debug)]
pub enum BearerError {
    /// Missing, unknown, expired or revoked (401 `invalid_token`).
    InvalidToken(&'static str),
    /// Valid, but without the scope this resource needs (403 `insufficient_scope`).
    InsufficientScope(String),
    /// Valid, but issued to an app acting for itself (client credentials) where the resource
    /// belongs to a person: it lacks a privilege, so 403 `insufficient_scope` (RFC 6750 section
    /// 3.1), not `invalid_token`, which would tell the app to get a new token of the same kind.
    NeedsUser(&'static str),
    Internal(anyhow::Error),
}

impl From<crate::store::StoreError> for BearerError {
    fn from(err: crate::store::StoreError) -> Self {
        BearerError::Internal(err.into())
    }
}

impl BearerToken {
    /// Refuses the request unless the token's scopes satisfy `required` (e.g. `files:write`).
    pub fn require(&self, required: &str) -> Result<(), BearerError> {
        let needed: ScopeSet = required
            .parse()
            .map_err(|err| BearerError::Internal(anyhow::anyhow!("bad scope {err}")))?;
        if self.scopes.satisfies(&needed) {
            Ok(())
        } else {
            Err(BearerError::InsufficientScope(needed.to_canonical_string()))
        }
    }
}

impl FromRequestParts<AppState> for BearerToken {
    type Rejection = BearerError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let value = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .ok_or(BearerError::InvalidToken("An access token is required."))?;
        let token = value
            .split_once(' ')
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .ok_or(BearerError::InvalidToken(
                "Send the access token as `Authorization: Bearer <token>`.",
            ))?;
        if let Some(problem) = lookup::jwt_problem(state, token).await {
            return Err(BearerError::InvalidToken(problem));
        }
        let row = lookup::stored_token(state, token).await?;
        let row = row
            .filter(|row| row.kind == TokenKind::Access && row.is_active(state.now()))
            .ok_or(BearerError::InvalidToken(
                "The access token is invalid, expired or revoked.",
            ))?;
        // Tokens issued before APIs existed have no audience and were all for this API.
        if !row.audience.is_empty() && !row.audience.contains(BUILT_IN_ID) {
            return Err(BearerError::InvalidToken(
                "The access token was issued for another API.",
            ));
        }
        Ok(BearerToken {
            client_id: row.client_id,
            user_id: row.user_id,
            scopes: row.scopes,
        })
    }
}

impl IntoResponse for BearerError {
    fn into_response(self) -> Response {
        let (status, challenge, error, description) = match &self {
            BearerError::InvalidToken(why) => (
                StatusCode::UNAUTHORIZED,
                format!("Bearer realm=\"clientele\", error=\"invalid_token\", error_description=\"{why}\""),
                "invalid_token",
                (*why).to_owned(),
            ),
            BearerError::InsufficientScope(scope) => (
                StatusCode::FORBIDDEN,
                format!("Bearer realm=\"clientele\", error=\"insufficient_scope\", scope=\"{scope}\""),
                "insufficient_scope",
                format!("This request needs the scope `{scope}`."),
            ),
            BearerError::NeedsUser(why) => (
                StatusCode::FORBIDDEN,
                format!("Bearer realm=\"clientele\", error=\"insufficient_scope\", error_description=\"{why}\""),
                "insufficient_scope",
                (*why).to_owned(),
            ),
            BearerError::Internal(err) => {
                tracing::error!(error = ?err, "checking an access token failed");
                let body = ErrorBody::<String> {
                    error: "server_error",
                    error_description: None,
                };
                return (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response();
            }
        };
        let mut response = (
            status,
            Json(ErrorBody {
                error,
                error_description: Some(description),
            }),
        )
            .into_response();
        if let Ok(value) = HeaderValue::from_str(&challenge) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, value);
        }
        response
    }
}
