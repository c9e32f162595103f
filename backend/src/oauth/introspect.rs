//! `POST /oauth/introspect` (RFC 7662). Only an authenticated confidential client may ask, and
//! only about its own tokens: anything else, like an unknown, expired or revoked token, is
//! `{"active": false}` (section 2.2).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::client_auth::ClientRequest;
use super::cors::AllowedOriginsOf;
use super::error::{no_store, OAuthError};
use super::lookup;
use crate::state::AppState;
use crate::store::tokens::{TokenKind, TokenRow};

pub async fn introspect(
    State(state): State<AppState>,
    request: ClientRequest,
) -> Result<Response, OAuthError> {
    let ClientRequest { client, form, .. } = request;
    if client.secret_id.is_none() {
        return Err(OAuthError::UnauthorizedClient(
            "Introspection needs a confidential client's credentials.".into(),
        ));
    }
    let token = lookup::stored_token(&state, form.require("token")?).await?;
    let mut response = match token {
        Some(token) if token.client_id == client.app.client_id && token.is_active(state.now()) => {
            active_body(&token, &state.config.issuer())
        }
        _ => Json(Inactive { active: false }).into_response(),
    };
    no_store(response.headers_mut());
    response
        .extensions_mut()
        .insert(AllowedOriginsOf::app(&client.app));
    Ok(response)
}

/// The answer for a token that is unknown, expired, revoked or another client's: only
/// `"active": false` (RFC 7662 section 2.2), so it says nothing about which.
#[derive(Serialize)]
struct Inactive {
    active: bool,
}

/// An active token's answer (RFC 7662 section 2.2). Typed rather than built with `json!`, which
/// allocates every key of the map on every request.
#[derive(Serialize)]
struct ActiveToken<'a> {
    active: bool,
    scope: &'a shared::scope::ScopeSet,
    client_id: &'a str,
    token_type: &'static str,
    exp: i64,
    iat: i64,
    iss: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    username: Option<&'a str>,
}

fn active_body(token: &TokenRow, issuer: &str) -> Response {
    Json(ActiveToken {
        active: true,
        scope: &token.scopes,
        client_id: &token.client_id,
        token_type: if token.kind == TokenKind::Access {
            "Bearer"
        } else {
            "refresh_token"
        },
        exp: token.expires_at,
        iat: token.created_at,
        iss: issuer,
        sub: token.user_id.as_deref(),
        username: token.user_email.as_deref(),
    })
    .into_response()
}
