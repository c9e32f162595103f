//! Driving the OAuth flows over real HTTP, as a browser and a client app would: the browser
//! (a `ConsoleUser`'s cookie jar) visits the authorization endpoint and submits the consent
//! form; the app exchanges the code at the token endpoint.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use reqwest::{header, Response, StatusCode};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::console_api::ConsoleUser;
use crate::TestApp;

pub const REDIRECT_URI: &str = "https://example.com/callback";

/// A registered app as its developer would configure a client library.
#[derive(Debug, Clone)]
pub struct ClientApp {
    pub client_id: String,
    pub client_secret: Option<String>,
}

pub struct Pkce {
    pub verifier: String,
    pub challenge: String,
}

impl Pkce {
    pub fn new() -> Self {
        let verifier = format!("verifier-{}", "x".repeat(40));
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        Pkce {
            verifier,
            challenge,
        }
    }
}

impl Default for Pkce {
    fn default() -> Self {
        Self::new()
    }
}

/// The value of a hidden form field in a server-rendered page.
pub fn hidden_field(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = start + html[start..].find('"')?;
    Some(html_escape::decode_html_entities(&html[start..end]).into_owned())
}

/// The query parameters of a redirect's `Location`.
pub fn location_params(response: &Response) -> Vec<(String, String)> {
    let location = response
        .headers()
        .get(header::LOCATION)
        .expect("a Location header")
        .to_str()
        .unwrap();
    let url = url::Url::parse(location).expect("an absolute Location");
    url.query_pairs().into_owned().collect()
}

/// The token request's form for redeeming `code` sent to [`REDIRECT_URI`].
fn code_form<'a>(code: &'a str, verifier: Option<&'a str>) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", REDIRECT_URI),
    ];
    form.extend(verifier.map(|verifier| ("code_verifier", verifier)));
    form
}

/// The scopes an `oauth2` crate token response says were granted (its `scope`, RFC 6749
/// section 5.1), as text; panics when it names none.
pub fn granted_scopes(tokens: &impl oauth2::TokenResponse) -> Vec<String> {
    tokens
        .scopes()
        .expect("the token response names its scopes")
        .iter()
        .map(|scope| scope.to_string())
        .collect()
}

/// An error response's `error` code (empty when there is none).
pub async fn error_of(response: Response) -> String {
    let body: Value = response.json().await.unwrap();
    body["error"].as_str().unwrap_or_default().to_owned()
}

pub fn param(params: &[(String, String)], name: &str) -> Option<String> {
    params
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.clone())
}

/// The password grant's form for `user@example.com` and `files:read` (RFC 6749 section 4.3.2).
pub const USER_PASSWORD_GRANT: [(&str, &str); 4] = [
    ("grant_type", "password"),
    ("username", "user@example.com"),
    ("password", crate::console_api::PASSWORD),
    ("scope", "files:read"),
];

/// A fresh server where `dev@example.com` registered an app from `draft`
/// ([`TestApp::developer_with_app`]): the server, the developer, the app's credentials.
pub async fn spawn_with_app(draft: &Value) -> (TestApp, ConsoleUser, ClientApp) {
    let app = crate::spawn_app().await;
    let (developer, client) = app.developer_with_app(draft).await;
    (app, developer, client)
}

/// [`spawn_with_app`] and `user@example.com`, who will use the app.
pub async fn spawn_with_app_and_user(
    draft: &Value,
) -> (TestApp, ConsoleUser, ClientApp, ConsoleUser) {
    let app = crate::spawn_app().await;
    let (developer, client, user) = app.developer_app_and_user(draft).await;
    (app, developer, client, user)
}

/// [`spawn_with_app_and_user`], and the user allowed the app `scope`: the last item is the
/// user's token response.
pub async fn spawn_with_user_tokens(
    draft: &Value,
    scope: &str,
) -> (TestApp, ConsoleUser, ClientApp, ConsoleUser, Value) {
    let app = crate::spawn_app().await;
    let (developer, client, user, tokens) = app.developer_app_and_user_tokens(draft, scope).await;
    (app, developer, client, user, tokens)
}

impl TestApp {
    /// `GET /oauth/authorize` with these parameters, in `user`'s browser.
    pub async fn authorize(&self, browser: &reqwest::Client, params: &[(&str, &str)]) -> Response {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(params)
            .finish();
        browser
            .get(self.url(&format!("/oauth/authorize?{query}")))
            .send()
            .await
            .expect("authorize request")
    }

    /// `GET /oauth/authorize` in `user`'s browser asking for a code: `response_type=code`,
    /// `client_id` and `redirect_uri`, then the `extra` parameters.
    pub async fn authorize_code(
        &self,
        user: &ConsoleUser,
        client_id: &str,
        redirect_uri: &str,
        extra: &[(&str, &str)],
    ) -> Response {
        let mut params = vec![
            ("response_type", "code"),
            ("client_id", client_id),
            ("redirect_uri", redirect_uri),
        ];
        params.extend_from_slice(extra);
        self.authorize(&user.client, &params).await
    }

    /// `user`'s browser asks for a code for `client` with `scope`, as the app would send it.
    pub async fn authorize_scope(
        &self,
        user: &ConsoleUser,
        client: &ClientApp,
        scope: &str,
    ) -> Response {
        self.authorize_code(user, &client.client_id, REDIRECT_URI, &[("scope", scope)])
            .await
    }

    /// Submits the consent page's form with `decision` (`allow` or `deny`) as a program would,
    /// to set up codes for token-endpoint tests; `tests/e2e/authorization_pages.rs` drives the
    /// same form in the real browser.
    pub async fn decide(&self, user: &ConsoleUser, consent_page: &str, decision: &str) -> Response {
        let request =
            hidden_field(consent_page, "request").expect("the consent form carries the request");
        let csrf = hidden_field(consent_page, "csrf_token")
            .expect("the consent form carries a CSRF token");
        user.client
            .post(self.url("/oauth/authorize"))
            .form(&[
                ("request", request.as_str()),
                ("csrf_token", csrf.as_str()),
                ("decision", decision),
            ])
            .send()
            .await
            .expect("consent request")
    }

    /// The user's browser follows an authorization URL a client library built and allows
    /// access; returns the parameters of the redirect back to the app.
    pub async fn allow_at(&self, user: &ConsoleUser, authorize_url: &str) -> Vec<(String, String)> {
        let consent = user
            .client
            .get(authorize_url)
            .send()
            .await
            .expect("authorize request");
        assert_eq!(
            consent.status(),
            StatusCode::OK,
            "the consent page is shown"
        );
        let redirect = self
            .decide(user, &consent.text().await.unwrap(), "allow")
            .await;
        assert_eq!(redirect.status(), StatusCode::SEE_OTHER);
        location_params(&redirect)
    }

    /// Runs authorization + consent for `user` and returns the code from the redirect.
    pub async fn authorization_code(
        &self,
        user: &ConsoleUser,
        client: &ClientApp,
        scope: &str,
        pkce: Option<&Pkce>,
    ) -> String {
        let mut params = vec![
            ("response_type", "code"),
            ("client_id", client.client_id.as_str()),
            ("redirect_uri", REDIRECT_URI),
            ("scope", scope),
            ("state", "xyz"),
        ];
        if let Some(pkce) = pkce {
            params.push(("code_challenge", pkce.challenge.as_str()));
            params.push(("code_challenge_method", "S256"));
        }
        let response = self.authorize(&user.client, &params).await;
        let response = if response.status() == StatusCode::OK {
            let page = response.text().await.unwrap();
            self.decide(user, &page, "allow").await
        } else {
            response
        };
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "authorization did not redirect"
        );
        let params = location_params(&response);
        assert_eq!(param(&params, "state").as_deref(), Some("xyz"));
        assert_eq!(
            param(&params, "iss").as_deref(),
            Some(self.address.as_str())
        );
        param(&params, "code").expect("a code in the redirect")
    }

    /// `POST /oauth/token` with `client_secret_basic` when the client has a secret.
    pub async fn token_request(&self, client: &ClientApp, form: &[(&str, &str)]) -> Response {
        let http = reqwest::Client::new();
        let mut request = http.post(self.url("/oauth/token"));
        let mut fields: Vec<(&str, &str)> = form.to_vec();
        match &client.client_secret {
            Some(secret) => request = request.basic_auth(&client.client_id, Some(secret)),
            None => fields.push(("client_id", &client.client_id)),
        }
        request.form(&fields).send().await.expect("token request")
    }

    /// A successful token response's JSON.
    pub async fn tokens(&self, client: &ClientApp, form: &[(&str, &str)]) -> Value {
        let response = self.token_request(client, form).await;
        let status = response.status();
        let body: Value = response.json().await.unwrap();
        assert_eq!(status, 200, "token request failed: {body}");
        body
    }

    pub async fn introspect(&self, client: &ClientApp, token: &str) -> Value {
        let response = reqwest::Client::new()
            .post(self.url("/oauth/introspect"))
            .basic_auth(&client.client_id, client.client_secret.as_deref())
            .form(&[("token", token)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    /// Whether introspection by `client` (RFC 7662) calls `token` active.
    pub async fn is_active(&self, client: &ClientApp, token: &str) -> bool {
        let answer = self.introspect(client, token).await;
        answer["active"]
            .as_bool()
            .unwrap_or_else(|| panic!("an introspection answer without `active`: {answer}"))
    }

    /// The app's server redeems `code` at the token endpoint (no PKCE verifier).
    pub async fn exchange_request(&self, client: &ClientApp, code: &str) -> Response {
        self.token_request(client, &code_form(code, None)).await
    }

    /// The same with the PKCE `code_verifier`.
    pub async fn exchange_request_with_verifier(
        &self,
        client: &ClientApp,
        code: &str,
        verifier: &str,
    ) -> Response {
        self.token_request(client, &code_form(code, Some(verifier)))
            .await
    }

    /// The token response for `code`, which must be a success (no PKCE verifier).
    pub async fn exchange(&self, client: &ClientApp, code: &str) -> Value {
        self.tokens(client, &code_form(code, None)).await
    }

    /// The same with the PKCE `code_verifier`.
    pub async fn exchange_with_verifier(
        &self,
        client: &ClientApp,
        code: &str,
        verifier: &str,
    ) -> Value {
        self.tokens(client, &code_form(code, Some(verifier))).await
    }

    /// `user` allows `client` the `scope` and the app redeems the code: the token response.
    pub async fn user_tokens(&self, user: &ConsoleUser, client: &ClientApp, scope: &str) -> Value {
        let code = self.authorization_code(user, client, scope, None).await;
        self.exchange(client, &code).await
    }

    /// The access token of [`Self::user_tokens`].
    pub async fn user_access_token(
        &self,
        user: &ConsoleUser,
        client: &ClientApp,
        scope: &str,
    ) -> String {
        let tokens = self.user_tokens(user, client, scope).await;
        tokens["access_token"]
            .as_str()
            .expect("an access token")
            .to_owned()
    }

    /// The same with PKCE (S256), as a public client must.
    pub async fn user_tokens_with_pkce(
        &self,
        user: &ConsoleUser,
        client: &ClientApp,
        scope: &str,
    ) -> Value {
        let pkce = Pkce::new();
        let code = self
            .authorization_code(user, client, scope, Some(&pkce))
            .await;
        self.exchange_with_verifier(client, &code, &pkce.verifier)
            .await
    }

    /// The token response for a code sent to `redirect_uri` after a request built by
    /// `authorization_ui::authorize_url` (PKCE S256), which must be a success.
    pub async fn exchange_at(&self, client: &ClientApp, code: &str, redirect_uri: &str) -> Value {
        let verifier = Pkce::new().verifier;
        let form = [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect_uri),
            ("code_verifier", verifier.as_str()),
        ];
        self.tokens(client, &form).await
    }

    /// `POST /oauth/token` with the `refresh_token` grant.
    pub async fn refresh_request(&self, client: &ClientApp, refresh_token: &str) -> Response {
        self.token_request(
            client,
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token),
            ],
        )
        .await
    }

    /// A successful refresh's token response.
    pub async fn refreshed(&self, client: &ClientApp, refresh_token: &str) -> Value {
        self.tokens(
            client,
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token),
            ],
        )
        .await
    }

    /// `POST /oauth/revoke` with the client's credentials.
    pub async fn revoke(&self, client: &ClientApp, token: &str) -> Response {
        reqwest::Client::new()
            .post(self.url("/oauth/revoke"))
            .basic_auth(&client.client_id, client.client_secret.as_deref())
            .form(&[("token", token)])
            .send()
            .await
            .unwrap()
    }

    /// The page `user`'s browser gets for a plain authorization request of `client` (the
    /// consent page, or an error page).
    pub async fn consent_page(&self, user: &ConsoleUser, client: &ClientApp) -> String {
        self.authorize_code(user, &client.client_id, REDIRECT_URI, &[])
            .await
            .text()
            .await
            .unwrap()
    }

    /// `GET path` with the app's own client, its body as JSON whatever the status.
    pub async fn get_json(&self, path: &str) -> Value {
        self.get(path).await.json().await.unwrap()
    }

    /// Signs up `dev@example.com`, who registers an app from `draft`: (developer, the app's
    /// credentials).
    pub async fn developer_with_app(&self, draft: &Value) -> (ConsoleUser, ClientApp) {
        let developer = self.sign_up("dev@example.com").await;
        let client = developer.client_app(draft).await;
        (developer, client)
    }

    /// Signs up `dev@example.com`, who registers an app from `draft`, and
    /// `user@example.com`, who will use it: (developer, the app's credentials, user).
    pub async fn developer_app_and_user(
        &self,
        draft: &Value,
    ) -> (ConsoleUser, ClientApp, ConsoleUser) {
        let (developer, client) = self.developer_with_app(draft).await;
        let user = self.sign_up("user@example.com").await;
        (developer, client, user)
    }

    /// [`Self::developer_app_and_user`], and the user allows the app `scope`: (developer, the
    /// app's credentials, user, the user's token response).
    pub async fn developer_app_and_user_tokens(
        &self,
        draft: &Value,
        scope: &str,
    ) -> (ConsoleUser, ClientApp, ConsoleUser, Value) {
        let (developer, client, user) = self.developer_app_and_user(draft).await;
        let tokens = self.user_tokens(&user, &client, scope).await;
        (developer, client, user, tokens)
    }

    /// `GET path` on the resource API with a bearer token: the body as JSON, whatever the status.
    pub async fn resource_json(&self, token: &str, path: &str) -> Value {
        self.resource(token, path)
            .await
            .json()
            .await
            .expect("a JSON body")
    }

    /// `GET path` on the resource API with a bearer token.
    pub async fn resource(&self, token: &str, path: &str) -> Response {
        reqwest::Client::new()
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }
}

impl ConsoleUser {
    /// Registers an app from `draft` and returns its credentials.
    pub async fn client_app(&self, draft: &Value) -> ClientApp {
        let created = self.register_app(draft).await;
        ClientApp {
            client_id: created["app"]["client_id"].as_str().unwrap().to_owned(),
            client_secret: created["client_secret"].as_str().map(str::to_owned),
        }
    }
}
