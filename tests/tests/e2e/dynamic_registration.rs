//! Dynamic client registration (RFC 7591) and the client configuration endpoint (RFC 7592), as
//! a client that was never registered here does it: in the open mode, and with an
//! administrator's initial access token.

use clientele::config::RegistrationMode;
use clientele_tests::apis::developers_api_draft;
use clientele_tests::oauth::{location_params, param};
use clientele_tests::registration::{call, register, registration_attempt, server};
use clientele_tests::spawn_app;
use serde_json::{json, Value};

fn metadata() -> Value {
    json!({
        "client_name": "Terminal Notes",
        "redirect_uris": ["http://127.0.0.1:33418/callback"],
        "token_endpoint_auth_method": "none",
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "scope": "openid files:read"
    })
}

#[tokio::test]
async fn an_open_server_registers_a_client_that_can_read_change_and_delete_its_registration() {
    let app = server(RegistrationMode::Open).await;
    let discovery = app
        .get_json("/.well-known/oauth-authorization-server")
        .await;
    assert_eq!(
        discovery["registration_endpoint"],
        app.url("/oauth/register")
    );

    let (status, registered) = registration_attempt(&app, None, &metadata()).await;
    assert_eq!(status, 201, "{registered}");
    let client_id = registered["client_id"].as_str().unwrap().to_owned();
    assert_eq!(registered["client_name"], "Terminal Notes");
    assert_eq!(registered["token_endpoint_auth_method"], "none");
    assert_eq!(registered["scope"], "files:read openid");
    assert_eq!(
        registered.get("client_secret"),
        None,
        "a public client has no secret"
    );
    let token = registered["registration_access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let config_path = format!("/oauth/register/{client_id}");
    assert_eq!(registered["registration_client_uri"], app.url(&config_path));
    let stored: (String, String) = sqlx::query_as(
        "SELECT registration, registration_token_hash FROM apps WHERE client_id = $1",
    )
    .bind(&client_id)
    .fetch_one(app.state.store.pool())
    .await
    .unwrap();
    assert_eq!(stored.0, "dynamic");
    assert_ne!(
        stored.1, token,
        "the registration access token is stored as a hash"
    );

    let (status, read) = call(&app, reqwest::Method::GET, &config_path, Some(&token), None).await;
    assert_eq!(status, 200);
    assert_eq!(read["client_id"], client_id.as_str());
    assert_eq!(read.get("registration_access_token"), None);

    let mut changed = metadata();
    changed["client_name"] = json!("Terminal Notes 2");
    let (status, updated) = call(
        &app,
        reqwest::Method::PUT,
        &config_path,
        Some(&token),
        Some(&changed),
    )
    .await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["client_name"], "Terminal Notes 2");

    // Another token, or none, learns nothing.
    for wrong in [None, Some("crg_wrong")] {
        let (status, body) = call(&app, reqwest::Method::GET, &config_path, wrong, None).await;
        assert_eq!(status, 401);
        assert_eq!(body["error"], "invalid_token");
    }

    let (status, _) = call(
        &app,
        reqwest::Method::DELETE,
        &config_path,
        Some(&token),
        None,
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = call(&app, reqwest::Method::GET, &config_path, Some(&token), None).await;
    assert_eq!(status, 401, "gone");
}

#[tokio::test]
async fn bad_metadata_is_refused_in_rfc_7591_form() {
    let app = server(RegistrationMode::Open).await;
    let developer = app.sign_up("dev@example.com").await;
    developer
        .register_api(&developers_api_draft(
            "Private",
            "https://private.example.com",
            &["secrets"],
        ))
        .await;
    let with = |key: &str, value: Value| {
        let mut body = metadata();
        body[key] = value;
        body
    };
    // (what, body, error)
    let table = [
        (
            "a redirect URI with a fragment",
            with("redirect_uris", json!(["https://example.com/cb#x"])),
            "invalid_redirect_uri",
        ),
        (
            "plain http off loopback",
            with("redirect_uris", json!(["http://example.com/cb"])),
            "invalid_redirect_uri",
        ),
        (
            "client credentials",
            with("grant_types", json!(["client_credentials"])),
            "invalid_client_metadata",
        ),
        (
            "the password grant",
            with("grant_types", json!(["password"])),
            "invalid_client_metadata",
        ),
        (
            "an implicit response type",
            with("response_types", json!(["token"])),
            "invalid_client_metadata",
        ),
        (
            "no name",
            with("client_name", Value::Null),
            "invalid_client_metadata",
        ),
        (
            "an invisible character in the name",
            with("client_name", json!("Terminal\u{200D}Notes")),
            "invalid_client_metadata",
        ),
        (
            "an API only developers may use",
            with("scope", json!("secrets:read")),
            "invalid_client_metadata",
        ),
        (
            "an unknown auth method",
            with("token_endpoint_auth_method", json!("private_key_jwt")),
            "invalid_client_metadata",
        ),
        (
            "not JSON at all",
            json!("just a string"),
            "invalid_client_metadata",
        ),
    ];
    for (what, body, error) in table {
        let (status, answer) = registration_attempt(&app, None, &body).await;
        assert_eq!(status, 400, "{what}: {answer}");
        assert_eq!(answer["error"], error, "{what}: {answer}");
        assert!(
            answer["error_description"].as_str().unwrap().len() > 10,
            "{what}"
        );
    }
    let count: i64 = app
        .scalar("SELECT COUNT(*) FROM apps WHERE registration = 'dynamic'")
        .await;
    assert_eq!(count, 0);
}

#[tokio::test]
async fn with_tokens_only_an_administrators_initial_access_token_registers_and_only_as_often_as_it_allows(
) {
    let app = server(RegistrationMode::Token).await;
    let (status, body) = registration_attempt(&app, None, &metadata()).await;
    assert_eq!(
        (status.as_u16(), body["error"].as_str()),
        (401, Some("invalid_token"))
    );

    let developer = app.sign_up("dev@example.com").await;
    let refused = developer
        .post(
            "/api/v1/initial-access-tokens",
            &json!({"uses": 2, "days": 1}),
        )
        .await;
    assert_eq!(refused.status(), 403, "developers cannot mint them");
    let admin = app.sign_up_admin("admin@example.com").await;
    let bad = admin
        .post(
            "/api/v1/initial-access-tokens",
            &json!({"uses": 0, "days": 365}),
        )
        .await;
    assert_eq!(bad.status(), 422);
    let minted = admin.mint_initial_access_token(2, 1).await;
    let token = minted["token"].as_str().unwrap().to_owned();

    // Three registrations race for two uses: exactly two get in.
    let body = metadata();
    let (a, b, c) = tokio::join!(
        registration_attempt(&app, Some(&token), &body),
        registration_attempt(&app, Some(&token), &body),
        registration_attempt(&app, Some(&token), &body),
    );
    let mut statuses = [a.0.as_u16(), b.0.as_u16(), c.0.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [201, 201, 401]);

    // An expired token does nothing.
    let minted = admin.mint_initial_access_token(5, 1).await;
    app.clock.advance(86_401);
    let (status, _) = registration_attempt(&app, minted["token"].as_str(), &body).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn registration_is_off_by_default_and_unused_registrations_are_cleaned_up() {
    let off = spawn_app().await;
    let (status, body) = registration_attempt(&off, None, &metadata()).await;
    assert_eq!(status, 404, "{body}");
    let discovery = off
        .get_json("/.well-known/oauth-authorization-server")
        .await;
    assert_eq!(discovery.get("registration_endpoint"), None);

    let app = server(RegistrationMode::Open).await;
    let unused = register(&app, None, &metadata()).await.client;
    let mut confidential = metadata();
    confidential["token_endpoint_auth_method"] = json!("client_secret_basic");
    confidential["grant_types"] = json!(["authorization_code"]);
    let client = register(&app, None, &confidential).await.client;
    assert!(client.client_secret.as_deref().unwrap().starts_with("cs_"));
    // The used one gets a token through a person's consent.
    let person = app.sign_up("person@example.com").await;
    let code = {
        let params = [
            ("response_type", "code"),
            ("client_id", client.client_id.as_str()),
            ("redirect_uri", "http://127.0.0.1:33418/callback"),
            ("scope", "files:read"),
        ];
        let response = app.authorize(&person.client, &params).await;
        let page = response.text().await.unwrap();
        let redirect = app.decide(&person, &page, "allow").await;
        param(&location_params(&redirect), "code").unwrap()
    };
    app.tokens(
        &client,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "http://127.0.0.1:33418/callback"),
        ],
    )
    .await;

    app.clock.advance(31 * 86_400);
    app.state
        .store
        .delete_unused_registrations(app.state.now() - 30 * 86_400)
        .await
        .unwrap();
    let left: Vec<String> = app
        .scalars("SELECT client_id FROM apps WHERE registration = 'dynamic'")
        .await;
    assert_eq!(
        left,
        std::slice::from_ref(&client.client_id),
        "the unused one ({}) is gone",
        unused.client_id
    );
}
