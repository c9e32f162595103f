//! `POST /oauth/introspect` (RFC 7662). An authenticated confidential client may ask about its
//! own tokens, and a registered API's server about the access tokens issued for it (RFC 8707);
//! anything else, like an unknown, expired or revoked token or another API's, is
//! `{"active": false}` (section 2.2).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::client_auth::{IntrospectionRequest, Introspector};
use super::cors::AllowedOriginsOf;
use super::error::{no_store, OAuthError};
use super::lookup;
use crate::apis::Catalogue;
use crate::state::AppState;
use crate::store::tokens::{TokenKind, TokenRow};

pub async fn introspect(
    State(state): State<AppState>,
    request: IntrospectionRequest,
) -> Result<Response, OAuthError> {
    let IntrospectionRequest { caller, form } = request;
    if let Introspector::App(client) = &caller {
        if client.secret_id.is_none() {
            return Err(OAuthError::UnauthorizedClient(
                "Introspection needs a confidential client's credentials.".into(),
            ));
        }
    }
    let token = lookup::stored_token(&state, form.require("token")?).await?;
    let mut response = match token {
        Some(token) if may_read(&caller, &token) && token.is_active(state.now()) => {
            let catalogue = state.catalogue().await?;
            active_body(&token, &state.config.issuer(), &catalogue)
        }
        _ => Json(Inactive { active: false }).into_response(),
    };
    no_store(response.headers_mut());
    if let Introspector::App(client) = &caller {
        response
            .extensions_mut()
            .insert(AllowedOriginsOf::app(&client.app));
    }
    Ok(response)
}

/// An app reads its own tokens; an API's server reads the tokens whose audience names it, and
/// no other API's (RFC 7662 section 4: the server decides who may learn what).
fn may_read(caller: &Introspector, token: &TokenRow) -> bool {
    match caller {
        Introspector::App(client) => token.client_id == client.app.client_id,
        Introspector::Api(api) => {
            token.kind == TokenKind::Access && token.audience.contains(&api.id)
        }
    }
}

/// `aud` (RFC 7519 section 4.1.3): one string, or an array for several APIs. Borrowed from the
/// catalogue: nothing is copied per request.
#[derive(Serialize)]
#[serde(untagged)]
enum Aud<'a> {
    One(&'a str),
    Several(Vec<&'a str>),
}

/// The token's audience by identifier; tokens issued before APIs existed were all for the
/// built-in API. An API deleted since is left out.
fn audience_of<'a>(token: &TokenRow, catalogue: &'a Catalogue) -> Aud<'a> {
    if token.audience.is_empty() {
        return Aud::One(catalogue.built_in().identifier.as_str());
    }
    let mut identifiers: Vec<&str> = token
        .audience
        .ids()
        .filter_map(|id| catalogue.by_id(id))
        .map(|api| api.identifier.as_str())
        .collect();
    if identifiers.len() == 1 {
        Aud::One(identifiers.remove(0))
    } else {
        Aud::Several(identifiers)
    }
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
    /// RFC 7662 section 2.2, RFC 8707: the APIs the token is for.
    aud: Aud<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    username: Option<&'a str>,
}

fn active_body(token: &TokenRow, issuer: &str, catalogue: &Catalogue) -> Response {
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
        aud: audience_of(token, catalogue),
        sub: token.user_id.as_deref(),
        username: token.user_email.as_deref(),
    })
    .into_response()
}
