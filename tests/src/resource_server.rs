//! A small API of a developer's, as a real server on loopback, that accepts Clientele's access
//! tokens the two ways such an API would: a JWT by its signature (keys from the JWKS, with
//! `jwt-simple`, a library the server does not use) and its `aud`; an opaque token by asking
//! the introspection endpoint with the API's own credentials. `GET /notes` answers 200 with the
//! token's subject, or 401 with the reason.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::routing::get;
use axum::Router;
use jwt_simple::prelude::{ECDSAP256PublicKeyLike, JWTClaims, NoCustomClaims, VerificationOptions};
use serde_json::Value;

use crate::serving::{loopback_listener, serve, Serving};

use crate::jwks::header_of;

/// The introspection credentials an API gets when it is registered.
#[derive(Debug, Clone)]
pub struct ApiCredentials {
    pub client_id: String,
    pub client_secret: String,
}

#[derive(Clone)]
pub(crate) struct ServerState {
    /// Clientele's address (the issuer).
    pub(crate) issuer: String,
    pub(crate) identifier: String,
    credentials: Arc<Mutex<Option<ApiCredentials>>>,
}

pub struct ResourceServer {
    /// `http://127.0.0.1:PORT`: where it listens, and the identifier it is registered with.
    pub identifier: String,
    credentials: Arc<Mutex<Option<ApiCredentials>>>,
    _serving: Serving,
}

impl ResourceServer {
    /// Starts the API; it refuses every token until `use_credentials` gives it its own.
    pub async fn start(issuer: &str) -> ResourceServer {
        let (listener, identifier) = loopback_listener("the resource server").await;
        let credentials = Arc::new(Mutex::new(None));
        let state = ServerState {
            issuer: issuer.to_owned(),
            identifier: identifier.clone(),
            credentials: credentials.clone(),
        };
        let router = Router::new()
            .route("/notes", get(notes))
            .merge(crate::mcp_server::routes())
            .with_state(state);
        let _serving = serve(listener, router);
        ResourceServer {
            identifier,
            credentials,
            _serving,
        }
    }

    pub fn use_credentials(&self, credentials: ApiCredentials) {
        *self.credentials.lock().unwrap() = Some(credentials);
    }

    /// `GET /notes` with the token: the status and the body.
    pub async fn notes(&self, token: &str) -> (StatusCode, String) {
        let response = reqwest::Client::new()
            .get(format!("{}/notes", self.identifier))
            .bearer_auth(token)
            .send()
            .await
            .expect("calling the resource server");
        let status = response.status();
        (status, response.text().await.unwrap_or_default())
    }
}

async fn notes(State(state): State<ServerState>, headers: HeaderMap) -> (StatusCode, String) {
    match subject_of(&state, &headers).await {
        Ok(subject) => (StatusCode::OK, format!("notes of {subject}")),
        Err(why) => (StatusCode::UNAUTHORIZED, why),
    }
}

/// The subject of the request's bearer token, when the token is valid and for this API.
pub(crate) async fn subject_of(state: &ServerState, headers: &HeaderMap) -> Result<String, String> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .unwrap_or_default()
        .to_owned();
    if token.split('.').count() == 3 {
        by_signature(state, &token).await
    } else {
        by_introspection(state, &token).await
    }
}

/// RFC 9068 section 4: signature by a published key, issuer, and our identifier in `aud`.
async fn by_signature(state: &ServerState, token: &str) -> Result<String, String> {
    let kid = header_of(token)["kid"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let jwks: Value = reqwest::get(format!("{}/oauth/jwks.json", state.issuer))
        .await
        .map_err(|err| err.to_string())?
        .json()
        .await
        .map_err(|err| err.to_string())?;
    let key = crate::jwks::es256_key_from(&jwks, &kid).ok_or("unknown key")?;
    let options = VerificationOptions {
        allowed_issuers: Some(HashSet::from([state.issuer.clone()])),
        allowed_audiences: Some(HashSet::from([state.identifier.clone()])),
        ..VerificationOptions::default()
    };
    let claims: JWTClaims<NoCustomClaims> = key
        .verify_token(token, Some(options))
        .map_err(|err| format!("JWT refused: {err}"))?;
    Ok(claims.subject.unwrap_or_default())
}

/// RFC 7662 with the API's credentials: active, and for us.
async fn by_introspection(state: &ServerState, token: &str) -> Result<String, String> {
    let credentials = state
        .credentials
        .lock()
        .unwrap()
        .clone()
        .ok_or("no credentials yet")?;
    let answer: Value = reqwest::Client::new()
        .post(format!("{}/oauth/introspect", state.issuer))
        .basic_auth(&credentials.client_id, Some(&credentials.client_secret))
        .form(&[("token", token)])
        .send()
        .await
        .map_err(|err| err.to_string())?
        .json()
        .await
        .map_err(|err| err.to_string())?;
    if answer["active"] != true {
        return Err(format!("introspection says inactive: {answer}"));
    }
    let for_us = match &answer["aud"] {
        Value::String(one) => *one == state.identifier,
        Value::Array(many) => many.iter().any(|aud| *aud == state.identifier.as_str()),
        _ => false,
    };
    if !for_us {
        return Err(format!("not for this API: {answer}"));
    }
    Ok(answer["sub"].as_str().unwrap_or_default().to_owned())
}
