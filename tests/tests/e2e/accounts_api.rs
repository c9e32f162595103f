//! Console accounts: sign-up, sign-in, sign-out, sessions, CSRF and throttling.

use clientele_tests::console_api::{spawn_app_with_developer, PASSWORD};
use clientele_tests::{header_text, json_with_status, spawn_app, text_at, TestApp};
use reqwest::header;
use serde_json::{json, Value};

/// `POST /api/v1/session` with these credentials, with the app's own client.
async fn sign_in_attempt(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.post(
        "/api/v1/session",
        &json!({ "email": email, "password": password }),
    )
    .await
}

#[tokio::test]
async fn signing_up_creates_an_account_that_is_signed_in_at_once() {
    let (app, user) = spawn_app_with_developer().await;

    let response = user.get("/api/v1/session").await;
    let session = json_with_status(response, 200).await;
    assert_eq!(session["account"]["email"], "dev@example.com");
    assert_eq!(session["account"]["is_admin"], false);

    let stored: String = app
        .scalar("SELECT password_hash FROM users WHERE email = 'dev@example.com'")
        .await;
    assert!(stored.starts_with("$argon2id$"), "{stored}");
}

#[tokio::test]
async fn sign_up_errors_name_the_field_and_the_rule() {
    let app = spawn_app().await;
    let cases = [
        (
            json!({"email": "dev@example.com", "display_name": "Dev", "password": "too short"}),
            "password",
        ),
        (
            json!({"email": "not-an-email", "display_name": "Dev", "password": PASSWORD}),
            "email",
        ),
        (
            json!({"email": "dev@example.com", "display_name": "", "password": PASSWORD}),
            "display_name",
        ),
    ];
    for (body, field) in cases {
        let response = app.post("/api/v1/accounts", &body).await;
        assert_eq!(response.status(), 422, "{body}");
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["error"], "validation_failed");
        assert!(
            error["fields"][field]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{field}: {error}"
        );
    }
    let count = app.count("SELECT COUNT(*) FROM users").await;
    assert_eq!(count, 0);
}

#[tokio::test]
async fn a_taken_email_is_a_conflict_on_the_email_field() {
    let app = spawn_app().await;
    app.sign_up("dev@example.com").await;
    let response = app
        .post(
            "/api/v1/accounts",
            &json!({"email": "DEV@example.com", "display_name": "Dev", "password": PASSWORD}),
        )
        .await;
    let error = json_with_status(response, 409).await;
    assert!(text_at(&error, "/fields/email").contains("already exists"));
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = spawn_app().await;
    app.sign_up("dev@example.com").await;
    let mut bodies = Vec::new();
    for (email, password) in [
        ("dev@example.com", "wrong password!!"),
        ("nobody@example.com", PASSWORD),
    ] {
        let response = sign_in_attempt(&app, email, password).await;
        assert_eq!(response.status(), 401);
        bodies.push(response.text().await.unwrap());
    }
    assert_eq!(bodies[0], bodies[1]);
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site_lax() {
    let app = spawn_app().await;
    app.sign_up("dev@example.com").await;
    let response = sign_in_attempt(&app, "dev@example.com", PASSWORD).await;
    let cookie = header_text(&response, header::SET_COOKIE);
    assert!(cookie.starts_with("clientele_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain-http public URL: {cookie}"
    );
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    let (app, user) = spawn_app_with_developer().await;
    assert_eq!(user.delete("/api/v1/session").await.status(), 204);
    let after: Value = user.get_json("/api/v1/session").await;
    assert!(after.is_null(), "nobody is signed in: {after}");
    assert_eq!(user.get("/api/v1/apps").await.status(), 401);
    let sessions = app.count("SELECT COUNT(*) FROM sessions").await;
    assert_eq!(sessions, 0);
}

#[tokio::test]
async fn a_state_changing_request_without_the_csrf_token_changes_nothing() {
    let (app, user) = spawn_app_with_developer().await;
    let response = user
        .client
        .delete(app.url("/api/v1/session"))
        .send()
        .await
        .unwrap();
    let error = json_with_status(response, 403).await;
    assert!(text_at(&error, "/message").contains("CSRF"));
    assert_eq!(user.get("/api/v1/session").await.status(), 200);
}

#[tokio::test]
async fn a_cross_site_request_is_refused_even_with_a_session() {
    let (app, user) = spawn_app_with_developer().await;
    // Signing out, asked by a page of another site that somehow knows the CSRF token.
    let cross_site_sign_out = || {
        user.client
            .delete(app.url("/api/v1/session"))
            .header("origin", "https://evil.example")
            .header("x-csrf-token", &user.csrf_token)
    };
    let response = cross_site_sign_out().send().await.unwrap();
    assert_eq!(response.status(), 403);
    let form_post = app
        .client
        .post(app.url("/api/v1/accounts"))
        .header("origin", "https://evil.example")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("email=x%40example.com&display_name=X&password=aaaaaaaaaaaaaaaa")
        .send()
        .await
        .unwrap();
    assert_eq!(form_post.status(), 403);
    // An `Authorization: Bearer` header does not make a cookie-carrying request exempt.
    let with_bearer = cross_site_sign_out()
        .bearer_auth("anything")
        .send()
        .await
        .unwrap();
    assert_eq!(with_bearer.status(), 403);
    assert_eq!(user.get("/api/v1/session").await.status(), 200);
}

#[tokio::test]
async fn repeated_failed_sign_ins_are_throttled_until_the_window_passes() {
    let app = spawn_app().await;
    app.sign_up("dev@example.com").await;
    let attempt = |password| sign_in_attempt(&app, "dev@example.com", password);
    for _ in 0..5 {
        assert_eq!(attempt("wrong password!!").await.status(), 401);
    }
    let blocked = attempt(PASSWORD).await;
    assert_eq!(blocked.status(), 429);
    assert!(blocked.headers().contains_key(header::RETRY_AFTER));

    app.clock.advance(15 * 60);
    assert_eq!(attempt(PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn a_session_stops_working_when_it_expires() {
    let (app, user) = spawn_app_with_developer().await;
    app.clock.advance(7 * 24 * 60 * 60 + 1);
    let session: Value = user.get_json("/api/v1/session").await;
    assert!(session.is_null());
    assert_eq!(user.get("/api/v1/apps").await.status(), 401);
}

#[tokio::test]
async fn bodies_that_are_not_json_are_refused_with_a_clear_message() {
    let app = spawn_app().await;
    let wrong_type = app
        .client
        .post(app.url("/api/v1/accounts"))
        .body("{}")
        .send()
        .await
        .unwrap();
    let error = json_with_status(wrong_type, 400).await;
    assert!(text_at(&error, "/message").contains("application/json"));

    let malformed = app
        .client
        .post(app.url("/api/v1/accounts"))
        .header("content-type", "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .unwrap();
    let error = json_with_status(malformed, 400).await;
    assert_eq!(error["error"], "bad_request");
}
