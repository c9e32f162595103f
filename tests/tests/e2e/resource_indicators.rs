//! RFC 8707 resource indicators and RFC 9728 protected-resource metadata: tokens bound to the
//! API they are for, checked by a developer's own API (`resource_server.rs`) by signature and by
//! introspection, and refused by the APIs they are not for.

use reqwest::{header, StatusCode};
use serde_json::{json, Value};

use clientele_tests::apis::{api_draft, credentials_of};
use clientele_tests::authorization_ui::{
    allow, authorize_url, consent_names_the_api, param as ui_param,
    sign_in_on_the_authorization_page,
};
use clientele_tests::browser::Browser;
use clientele_tests::client_site::ClientSite;
use clientele_tests::console_api::{
    app_draft_with_scopes, spawn_app_with_developer, ConsoleUser, PASSWORD,
};
use clientele_tests::oauth::{location_params, param, ClientApp, REDIRECT_URI};
use clientele_tests::resource_server::{ApiCredentials, ResourceServer};
use clientele_tests::{
    assert_contains_all, header_text, spawn_app, status_and_json, text_at, TestApp,
};

/// A server with a developer, their API (`notes`) running on loopback, their app allowed the
/// API's scopes and the built-in ones, and a person to sign in.
struct World {
    app: TestApp,
    developer: ConsoleUser,
    notes: ResourceServer,
    notes_api: Value,
    client: ClientApp,
    person: ConsoleUser,
}

async fn world(token_format: &str) -> World {
    let (app, developer) = spawn_app_with_developer().await;
    let notes = ResourceServer::start(&app.address).await;
    let mut draft = api_draft("Notes API", &notes.identifier, &["notes"]);
    draft["token_format"] = json!(token_format);
    draft["token_lifetime"] = json!(600);
    let notes_api = developer.register_api(&draft).await;
    notes.use_credentials(credentials_of(&notes_api));
    let mut app_draft = app_draft_with_scopes("Notes app", "notes:write files:read openid");
    app_draft["grant_types"] = json!(["authorization_code", "refresh_token", "client_credentials"]);
    let client = developer.client_app(&app_draft).await;
    let person = app.sign_up("person@example.com").await;
    World {
        app,
        developer,
        notes,
        notes_api,
        client,
        person,
    }
}

impl World {
    fn built_in(&self) -> String {
        format!("{}/api/v1", self.app.address)
    }

    /// The person authorizes the app with these extra parameters (e.g. `resource`); the
    /// parameters of the redirect back to the app.
    async fn authorize(&self, scope: &str, extra: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut params = vec![
            ("response_type", "code"),
            ("client_id", self.client.client_id.as_str()),
            ("redirect_uri", REDIRECT_URI),
            ("scope", scope),
            ("state", "s"),
        ];
        params.extend_from_slice(extra);
        let response = self.app.authorize(&self.person.client, &params).await;
        let response = if response.status() == StatusCode::OK {
            let page = response.text().await.unwrap();
            self.app.decide(&self.person, &page, "allow").await
        } else {
            response
        };
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        location_params(&response)
    }

    async fn code(&self, scope: &str, extra: &[(&str, &str)]) -> String {
        let params = self.authorize(scope, extra).await;
        param(&params, "code").unwrap_or_else(|| panic!("no code: {params:?}"))
    }

    /// A token request; (status, body).
    async fn token(&self, form: &[(&str, &str)]) -> (StatusCode, Value) {
        let response = self.app.token_request(&self.client, form).await;
        status_and_json(response).await
    }

    /// The app redeems `code` with these extra parameters (e.g. `resource`, RFC 8707 section
    /// 2.2); (status, body).
    async fn redeem(&self, code: &str, extra: &[(&str, &str)]) -> (StatusCode, Value) {
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT_URI),
        ];
        form.extend_from_slice(extra);
        self.token(&form).await
    }

    async fn introspect_as(&self, credentials: &ApiCredentials, token: &str) -> Value {
        reqwest::Client::new()
            .post(self.app.url("/oauth/introspect"))
            .basic_auth(&credentials.client_id, Some(&credentials.client_secret))
            .form(&[("token", token)])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn a_token_asked_for_an_api_is_bound_to_it_and_its_server_accepts_it_by_introspection() {
    let world = world("opaque").await;
    let identifier = world.notes.identifier.clone();
    let code = world
        .code(
            "notes:write files:read openid",
            &[("resource", &identifier)],
        )
        .await;
    let (status, tokens) = world.redeem(&code, &[]).await;
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(
        tokens["scope"], "notes:read notes:write openid",
        "scopes are narrowed to the API's (identity scopes stay)"
    );
    assert_eq!(tokens["expires_in"], 600, "the API's token lifetime");
    let access = tokens["access_token"].as_str().unwrap();

    let (status, body) = world.notes.notes(access).await;
    assert_eq!(status, 200, "{body}");
    let introspected = world
        .introspect_as(&credentials_of(&world.notes_api), access)
        .await;
    assert_eq!(introspected["active"], true);
    assert_eq!(introspected["aud"], identifier.as_str());
    assert_eq!(
        world.app.introspect(&world.client, access).await["aud"],
        identifier.as_str(),
        "the app sees the audience too"
    );

    // The built-in API refuses a token for another API, and points to its metadata.
    let response = world.app.resource(access, "/api/v1/files").await;
    assert_eq!(response.status(), 401);
    let challenge = header_text(&response, header::WWW_AUTHENTICATE);
    assert!(challenge.contains("invalid_token"), "{challenge}");
    assert!(
        challenge.contains(&format!(
            "resource_metadata=\"{}/.well-known/oauth-protected-resource/api/v1\"",
            world.app.address
        )),
        "{challenge}"
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["error_description"],
        "The access token was issued for another API."
    );
}

#[tokio::test]
async fn a_jwt_for_an_api_carries_its_audience_and_its_server_verifies_it_with_the_jwks() {
    let world = world("jwt").await;
    let identifier = world.notes.identifier.clone();
    let (status, tokens) = world
        .token(&[
            ("grant_type", "client_credentials"),
            ("scope", "notes:read"),
            ("resource", &identifier),
        ])
        .await;
    assert_eq!(status, 200, "{tokens}");
    let jwt = tokens["access_token"].as_str().unwrap();
    assert_eq!(jwt.split('.').count(), 3, "the API asked for JWTs");
    let (status, body) = world.notes.notes(jwt).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains(&world.client.client_id),
        "client credentials act for the app: {body}"
    );

    // A JWT for the built-in API fails the API's own audience check.
    let (_, built_in) = world
        .token(&[
            ("grant_type", "client_credentials"),
            ("scope", "files:read"),
            ("is_jwt", "true"),
        ])
        .await;
    let other = built_in["access_token"].as_str().unwrap();
    let (status, body) = world.notes.notes(other).await;
    assert_eq!(status, 401);
    assert!(body.contains("JWT refused"), "{body}");
    assert_eq!(
        world.app.resource(other, "/api/v1/files").await.status(),
        403,
        "the built-in API accepts it (403: client credentials have no user's files)"
    );
}

#[tokio::test]
async fn rfc_8707_token_requests_good_and_bad() {
    let world = world("opaque").await;
    let notes = world.notes.identifier.clone();
    let built_in = world.built_in();
    let eleven: Vec<(&str, &str)> = (0..11).map(|_| ("resource", notes.as_str())).collect();
    // (what, form beyond grant_type=client_credentials, expected aud or error)
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, Result<Value, &'a str>);
    let cases: Vec<Case> = vec![
        (
            "no resource: every API the scopes are for",
            vec![("scope", "notes:read files:read")],
            Ok(json!([built_in, notes])),
        ),
        (
            "one resource",
            vec![("scope", "notes:read files:read"), ("resource", &notes)],
            Ok(json!(notes)),
        ),
        (
            "two resources",
            vec![
                ("scope", "notes:read files:read"),
                ("resource", &notes),
                ("resource", &built_in),
            ],
            Ok(json!([notes, built_in])),
        ),
        (
            "an unknown API",
            vec![
                ("scope", "notes:read"),
                ("resource", "https://unknown.example.com"),
            ],
            Err("invalid_target"),
        ),
        (
            "not an absolute URI",
            vec![("scope", "notes:read"), ("resource", "notes")],
            Err("invalid_target"),
        ),
        (
            "a fragment",
            vec![
                ("scope", "notes:read"),
                ("resource", "https://unknown.example.com/#x"),
            ],
            Err("invalid_target"),
        ),
        (
            "an API none of the scopes are for",
            vec![("scope", "notes:read"), ("resource", &built_in)],
            Err("invalid_target"),
        ),
        ("too many resources", eleven, Err("invalid_target")),
    ];
    for (what, extra, expected) in cases {
        let mut form = vec![("grant_type", "client_credentials")];
        form.extend(extra);
        let (status, body) = world.token(&form).await;
        match expected {
            Ok(aud) => {
                assert_eq!(status, 200, "{what}: {body}");
                let token = body["access_token"].as_str().unwrap();
                let introspected = world.app.introspect(&world.client, token).await;
                assert_eq!(introspected["aud"], aud, "{what}");
            }
            Err(error) => {
                assert_eq!(status, 400, "{what}: {body}");
                assert_eq!(body["error"], error, "{what}: {body}");
                assert!(
                    body["error_description"].as_str().unwrap().len() > 10,
                    "{what}"
                );
            }
        }
    }
}

#[tokio::test]
async fn the_authorization_request_binds_resources_that_the_token_requests_can_narrow_but_not_widen(
) {
    let world = world("opaque").await;
    let notes = world.notes.identifier.clone();
    let built_in = world.built_in();

    // An unknown resource at the authorization endpoint goes back to the app as invalid_target.
    let refused = world
        .authorize("notes:read", &[("resource", "https://unknown.example.com")])
        .await;
    assert_eq!(param(&refused, "error").as_deref(), Some("invalid_target"));

    let code = world
        .code(
            "notes:write files:read",
            &[("resource", &notes), ("resource", &built_in)],
        )
        .await;
    let (status, tokens) = world.redeem(&code, &[("resource", &notes)]).await;
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(tokens["scope"], "notes:read notes:write");
    let refresh = tokens["refresh_token"].as_str().unwrap().to_owned();

    // Refreshing for the other bound resource: allowed, narrowed to it.
    let (status, refreshed) = world
        .token(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh),
            ("resource", &built_in),
        ])
        .await;
    assert_eq!(status, 200, "{refreshed}");
    assert_eq!(refreshed["scope"], "files:read");
    let access = refreshed["access_token"].as_str().unwrap();
    assert_eq!(
        world.app.introspect(&world.client, access).await["aud"],
        built_in.as_str()
    );
    let refresh = refreshed["refresh_token"].as_str().unwrap().to_owned();

    // Refreshing without resource: the whole binding again.
    let (_, whole) = world
        .token(&[("grant_type", "refresh_token"), ("refresh_token", &refresh)])
        .await;
    assert_eq!(whole["scope"], "files:read notes:read notes:write");
    let refresh = whole["refresh_token"].as_str().unwrap().to_owned();

    // A second API of the same developer, never bound to this grant: refused.
    let other = ResourceServer::start(&world.app.address).await;
    world
        .developer
        .register_api(&api_draft("Other API", &other.identifier, &["other"]))
        .await;
    let (status, body) = world
        .token(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh),
            ("resource", &other.identifier),
        ])
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "invalid_target", "{body}");

    // A code bound to the notes API cannot be exchanged for the built-in API alone... it can,
    // it is bound to both; but one bound to notes only cannot widen to the built-in API.
    let code = world
        .code("notes:read files:read", &[("resource", &notes)])
        .await;
    let (status, body) = world.redeem(&code, &[("resource", &built_in)]).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "invalid_target", "{body}");
    assert!(text_at(&body, "/error_description").contains("not part of the original grant"));
}

#[tokio::test]
async fn an_api_cannot_read_another_apis_tokens_and_a_deleted_apis_tokens_die_with_it() {
    let world = world("opaque").await;
    let other = ResourceServer::start(&world.app.address).await;
    let other_api = world
        .developer
        .register_api(&api_draft("Other API", &other.identifier, &["other"]))
        .await;
    other.use_credentials(credentials_of(&other_api));
    let (_, tokens) = world
        .token(&[
            ("grant_type", "client_credentials"),
            ("scope", "notes:read"),
            ("resource", &world.notes.identifier),
        ])
        .await;
    let access = tokens["access_token"].as_str().unwrap();
    let notes_credentials = credentials_of(&world.notes_api);
    assert_eq!(
        world.introspect_as(&notes_credentials, access).await["active"],
        true
    );
    assert_eq!(
        world
            .introspect_as(&credentials_of(&other_api), access)
            .await,
        json!({"active": false}),
        "another API learns nothing"
    );
    let (status, _) = other.notes(access).await;
    assert_eq!(status, 401);

    // A wrong secret for an API's client id is an invalid client.
    let wrong = ApiCredentials {
        client_secret: "ras_wrong".into(),
        ..notes_credentials.clone()
    };
    let response = reqwest::Client::new()
        .post(world.app.url("/oauth/introspect"))
        .basic_auth(&wrong.client_id, Some(&wrong.client_secret))
        .form(&[("token", access)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);

    // Deleting the API revokes its tokens: an API registered again under the same identifier
    // does not inherit them.
    let id = world.notes_api["api"]["id"].as_str().unwrap();
    assert_eq!(
        world
            .developer
            .delete(&format!("/api/v1/apis/{id}"))
            .await
            .status(),
        204
    );
    let again = world
        .developer
        .register_api(&api_draft(
            "Notes API again",
            &world.notes.identifier,
            &["notes"],
        ))
        .await;
    assert_eq!(
        world.introspect_as(&credentials_of(&again), access).await["active"],
        false
    );
    assert_eq!(
        world
            .introspect_as(&notes_credentials, access)
            .await
            .get("active"),
        None,
        "the old credentials are gone (invalid_client)"
    );
}

#[tokio::test]
async fn the_built_in_api_publishes_its_protected_resource_metadata() {
    let app = spawn_app().await;
    let response = reqwest::get(app.url("/.well-known/oauth-protected-resource/api/v1"))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    let metadata: Value = response.json().await.unwrap();
    assert_eq!(metadata["resource"], format!("{}/api/v1", app.address));
    assert_eq!(metadata["authorization_servers"], json!([app.address]));
    assert_eq!(metadata["bearer_methods_supported"], json!(["header"]));
    let scopes = metadata["scopes_supported"].as_array().unwrap();
    assert!(scopes.contains(&json!("files:write")), "{scopes:?}");
    assert!(scopes.contains(&json!("accounts.self:read")), "{scopes:?}");

    let unauthenticated = reqwest::get(app.url("/api/v1/me")).await.unwrap();
    assert_eq!(unauthenticated.status(), 401);
    let challenge = header_text(&unauthenticated, header::WWW_AUTHENTICATE);
    assert!(challenge.contains("resource_metadata="), "{challenge}");
}

#[tokio::test]
async fn tokens_issued_before_apis_existed_still_open_the_built_in_api() {
    let world = world("opaque").await;
    let (_, tokens) = world
        .token(&[
            ("grant_type", "client_credentials"),
            ("scope", "files:read"),
        ])
        .await;
    let access = tokens["access_token"].as_str().unwrap();
    // What the migration leaves on rows written before it.
    sqlx::query("UPDATE tokens SET audience = ''")
        .execute(world.app.state.store.pool())
        .await
        .unwrap();
    assert_eq!(
        world.app.resource(access, "/api/v1/files").await.status(),
        403,
        "accepted as a token (403: client credentials have no user's files), not refused as another API's"
    );
    assert_eq!(
        world.app.introspect(&world.client, access).await["aud"],
        world.built_in().as_str()
    );
}

#[tokio::test]
async fn a_person_sees_which_api_the_app_will_reach_and_the_token_opens_it_through_the_browser() {
    let app = spawn_app().await;
    let site = ClientSite::start(&app.address).await;
    let developer = app.sign_up("dev@example.com").await;
    let notes = ResourceServer::start(&app.address).await;
    let notes_api = developer
        .register_api(&api_draft("Notes API", &notes.identifier, &["notes"]))
        .await;
    notes.use_credentials(credentials_of(&notes_api));
    let draft = app_draft_with_scopes("Notes app", "notes:write openid");
    let client = developer.client_app(&draft).await;
    app.sign_up("person@example.com").await;
    let browser = Browser::start().await;

    let url = authorize_url(
        &app,
        &client.client_id,
        &site.redirect_uri(),
        "notes:write openid",
        &[("resource", &notes.identifier)],
    );
    browser.goto(&url).await;
    sign_in_on_the_authorization_page(&browser, "person@example.com", PASSWORD).await;
    consent_names_the_api(&browser, "Notes API").await;
    let scopes = browser.text(r#"[data-testid="consent-scopes"]"#).await;
    assert_contains_all(&scopes, &[
        "Notes API",
        "notes (read and write, which includes read) — View, create, change and delete your notes in Notes API.",
        "Your identity",
        "Sign you in with your account.",
    ]);
    allow(&browser).await;
    let callback = site.wait_for_callback(1).await;
    let code = ui_param(&callback, "code").expect("a code").to_owned();
    browser.finish().await;

    let tokens = app.exchange_at(&client, &code, &site.redirect_uri()).await;
    assert_eq!(tokens["scope"], "notes:read notes:write openid");
    let (status, body) = notes.notes(tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(status, 200, "{body}");
}
