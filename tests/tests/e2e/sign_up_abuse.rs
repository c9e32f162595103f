//! Sign-up under abuse (issue 15): the "already exists" answer cannot be used to list accounts
//! cheaply, weak passwords are refused with the reason, names cannot hide characters.

use clientele_tests::console_api::PASSWORD;
use clientele_tests::{header_text, json_with_status, spawn_app, spawn_app_with, TestApp};
use reqwest::header;
use serde_json::{json, Value};

async fn sign_up(
    app: &TestApp,
    email: &str,
    display_name: &str,
    password: &str,
) -> reqwest::Response {
    app.post_from(
        &app.new_client(),
        "/api/v1/accounts",
        &json!({"email": email, "display_name": display_name, "password": password}),
    )
    .await
}

#[tokio::test]
async fn parallel_sign_ups_from_one_address_beyond_the_hourly_limit_get_429() {
    let app = spawn_app_with(|config| config.sign_ups.per_hour = 5).await;
    app.sign_up("owner@example.com").await;
    // An attacker probing which emails have accounts, 20 at once.
    let probes = (0..20).map(|n| {
        let email = if n % 2 == 0 {
            "owner@example.com".to_owned()
        } else {
            format!("probe{n}@example.com")
        };
        let app = &app;
        async move { sign_up(app, &email, "Probe", PASSWORD).await }
    });
    let responses = futures::future::join_all(probes).await;
    let mut statuses: Vec<u16> = responses
        .iter()
        .map(|response| response.status().as_u16())
        .collect();
    statuses.sort_unstable();
    let answered = statuses.iter().filter(|status| **status != 429).count();
    assert_eq!(
        answered, 4,
        "the owner's sign-up used one of five: {statuses:?}"
    );
    let limited = responses
        .iter()
        .find(|response| response.status() == 429)
        .unwrap();
    assert!(
        header_text(limited, header::RETRY_AFTER)
            .parse::<u64>()
            .unwrap()
            > 0
    );
    assert!(app.count("SELECT COUNT(*) FROM users").await <= 5);

    app.clock.advance(3600);
    // Signing up succeeds (201) again.
    app.sign_up("later@example.com").await;
}

#[tokio::test]
async fn a_taken_email_still_says_so_within_the_limit() {
    let app = spawn_app().await;
    app.sign_up("dev@example.com").await;
    let response = sign_up(&app, "dev@example.com", "Dev", PASSWORD).await;
    let error = json_with_status(response, 409).await;
    assert_eq!(
        error["fields"]["email"],
        "An account with this email already exists. Sign in instead."
    );
}

#[tokio::test]
async fn easily_guessed_passwords_are_refused_with_the_reason_on_the_password_field() {
    let app = spawn_app().await;
    for password in [
        "password1234",
        "123456789012",
        "            ",
        "qwertyuiopasdf",
        "dev@example.com1",
    ] {
        let response = sign_up(&app, "dev@example.com", "Dev", password).await;
        assert_eq!(response.status(), 422, "{password:?}");
        let error: Value = response.json().await.unwrap();
        let message = error["fields"]["password"].as_str().unwrap_or_default();
        assert!(
            message.starts_with("This password is too easy to guess."),
            "{password:?}: {error}"
        );
        assert!(
            message.len() > "This password is too easy to guess.".len(),
            "a reason follows: {message}"
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 0);
    // Signing up succeeds (201) again.
    app.sign_up("dev@example.com").await;
}

#[tokio::test]
async fn display_names_with_hidden_characters_are_refused_on_the_display_name_field() {
    let app = spawn_app().await;
    let table = [
        ("Ada\u{202E}ecalevoL", "text-direction controls (U+202E)"),
        (
            "A\u{200D}da",
            "invisible characters such as zero-width joiners (U+200D)",
        ),
        ("\u{200B}\u{3164}", "Enter your name."),
    ];
    for (name, message) in table {
        let response = sign_up(&app, "dev@example.com", name, PASSWORD).await;
        assert_eq!(response.status(), 422, "{name:?}");
        let error: Value = response.json().await.unwrap();
        let field = error["fields"]["display_name"].as_str().unwrap_or_default();
        assert!(field.contains(message), "{name:?}: {error}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 0);
}
