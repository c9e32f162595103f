//! Requests that used to be half-understood are refused with the error their specification
//! names (issue 15): JSON with trailing data, request objects and response modes the server
//! does not implement, and the password grant's throttle answered with a non-RFC 6749 code.

use clientele_tests::console_api::{app_draft, PASSWORD};
use clientele_tests::oauth::spawn_with_app;
use clientele_tests::oauth::{location_params, param, Pkce, REDIRECT_URI};
use clientele_tests::{header_text, spawn_app, text_at};
use reqwest::header;
use serde_json::{json, Value};

#[tokio::test]
async fn a_sign_in_body_with_garbage_after_the_json_is_refused_and_signs_nobody_in() {
    let app = spawn_app().await;
    app.sign_up("dev@example.com").await;
    let body = format!(
        "{}GARBAGE",
        json!({"email": "dev@example.com", "password": PASSWORD})
    );
    let browser = app.new_client();
    let response = browser
        .post(app.url("/api/v1/session"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert!(!response.headers().contains_key(header::SET_COOKIE));
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"], "bad_request");
    assert!(
        text_at(&error, "/message").contains("more after the JSON value"),
        "{error}"
    );
    let sessions = app.count("SELECT COUNT(*) FROM sessions").await;
    assert_eq!(sessions, 1, "only the sign-up's session");
}

#[tokio::test]
async fn request_objects_and_other_response_modes_are_refused_not_ignored() {
    let (app, developer, client) = spawn_with_app(&app_draft("Strict Client")).await;
    let pkce = Pkce::new();
    let table = [
        (
            "request",
            "eyJhbGciOiJub25lIn0.e30.",
            "request_not_supported",
        ),
        (
            "request_uri",
            "https://example.com/request.jwt",
            "request_uri_not_supported",
        ),
        ("response_mode", "fragment", "invalid_request"),
        ("response_mode", "form_post", "invalid_request"),
    ];
    for (name, value, expected) in table {
        let extra = [
            ("scope", "files:read"),
            ("state", "xyz"),
            ("code_challenge", pkce.challenge.as_str()),
            ("code_challenge_method", "S256"),
            (name, value),
        ];
        let response = app
            .authorize_code(&developer, &client.client_id, REDIRECT_URI, &extra)
            .await;
        assert!(
            response.status().is_redirection(),
            "{name}={value}: {}",
            response.status()
        );
        let location = header_text(&response, header::LOCATION);
        assert!(location.starts_with(REDIRECT_URI), "{location}");
        let returned = location_params(&response);
        assert_eq!(
            param(&returned, "error").as_deref(),
            Some(expected),
            "{name}={value}"
        );
        assert_eq!(param(&returned, "state").as_deref(), Some("xyz"));
        assert!(param(&returned, "code").is_none());
    }
    let discovery: Value = app.get_json("/.well-known/openid-configuration").await;
    assert_eq!(discovery["request_parameter_supported"], false);
    assert_eq!(discovery["request_uri_parameter_supported"], false);
    assert_eq!(discovery["response_modes_supported"], json!(["query"]));
}
