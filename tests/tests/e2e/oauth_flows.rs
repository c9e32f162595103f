//! The OAuth 2.0 flows end to end over HTTP: sign-in, consent, code + PKCE, refresh,
//! introspection, revocation, client credentials, the password grant and the resource API.

use clientele_tests::console_api::{app_draft, draft_with_grants, public_draft};
use clientele_tests::oauth::{location_params, param, Pkce, REDIRECT_URI, USER_PASSWORD_GRANT};
use clientele_tests::oauth::{spawn_with_app, spawn_with_app_and_user, spawn_with_user_tokens};
use clientele_tests::{header_text, json_with_status, spawn_app, text_at};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};

#[tokio::test]
async fn the_code_flow_with_pkce_gives_tokens_that_open_the_resource_api() {
    let (app, _, client, user) = spawn_with_app_and_user(&app_draft("Example Sync")).await;
    let pkce = Pkce::new();

    let consent = app
        .authorize_code(
            &user,
            &client.client_id,
            REDIRECT_URI,
            &[
                ("scope", "files:write accounts.self:read"),
                ("state", "xyz"),
                ("code_challenge", &pkce.challenge),
                ("code_challenge_method", "S256"),
            ],
        )
        .await;
    assert_eq!(consent.status(), 200);
    let page = consent.text().await.unwrap();
    assert!(
        page.contains("Example Sync"),
        "the consent page names the app"
    );
    assert!(
        page.contains("View, create, change and delete your files and folders."),
        "scopes are described in words: {page}"
    );
    assert!(
        page.contains("https://example.com/privacy") && page.contains("https://example.com/terms")
    );

    let redirect = app.decide(&user, &page, "allow").await;
    assert_eq!(redirect.status(), StatusCode::SEE_OTHER);
    let location = header_text(&redirect, header::LOCATION);
    assert!(
        location.starts_with("https://example.com/callback?"),
        "{location}"
    );
    let params = location_params(&redirect);
    assert_eq!(param(&params, "state").as_deref(), Some("xyz"));
    assert_eq!(param(&params, "iss").as_deref(), Some(app.address.as_str()));
    let code = param(&params, "code").unwrap();

    let tokens = app
        .exchange_with_verifier(&client, &code, &pkce.verifier)
        .await;
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 3600);
    assert_eq!(tokens["scope"], "accounts.self:read files:read files:write");
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    assert!(access.starts_with("cat_"));
    let refresh = tokens["refresh_token"].as_str().unwrap().to_owned();

    let me = app.resource_json(&access, "/api/v1/me").await;
    assert_eq!(me["email"], "user@example.com");
    let created = reqwest::Client::new()
        .post(app.url("/api/v1/files"))
        .bearer_auth(&access)
        .json(&json!({"name": "notes.txt", "content": "hello"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let files = app.resource_json(&access, "/api/v1/files").await;
    assert_eq!(files["items"][0]["name"], "notes.txt");

    let introspection = app.introspect(&client, &access).await;
    assert_eq!(introspection["active"], true);
    assert_eq!(introspection["username"], "user@example.com");
    assert_eq!(introspection["client_id"], client.client_id.as_str());

    let refreshed = app.refreshed(&client, &refresh).await;
    let new_refresh = refreshed["refresh_token"].as_str().unwrap();
    assert_ne!(new_refresh, refresh, "refresh tokens rotate");

    let revoked = app.revoke(&client, &access).await;
    assert_eq!(revoked.status(), 200);
    assert!(!app.is_active(&client, &access).await);
    let refused = app.resource(&access, "/api/v1/me").await;
    assert_eq!(refused.status(), 401);
    assert!(header_text(&refused, header::WWW_AUTHENTICATE).contains("invalid_token"));
}

fn client_credentials_draft(name: &str) -> Value {
    draft_with_grants(name, &["client_credentials"])
}

#[tokio::test]
async fn client_credentials_work_with_basic_and_post_authentication() {
    let (app, _, client) = spawn_with_app(&client_credentials_draft("Backend Job")).await;
    let secret = client.client_secret.clone().unwrap();

    let basic = app
        .tokens(
            &client,
            &[
                ("grant_type", "client_credentials"),
                ("scope", "files:read"),
            ],
        )
        .await;
    assert_eq!(basic["scope"], "files:read");
    assert!(basic.get("refresh_token").is_none());

    // client_secret_post: the credentials in the form (RFC 6749 section 2.3.1).
    let credentials_in_the_form = [
        ("grant_type", "client_credentials"),
        ("client_id", client.client_id.as_str()),
        ("client_secret", secret.as_str()),
    ];
    let post = reqwest::Client::new()
        .post(app.url("/oauth/token"))
        .form(&credentials_in_the_form)
        .send()
        .await
        .unwrap();
    let body = json_with_status(post, 200).await;
    assert_eq!(
        body["scope"], "accounts.self:read files:read files:write",
        "identity scopes are never granted without a user"
    );

    let both = reqwest::Client::new()
        .post(app.url("/oauth/token"))
        .basic_auth(&client.client_id, Some(&secret))
        .form(&credentials_in_the_form)
        .send()
        .await
        .unwrap();
    assert_eq!(
        both.status(),
        400,
        "two authentication methods at once are refused"
    );
}

#[tokio::test]
async fn a_client_credentials_token_at_a_resource_of_a_person_gets_403_insufficient_scope() {
    let mut draft = client_credentials_draft("Backend Job");
    draft["scopes"] = json!("files:read accounts.self:read");
    let (app, _, client) = spawn_with_app(&draft).await;
    let access = app
        .tokens(&client, &[("grant_type", "client_credentials")])
        .await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    for path in ["/api/v1/me", "/api/v1/files"] {
        let response = app.resource(&access, path).await;
        assert_eq!(response.status(), 403, "{path}");
        let challenge = header_text(&response, header::WWW_AUTHENTICATE);
        assert!(
            challenge.contains("error=\"insufficient_scope\""),
            "{challenge}"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"], "insufficient_scope", "{path}");
        assert_eq!(
            body["error_description"],
            "This resource needs a token issued for a user."
        );
    }
    assert!(
        app.is_active(&client, &access).await,
        "the token itself is valid"
    );
}

fn password_draft(name: &str) -> Value {
    draft_with_grants(name, &["password", "refresh_token"])
}

#[tokio::test]
async fn the_password_grant_works_only_when_enabled_and_keeps_one_pair_per_user() {
    let (app, developer, legacy) = spawn_with_app(&password_draft("Legacy Client")).await;
    let modern = developer.client_app(&app_draft("Modern Client")).await;
    app.sign_up("user@example.com").await;
    let grant = USER_PASSWORD_GRANT;

    let refused = app.token_request(&modern, &grant).await;
    let error = json_with_status(refused, 400).await;
    assert_eq!(error["error"], "unauthorized_client");

    let first = app.tokens(&legacy, &grant).await;
    let first_access = first["access_token"].as_str().unwrap();
    assert!(first["refresh_token"].is_string());
    let second = app.tokens(&legacy, &grant).await;
    assert!(
        !app.is_active(&legacy, first_access).await,
        "a new grant revokes the previous pair"
    );
    assert!(
        app.is_active(&legacy, second["access_token"].as_str().unwrap())
            .await
    );

    let wrong = app
        .token_request(
            &legacy,
            &[
                ("grant_type", "password"),
                ("username", "user@example.com"),
                ("password", "wrong password!"),
            ],
        )
        .await;
    let error = json_with_status(wrong, 400).await;
    assert_eq!(error["error"], "invalid_grant");
}

#[tokio::test]
async fn the_metadata_document_lists_every_endpoint_and_capability() {
    let app = spawn_app().await;
    let metadata: Value = app
        .get_json("/.well-known/oauth-authorization-server")
        .await;
    assert_eq!(metadata["issuer"], app.address.as_str());
    assert_eq!(
        metadata["token_endpoint"],
        format!("{}/oauth/token", app.address)
    );
    assert_eq!(
        metadata["authorization_endpoint"],
        format!("{}/oauth/authorize", app.address)
    );
    assert_eq!(
        metadata["code_challenge_methods_supported"],
        json!(["S256"])
    );
    assert_eq!(metadata["response_types_supported"], json!(["code"]));
    assert_eq!(
        metadata["authorization_response_iss_parameter_supported"],
        true
    );
    for grant in [
        "authorization_code",
        "refresh_token",
        "client_credentials",
        "password",
    ] {
        assert!(metadata["grant_types_supported"]
            .as_array()
            .unwrap()
            .contains(&json!(grant)));
    }
    assert!(metadata["scopes_supported"]
        .as_array()
        .unwrap()
        .contains(&json!("files:write")));
}

#[tokio::test]
async fn a_token_without_the_scope_gets_403_insufficient_scope() {
    let (app, _, _, _, tokens) = spawn_with_user_tokens(&app_draft("Reader"), "files:read").await;
    let access = tokens["access_token"].as_str().unwrap();

    assert_eq!(app.resource(access, "/api/v1/files").await.status(), 200);
    let write = reqwest::Client::new()
        .post(app.url("/api/v1/files"))
        .bearer_auth(access)
        .json(&json!({"name": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(write.status(), 403);
    let challenge = header_text(&write, header::WWW_AUTHENTICATE);
    assert!(
        challenge.contains("insufficient_scope") && challenge.contains("files:write"),
        "{challenge}"
    );
    assert_eq!(app.resource(access, "/api/v1/me").await.status(), 403);
    let missing = reqwest::Client::new()
        .get(app.url("/api/v1/files"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 401);
}

#[tokio::test]
async fn public_clients_need_pkce_and_exchange_without_a_secret() {
    let app = spawn_app().await;
    let draft = public_draft("Mobile App");
    let (_, client) = app.developer_with_app(&draft).await;
    let user = app.sign_up("user@example.com").await;
    let tokens = app
        .user_tokens_with_pkce(&user, &client, "files:read")
        .await;
    assert!(text_at(&tokens, "/access_token").starts_with("cat_"));
}
