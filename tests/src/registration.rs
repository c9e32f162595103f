//! Dynamic client registration (RFC 7591, RFC 7592) as a client that was never registered here
//! does it, and the administrators' console API for such clients.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::console_api::ConsoleUser;
use crate::oauth::{ClientApp, REDIRECT_URI};
use crate::TestApp;

/// A fresh server whose dynamic registration is in `mode`.
pub async fn server(mode: clientele::config::RegistrationMode) -> TestApp {
    crate::spawn_app_with(|config| config.registration.mode = mode).await
}

/// [`server`], with the administrator `admin@example.com` signed up.
pub async fn server_with_admin(
    mode: clientele::config::RegistrationMode,
) -> (TestApp, ConsoleUser) {
    let app = server(mode).await;
    let admin = app.sign_up_admin("admin@example.com").await;
    (app, admin)
}

/// `method path` with an optional bearer token and JSON body; (status, body or null).
pub async fn call(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> (StatusCode, Value) {
    let mut request = reqwest::Client::new().request(method, app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// A confidential web client's metadata, redirecting to the tests' [`REDIRECT_URI`].
pub fn confidential_metadata(name: &str) -> Value {
    json!({
        "client_name": name,
        "redirect_uris": [REDIRECT_URI],
        "token_endpoint_auth_method": "client_secret_basic",
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "scope": "files:read"
    })
}

/// A client registered at `/oauth/register` (with an initial access token when given):
/// its credentials and registration access token.
pub struct Registered {
    pub client: ClientApp,
    pub registration_access_token: String,
}

/// `POST /oauth/register` with `metadata` (and an initial access token when given), whatever
/// the answer: (status, body).
pub async fn registration_attempt(
    app: &TestApp,
    token: Option<&str>,
    metadata: &Value,
) -> (StatusCode, Value) {
    call(
        app,
        reqwest::Method::POST,
        "/oauth/register",
        token,
        Some(metadata),
    )
    .await
}

pub async fn register(app: &TestApp, token: Option<&str>, metadata: &Value) -> Registered {
    let (status, body) = registration_attempt(app, token, metadata).await;
    assert_eq!(status, 201, "registration failed: {body}");
    Registered {
        client: ClientApp {
            client_id: body["client_id"].as_str().unwrap().to_owned(),
            client_secret: body["client_secret"].as_str().map(str::to_owned),
        },
        registration_access_token: body["registration_access_token"]
            .as_str()
            .unwrap()
            .to_owned(),
    }
}

/// [`register`]s, openly (no initial access token), a confidential client named `name`
/// ([`confidential_metadata`]).
pub async fn register_confidential(app: &TestApp, name: &str) -> Registered {
    register(app, None, &confidential_metadata(name)).await
}

impl ConsoleUser {
    /// An administrator mints an initial access token: the `MintedToken` body.
    pub async fn mint_initial_access_token(&self, uses: i64, days: i64) -> Value {
        let response = self
            .post(
                "/api/v1/initial-access-tokens",
                &json!({ "uses": uses, "days": days }),
            )
            .await;
        crate::json_with_status(response, 201).await
    }
}
