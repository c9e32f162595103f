//! Password guessing and exhaustion, as an attacker on loopback would try them: parallel
//! guesses, a burst of sign-ins, guesses from one address against an owner at another, huge
//! bodies. Addresses are told apart by binding the client to other loopback addresses
//! (127.0.0.0/8 all reach the server on Linux).

use std::net::IpAddr;

use clientele::auth::sign_in_limiter::{PER_ACCOUNT_AND_ADDRESS, SLOW_DOWN_AFTER};
use clientele_tests::console_api::{app_draft, PASSWORD};
use clientele_tests::oauth::spawn_with_app;
use clientele_tests::{header_text, spawn_app, spawn_app_with, text_at, TestApp};
use futures::future::join_all;
use reqwest::{header, StatusCode};
use serde_json::{json, Value};

/// A client whose connections come from `address`.
fn client_from(address: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(address.parse::<IpAddr>().unwrap())
        .build()
        .unwrap()
}

async fn sign_in(
    app: &TestApp,
    http: &reqwest::Client,
    email: &str,
    password: &str,
) -> reqwest::Response {
    app.session_attempt(http, email, password).await
}

#[tokio::test]
async fn parallel_guesses_are_counted_before_they_are_checked_so_only_the_budget_is_ever_checked() {
    let app = spawn_app().await;
    app.sign_up("owner@example.com").await;
    let attacker = client_from("127.0.0.3");

    let guesses = (0..29).map(|n| {
        let attacker = attacker.clone();
        let app = &app;
        async move {
            sign_in(
                app,
                &attacker,
                "owner@example.com",
                &format!("guess number {n}"),
            )
            .await
            .status()
        }
    });
    let answers = join_all(guesses).await;
    let checked = answers
        .iter()
        .filter(|status| **status == StatusCode::UNAUTHORIZED)
        .count();
    let refused = answers
        .iter()
        .filter(|status| **status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(checked, PER_ACCOUNT_AND_ADDRESS as usize, "{answers:?}");
    assert_eq!(refused, 29 - checked);

    // The right password from the same address now waits like any guess would.
    let right = sign_in(&app, &attacker, "owner@example.com", PASSWORD).await;
    assert_eq!(right.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = header_text(&right, header::RETRY_AFTER).parse().unwrap();
    assert!(wait > 0 && wait <= 900, "{wait}");
    let body: Value = right.json().await.unwrap();
    assert_eq!(body["error"], "rate_limited");
    assert!(
        text_at(&body, "/message").starts_with("Too many attempts. Try again in"),
        "{body}"
    );
}

#[tokio::test]
async fn guesses_from_many_addresses_slow_the_account_down_but_never_lock_the_owner_out() {
    let app = spawn_app().await;
    app.sign_up("owner@example.com").await;

    // Addresses spend their whole budgets on the owner's account, up to its slow-down.
    for n in 0..(SLOW_DOWN_AFTER / PER_ACCOUNT_AND_ADDRESS) {
        let attacker = client_from(&format!("127.0.4.{}", n + 1));
        for guess in 0..PER_ACCOUNT_AND_ADDRESS {
            let status = sign_in(
                &app,
                &attacker,
                "owner@example.com",
                &format!("guess {guess}"),
            )
            .await
            .status();
            assert_eq!(status, StatusCode::UNAUTHORIZED);
        }
        assert_eq!(
            sign_in(&app, &attacker, "owner@example.com", "one more")
                .await
                .status(),
            StatusCode::TOO_MANY_REQUESTS
        );
    }

    // The owner, from their own address, still signs in (on the console and the password grant).
    let owner = client_from("127.0.0.1");
    assert_eq!(
        sign_in(&app, &owner, "owner@example.com", PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_burst_of_sign_ins_runs_no_more_password_hashes_at_once_than_the_slots_and_the_server_keeps_answering(
) {
    let app = spawn_app_with(|config| {
        config.passwords.slots = 2;
        config.passwords.wait_ms = 50;
    })
    .await;

    // 100 sign-ins for unknown emails from 10 addresses: within every address's budget.
    let burst = (0..100).map(|n| {
        let app = &app;
        async move {
            let http = client_from(&format!("127.0.5.{}", n % 10 + 1));
            let response = sign_in(
                app,
                &http,
                &format!("nobody{n}@example.com"),
                "a wrong password",
            )
            .await;
            let retry_after = response
                .headers()
                .get(header::RETRY_AFTER)
                .map(|value| value.to_str().unwrap().to_owned());
            (response.status(), retry_after)
        }
    });
    let health = async {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        reqwest::get(app.url("/healthz")).await.unwrap().status()
    };
    let (answers, health) = tokio::join!(join_all(burst), health);
    assert_eq!(
        health,
        StatusCode::OK,
        "other requests answer during the burst"
    );

    let passwords = &app.state.passwords;
    assert!(
        passwords.peak() <= 2,
        "{} hashes ran at once",
        passwords.peak()
    );
    let busy: Vec<_> = answers
        .iter()
        .filter(|(status, _)| *status == StatusCode::SERVICE_UNAVAILABLE)
        .collect();
    assert!(
        !busy.is_empty(),
        "2 slots and a 50 ms wait cannot take 100 hashes at once"
    );
    assert!(
        busy.iter()
            .all(|(_, retry_after)| retry_after.as_deref() == Some("1")),
        "{busy:?}"
    );
    assert!(
        answers.iter().all(|(status, _)| matches!(
            *status,
            StatusCode::UNAUTHORIZED | StatusCode::SERVICE_UNAVAILABLE
        )),
        "{answers:?}"
    );
}

#[tokio::test]
async fn sign_in_and_sign_up_bodies_are_bounded_and_a_huge_email_is_refused_unread() {
    let app = spawn_app().await;
    let http = reqwest::Client::new();
    let huge = "a".repeat(2 * 1024 * 1024);
    for path in ["/api/v1/session", "/api/v1/accounts"] {
        let response = app.post_from(&http, path, &json!({ "email": format!("{huge}@example.com"), "password": PASSWORD, "display_name": "X" })).await;
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE, "{path}");
    }
    // Just under the limit: not an email, so it is refused without a hash and never kept.
    let long = "b".repeat(12 * 1024);
    assert_eq!(
        sign_in(&app, &http, &long, PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_password_grant_answers_a_throttled_client_with_an_rfc_6749_error_and_retry_after() {
    let mut draft = app_draft("Legacy App");
    draft["grant_types"] = json!(["password"]);
    let (app, _, client) = spawn_with_app(&draft).await;
    app.sign_up("user@example.com").await;

    for _ in 0..PER_ACCOUNT_AND_ADDRESS {
        let wrong = app
            .token_request(
                &client,
                &[
                    ("grant_type", "password"),
                    ("username", "user@example.com"),
                    ("password", "nope"),
                ],
            )
            .await;
        assert_eq!(wrong.status(), 400);
        assert_eq!(
            wrong.json::<Value>().await.unwrap()["error"],
            "invalid_grant"
        );
    }
    let throttled = app
        .token_request(
            &client,
            &[
                ("grant_type", "password"),
                ("username", "user@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(throttled.status(), 400);
    assert!(throttled.headers().contains_key(header::RETRY_AFTER));
    let body: Value = throttled.json().await.unwrap();
    assert_eq!(
        body["error"], "invalid_grant",
        "slow_down is not a token endpoint error (RFC 6749 section 5.2)"
    );
    assert!(
        text_at(&body, "/error_description").contains("try again in"),
        "{body}"
    );
}
