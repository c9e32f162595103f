//! One test per item of the authorization server's security list.

use clientele_tests::console_api::{app_draft, public_draft, ConsoleUser};
use clientele_tests::oauth::{error_of, location_params, param, ClientApp, Pkce, REDIRECT_URI};
use clientele_tests::oauth::{spawn_with_app, spawn_with_app_and_user};
use clientele_tests::{header_text, json_with_status, spawn_app, TestApp};

use reqwest::{header, StatusCode};
use serde_json::{json, Value};

/// A fresh server, an app of dev@example.com, and user@example.com, who will use it.
pub(crate) async fn setup() -> (TestApp, ClientApp, ConsoleUser) {
    let (app, _, client, user) = spawn_with_app_and_user(&app_draft("Example Sync")).await;
    (app, client, user)
}

/// [`setup`], and a code the user's consent to `files:read` gave the app.
async fn setup_with_code() -> (TestApp, ClientApp, String) {
    let (app, client, user) = setup().await;
    let code = app
        .authorization_code(&user, &client, "files:read", None)
        .await;
    (app, client, code)
}

#[tokio::test]
async fn redirect_uris_that_differ_in_any_way_are_refused_without_a_redirect() {
    let (app, client, user) = setup().await;
    let variants = [
        "https://example.com/callback/",
        "https://example.com/Callback",
        "https://example.com/callback?extra=1",
        "https://example.com/callback#fragment",
        "https://evil.example.com/callback",
        "https://example.com.evil.net/callback",
    ];
    for redirect_uri in variants {
        let response = app
            .authorize_code(&user, &client.client_id, redirect_uri, &[])
            .await;
        assert_eq!(response.status(), 400, "{redirect_uri}");
        assert!(
            response.headers().get(header::LOCATION).is_none(),
            "{redirect_uri} must not redirect"
        );
        assert!(
            response.text().await.unwrap().contains("not registered"),
            "{redirect_uri}"
        );
    }
}

#[tokio::test]
async fn a_loopback_redirect_may_use_any_port() {
    let (app, client, user) = setup().await;
    let response = app
        .authorize_code(
            &user,
            &client.client_id,
            "http://127.0.0.1:51234/callback",
            &[],
        )
        .await;
    assert_eq!(
        response.status(),
        200,
        "RFC 8252 7.3: the port of a loopback redirect may vary"
    );
}

#[tokio::test]
async fn an_unknown_client_gets_an_error_page_not_a_redirect() {
    let (app, _, user) = setup().await;
    let response = app.authorize_code(&user, "nobody", REDIRECT_URI, &[]).await;
    assert_eq!(response.status(), 400);
    assert!(response.headers().get(header::LOCATION).is_none());
}

#[tokio::test]
async fn response_type_token_is_refused_at_the_redirect_uri() {
    let (app, client, user) = setup().await;
    let response = app
        .authorize(
            &user.client,
            &[
                ("response_type", "token"),
                ("client_id", &client.client_id),
                ("redirect_uri", REDIRECT_URI),
                ("state", "s"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let params = location_params(&response);
    assert_eq!(
        param(&params, "error").as_deref(),
        Some("unsupported_response_type")
    );
    assert_eq!(param(&params, "state").as_deref(), Some("s"));
}

#[tokio::test]
async fn reusing_a_code_fails_and_revokes_the_tokens_of_its_first_use() {
    let (app, client, code) = setup_with_code().await;
    let first: Value = app
        .exchange_request(&client, &code)
        .await
        .json()
        .await
        .unwrap();
    let access = first["access_token"].as_str().unwrap();
    assert!(app.is_active(&client, access).await);

    let second = app.exchange_request(&client, &code).await;
    assert_eq!(second.status(), 400);
    assert_eq!(error_of(second).await, "invalid_grant");
    assert!(!app.is_active(&client, access).await);
    assert!(
        !app.is_active(&client, first["refresh_token"].as_str().unwrap())
            .await
    );
}

#[tokio::test]
async fn an_expired_code_is_refused() {
    let (app, client, code) = setup_with_code().await;
    app.clock.advance(61);
    let response = app.exchange_request(&client, &code).await;
    assert_eq!(response.status(), 400);
    assert_eq!(error_of(response).await, "invalid_grant");
}

#[tokio::test]
async fn a_code_redeemed_by_another_client_is_refused() {
    let (app, developer, client, user) = spawn_with_app_and_user(&app_draft("Example Sync")).await;
    let other = developer.client_app(&app_draft("Other App")).await;
    let code = app
        .authorization_code(&user, &client, "files:read", None)
        .await;
    let response = app.exchange_request(&other, &code).await;
    assert_eq!(response.status(), 400);
    assert_eq!(error_of(response).await, "invalid_grant");
    assert_eq!(
        app.exchange_request(&client, &code).await.status(),
        200,
        "the rightful client can still redeem it"
    );
}

#[tokio::test]
async fn pkce_mistakes_are_all_refused() {
    let (app, developer, client, user) = spawn_with_app_and_user(&app_draft("Example Sync")).await;
    let draft = public_draft("Public App");
    let public = developer.client_app(&draft).await;

    let without = app
        .authorize_code(&user, &public.client_id, REDIRECT_URI, &[])
        .await;
    assert_eq!(
        param(&location_params(&without), "error").as_deref(),
        Some("invalid_request"),
        "a public client needs PKCE"
    );

    let pkce = Pkce::new();
    let plain = app
        .authorize_code(
            &user,
            &client.client_id,
            REDIRECT_URI,
            &[
                ("code_challenge", &pkce.verifier),
                ("code_challenge_method", "plain"),
            ],
        )
        .await;
    assert_eq!(
        param(&location_params(&plain), "error").as_deref(),
        Some("invalid_request"),
        "plain is refused"
    );

    let code = app
        .authorization_code(&user, &client, "files:read", Some(&pkce))
        .await;
    let wrong = app
        .exchange_request_with_verifier(&client, &code, &format!("{}z", pkce.verifier))
        .await;
    assert_eq!(
        error_of(wrong).await,
        "invalid_grant",
        "a wrong verifier is refused"
    );

    let no_challenge = app
        .authorization_code(&user, &client, "files:read", None)
        .await;
    let unexpected = app
        .exchange_request_with_verifier(&client, &no_challenge, &pkce.verifier)
        .await;
    assert_eq!(
        error_of(unexpected).await,
        "invalid_grant",
        "a verifier without a challenge is refused"
    );
}

#[tokio::test]
async fn token_responses_and_errors_are_never_cached() {
    let (app, client, code) = setup_with_code().await;
    let ok = app.exchange_request(&client, &code).await;
    assert_eq!(ok.headers()[header::CACHE_CONTROL], "no-store");
    let error = app.exchange_request(&client, &code).await;
    assert_eq!(error.headers()[header::CACHE_CONTROL], "no-store");
}

#[tokio::test]
async fn a_consent_post_without_the_csrf_token_is_refused() {
    let (app, client, user) = setup().await;
    let page = app.consent_page(&user, &client).await;
    let request = clientele_tests::oauth::hidden_field(&page, "request").unwrap();
    for csrf in ["", "csrf_forged"] {
        let response = user
            .client
            .post(app.url("/oauth/authorize"))
            .form(&[
                ("request", request.as_str()),
                ("csrf_token", csrf),
                ("decision", "allow"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "csrf {csrf:?}");
        assert!(response.headers().get(header::LOCATION).is_none());
    }
    let consents = app.count("SELECT COUNT(*) FROM consents").await;
    assert_eq!(consents, 0);
}

#[tokio::test]
async fn the_flow_pages_refuse_framing_and_send_no_referrer_to_other_sites() {
    let (app, client, user) = setup().await;
    let response = app
        .authorize_code(&user, &client.client_id, REDIRECT_URI, &[])
        .await;
    let headers = response.headers();
    assert!(headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .contains("frame-ancestors 'none'"));
    assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY");
    // `same-origin`: the page's own form posts carry its Origin (with `no-referrer` browsers
    // send `Origin: null`, which the same-origin rule refuses), other sites get no referrer.
    assert_eq!(headers[header::REFERRER_POLICY], "same-origin");
    let page = response.text().await.unwrap();
    let redirect = app.decide(&user, &page, "allow").await;
    assert_eq!(
        redirect.status(),
        StatusCode::SEE_OTHER,
        "the post-consent redirect is a 303"
    );
}

#[tokio::test]
async fn cors_answers_only_registered_origins() {
    let mut draft = app_draft("Browser Backend");
    draft["grant_types"] = json!(["client_credentials"]);
    let (app, _, client) = spawn_with_app(&draft).await;
    let http = reqwest::Client::new();
    for (origin, allowed) in [
        ("https://example.com", true),
        ("https://evil.example", false),
    ] {
        let preflight = http
            .request(reqwest::Method::OPTIONS, app.url("/oauth/token"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .send()
            .await
            .unwrap();
        assert_eq!(
            preflight
                .headers()
                .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
                .is_some(),
            allowed,
            "preflight {origin}"
        );
        let actual = http
            .post(app.url("/oauth/token"))
            .header("origin", origin)
            .basic_auth(&client.client_id, client.client_secret.as_deref())
            .form(&[("grant_type", "client_credentials")])
            .send()
            .await
            .unwrap();
        assert_eq!(actual.status(), 200);
        let header_value = actual
            .headers()
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(
            header_value,
            allowed.then(|| origin.to_owned()),
            "response {origin}"
        );
    }
}

#[tokio::test]
async fn two_concurrent_redemptions_of_one_code_give_exactly_one_success() {
    let (app, client, user) = setup().await;
    for _ in 0..5 {
        let code = app
            .authorization_code(&user, &client, "files:read", None)
            .await;
        let (a, b) = tokio::join!(
            app.exchange_request(&client, &code),
            app.exchange_request(&client, &code)
        );
        let successes = [a.status(), b.status()]
            .iter()
            .filter(|status| **status == 200)
            .count();
        assert_eq!(successes, 1);
    }
}

#[tokio::test]
async fn codes_redeemed_together_each_get_their_own_tokens() {
    let (app, client, user) = setup().await;
    let mut codes = Vec::new();
    for _ in 0..6 {
        codes.push(
            app.authorization_code(&user, &client, "files:read", None)
                .await,
        );
    }
    let responses =
        futures::future::join_all(codes.iter().map(|code| app.exchange_request(&client, code)))
            .await;
    let mut access_tokens = std::collections::HashSet::new();
    for response in responses {
        let body = json_with_status(response, 200).await;
        let access = body["access_token"].as_str().unwrap().to_owned();
        assert!(app.is_active(&client, &access).await);
        access_tokens.insert(access);
    }
    assert_eq!(access_tokens.len(), 6);
}

#[tokio::test]
async fn tokens_stored_before_time_ordered_keys_still_work_and_new_ones_use_them() {
    let (app, client, user) = setup().await;
    let issued = app.user_tokens(&user, &client, "files:read").await;
    let access = issued["access_token"].as_str().unwrap();
    let pool = app.state.store.pool();
    let key: String = sqlx::query_scalar("SELECT token_hash FROM tokens WHERE kind = 'access'")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(key, clientele::crypto::token_key(access));
    assert!(
        key.len() > 64 && key.contains('.'),
        "new keys lead with the time: {key}"
    );

    // A token of the earlier format (no time part), stored under its plain hash.
    let old_style = "cat_q1Xb-_9kZearlierFormatTokenWithoutATimePart0123456";
    sqlx::query("UPDATE tokens SET token_hash = $1 WHERE kind = 'access'")
        .bind(clientele::crypto::token_hash(old_style))
        .execute(pool)
        .await
        .unwrap();
    assert!(app.is_active(&client, old_style).await);
    assert!(
        !app.is_active(&client, access).await,
        "the new token's key was changed away"
    );
}

#[tokio::test]
async fn a_public_client_cannot_use_client_credentials() {
    let app = spawn_app().await;
    let draft = public_draft("Public App");
    let (_, public) = app.developer_with_app(&draft).await;
    let response = app
        .token_request(&public, &[("grant_type", "client_credentials")])
        .await;
    assert_eq!(response.status(), 400);
    assert_eq!(error_of(response).await, "unauthorized_client");
}

#[tokio::test]
async fn a_wrong_secret_and_an_unknown_client_get_the_same_401() {
    let (app, client, _) = setup().await;
    let wrong_secret = ClientApp {
        client_id: client.client_id.clone(),
        client_secret: Some("cs_wrong".into()),
    };
    let unknown = ClientApp {
        client_id: "unknown-client".into(),
        client_secret: Some("cs_whatever".into()),
    };
    let mut bodies = Vec::new();
    for candidate in [wrong_secret, unknown] {
        let response = app
            .token_request(&candidate, &[("grant_type", "client_credentials")])
            .await;
        assert_eq!(response.status(), 401);
        assert!(header_text(&response, header::WWW_AUTHENTICATE).starts_with("Basic"));
        bodies.push(response.text().await.unwrap());
    }
    assert_eq!(bodies[0], bodies[1]);
    assert!(bodies[0].contains("invalid_client"));
}

#[tokio::test]
async fn the_consent_page_shows_look_alike_hosts_as_browsers_do_and_names_where_the_answer_goes() {
    let mut draft = app_draft("Apple Photos");
    // Cyrillic letters that read "apple.com".
    draft["website"] = json!("https://аррӏе.com");
    let (app, _, client) = spawn_with_app(&draft).await;
    let user = app.sign_up("user@example.com").await;
    let page = app.consent_page(&user, &client).await;
    assert!(
        page.contains("xn--80ak6aa92e.com"),
        "the look-alike host is shown in its ASCII form"
    );
    assert!(
        !page.contains("аррӏе"),
        "never in the letters that pass for Latin ones"
    );
    assert!(
        page.contains(
            r#"Whatever you choose, you go back to <strong class="host">example.com</strong>"#
        ),
        "{page}"
    );
}
