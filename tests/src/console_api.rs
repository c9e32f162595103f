//! A typed client for the console API: the session cookie (in the client's own cookie jar) and
//! the CSRF header on state-changing requests. It sends no browser headers: a step a person
//! takes in the console is tested in the real browser (`browser.rs`); this client sets up data
//! and checks the API's answers.

use reqwest::{Method, RequestBuilder, Response};
use serde_json::{json, Value};

use crate::TestApp;

pub const PASSWORD: &str = "correct horse battery staple";

/// One request of a table-driven test: what it does, what to send, and the status it answers
/// when allowed.
pub struct RouteCase {
    pub what: &'static str,
    pub method: Method,
    pub path: String,
    pub body: Option<Value>,
    pub fresh_status: u16,
}

/// A signed-in console user with their own cookie jar.
pub struct ConsoleUser {
    pub client: reqwest::Client,
    pub base: String,
    pub csrf_token: String,
    pub email: String,
    pub account: Value,
}

impl ConsoleUser {
    /// A request with the session cookie and the CSRF header.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client
            .request(method, format!("{}{path}", self.base))
            .header("x-csrf-token", &self.csrf_token)
    }

    /// `POST /api/v1/session/reauthenticate` with `password` (sudo mode).
    pub async fn reauthenticate(&self, password: &str) -> Response {
        self.post(
            "/api/v1/session/reauthenticate",
            &json!({ "method": "password", "password": password }),
        )
        .await
    }

    /// Sends one table case's request.
    pub async fn send_case(&self, case: &RouteCase) -> Response {
        let request = self.request(case.method.clone(), &case.path);
        let request = match &case.body {
            Some(body) => request.json(body),
            None => request,
        };
        request.send().await.expect(case.what)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(Method::GET, path).send().await.expect("GET")
    }

    /// `GET path`, its body as JSON (a `Value`, or what the caller reads it as) whatever the
    /// status.
    pub async fn get_json<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        self.get(path).await.json().await.expect("JSON body")
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.send_json(Method::POST, path, body).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Response {
        self.send_json(Method::PUT, path, body).await
    }

    /// A request with `body` as its JSON.
    async fn send_json(&self, method: Method, path: &str, body: &Value) -> Response {
        let what = method.to_string();
        self.request(method, path)
            .json(body)
            .send()
            .await
            .expect(&what)
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.request(Method::DELETE, path)
            .send()
            .await
            .expect("DELETE")
    }

    /// `POST` `body` to `path`; the answer's JSON, whatever the status.
    pub async fn post_json(&self, path: &str, body: &Value) -> Value {
        self.post(path, body).await.json().await.expect("JSON body")
    }

    /// The app's secrets, as the console lists them.
    pub async fn secrets_of(&self, client_id: &str) -> Vec<Value> {
        self.get(&format!("/api/v1/apps/{client_id}/secrets"))
            .await
            .json()
            .await
            .expect("a list of secrets")
    }

    /// Deletes the app `client_id` (`DELETE /api/v1/apps/{client_id}`).
    pub async fn delete_app(&self, client_id: &str) -> Response {
        self.delete(&format!("/api/v1/apps/{client_id}")).await
    }

    /// Registers `app_draft(name)` with `icon` (base64) as its icon; the `CreatedApp` body.
    pub async fn register_app_with_icon(&self, name: &str, icon: &str) -> Value {
        let mut draft = app_draft(name);
        draft["icon"] = json!(icon);
        self.register_app(&draft).await
    }

    /// Revokes the first secret the console lists for the app.
    pub async fn revoke_first_secret(&self, client_id: &str) -> Response {
        let secrets = self.secrets_of(client_id).await;
        let secret_id = secrets[0]["id"].as_str().unwrap();
        self.delete(&format!("/api/v1/apps/{client_id}/secrets/{secret_id}"))
            .await
    }

    /// Registers an app from `draft`, which must be refused with 422: the error body.
    pub async fn refused_registration(&self, draft: &Value) -> Value {
        let response = self.post("/api/v1/apps", draft).await;
        crate::json_with_status(response, 422).await
    }

    /// Registers an app from `draft` and returns the `CreatedApp` body.
    pub async fn register_app(&self, draft: &Value) -> Value {
        let response = self.post("/api/v1/apps", draft).await;
        let status = response.status();
        let body: Value = response.json().await.expect("JSON body");
        assert_eq!(status, 201, "registering an app failed: {body}");
        body
    }
}

impl TestApp {
    /// Signs up a new account through the API and returns it signed in.
    pub async fn sign_up(&self, email: &str) -> ConsoleUser {
        let client = self.new_client();
        let response = self
            .post_from(
                &client,
                "/api/v1/accounts",
                &json!({ "email": email, "display_name": "Test Developer", "password": PASSWORD }),
            )
            .await;
        assert_eq!(response.status(), 201, "sign-up failed");
        self.signed_in(client, email, response).await
    }

    /// The user a successful sign-up or sign-in response describes.
    async fn signed_in(
        &self,
        client: reqwest::Client,
        email: &str,
        response: Response,
    ) -> ConsoleUser {
        let session: Value = response.json().await.expect("session JSON");
        ConsoleUser {
            client,
            base: self.address.clone(),
            csrf_token: session["csrf_token"]
                .as_str()
                .expect("csrf token")
                .to_owned(),
            email: email.to_owned(),
            account: session["account"].clone(),
        }
    }

    /// Creates an administrator directly in the database (as `clientele user create --admin`
    /// does) and signs it in.
    pub async fn sign_up_admin(&self, email: &str) -> ConsoleUser {
        let hash = clientele::password::hash(PASSWORD.to_owned())
            .await
            .expect("hashing");
        self.state
            .store
            .insert_user(&clientele::store::users::NewUser {
                id: &clientele::ids::new_id("usr"),
                email,
                display_name: "Admin",
                password_hash: &hash,
                is_admin: true,
                created_at: self.clock_now(),
            })
            .await
            .expect("inserting an admin");
        self.sign_in(email, PASSWORD).await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> ConsoleUser {
        let client = self.new_client();
        let response = self.session_attempt(&client, email, password).await;
        assert_eq!(response.status(), 200, "sign-in failed");
        self.signed_in(client, email, response).await
    }

    /// `POST /api/v1/session` with these credentials from `client`: a console sign-in's
    /// password step, whatever it answers.
    pub async fn session_attempt(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> Response {
        self.post_from(
            client,
            "/api/v1/session",
            &json!({ "email": email, "password": password }),
        )
        .await
    }

    fn clock_now(&self) -> i64 {
        use clientele::clock::Clock;
        self.clock.now()
    }
}

/// A fresh server (see `spawn_app`) and a developer, dev@example.com, signed up and signed in
/// through the console API: where most console API tests start.
pub async fn spawn_app_with_developer() -> (TestApp, ConsoleUser) {
    let app = crate::spawn_app().await;
    let developer = app.sign_up("dev@example.com").await;
    (app, developer)
}

/// A complete, valid registration form.
pub fn app_draft(name: &str) -> Value {
    json!({
        "name": name,
        "website": "https://example.com",
        "description": "Syncs files with the Example desktop app.",
        "client_type": "confidential",
        "redirect_uris": ["https://example.com/callback", "http://127.0.0.1/callback"],
        "allowed_origins": ["https://example.com"],
        "scopes": "files:write accounts.self:read openid",
        "grant_types": ["authorization_code", "refresh_token"],
        "privacy_policy_url": "https://example.com/privacy",
        "terms_url": "https://example.com/terms",
        "token_format": "opaque"
    })
}

/// [`app_draft`] asking for `scopes` (space-separated) instead of the default ones.
pub fn app_draft_with_scopes(name: &str, scopes: &str) -> Value {
    let mut draft = app_draft(name);
    draft["scopes"] = json!(scopes);
    draft
}

/// [`app_draft`] that may also use the client credentials grant (an app with a backend of its
/// own as well as users).
pub fn draft_with_client_credentials(name: &str) -> Value {
    draft_with_grants(
        name,
        &["authorization_code", "refresh_token", "client_credentials"],
    )
}

/// [`app_draft`] with these grant types instead.
pub fn draft_with_grants(name: &str, grants: &[&str]) -> Value {
    let mut draft = app_draft(name);
    draft["grant_types"] = json!(grants);
    draft
}

/// [`app_draft`] for a public client (no secret; PKCE required).
pub fn public_draft(name: &str) -> Value {
    let mut draft = app_draft(name);
    draft["client_type"] = json!("public");
    draft
}
