//! "Forgot your password?" through the console API, with the test's own SMTP server: the
//! mailed link sets a new password once, ends every session, expires, and is the same answer
//! whether or not the email has an account; asking is limited; without SMTP it is not offered.

use clientele_tests::console_api::PASSWORD;
use clientele_tests::smtp_sink::SmtpSink;
use clientele_tests::{json_with_status, spawn_app, status_and_json, text_at, TestApp};
use serde_json::{json, Value};

const NEW_PASSWORD: &str = "seven orange kites over quiet harbours";

async fn ask(app: &TestApp, email: &str) -> reqwest::Response {
    app.post_from(
        &app.new_client(),
        "/api/v1/account/password-reset",
        &json!({ "email": email }),
    )
    .await
}

async fn complete(app: &TestApp, token: &str, password: &str) -> reqwest::Response {
    app.post_from(
        &app.new_client(),
        "/api/v1/account/password-reset/complete",
        &json!({ "token": token, "new_password": password }),
    )
    .await
}

/// Asks for a link for `email` and returns the token of the `nth` mail to it.
async fn mailed_token(app: &TestApp, sink: &SmtpSink, email: &str, nth: usize) -> String {
    assert_eq!(ask(app, email).await.status(), 202);
    let link = sink
        .wait_for_mail(&email.to_lowercase(), nth)
        .await
        .link_with("/password-reset/");
    assert!(link.starts_with(&app.url("/password-reset/pwr_")), "{link}");
    link.rsplit('/').next().unwrap().to_owned()
}

async fn signs_in(app: &TestApp, password: &str) -> bool {
    let response = app
        .session_attempt(&app.new_client(), "dev@example.com", password)
        .await;
    response.status() == 200
}

/// A server that mails through a fresh sink, dev@example.com signed up, and the token of the
/// link it was mailed: where the tests of using a link start.
async fn a_developer_with_a_mailed_link() -> (SmtpSink, TestApp, String) {
    let sink = SmtpSink::start().await;
    let app = sink.app_mailing_here().await;
    app.sign_up("dev@example.com").await;
    let token = mailed_token(&app, &sink, "dev@example.com", 1).await;
    (sink, app, token)
}

#[tokio::test]
async fn a_mailed_link_sets_a_new_password_once_and_ends_every_session() {
    let sink = SmtpSink::start().await;
    let app = sink.app_mailing_here().await;
    let laptop = app.sign_up("dev@example.com").await;
    let phone = app.sign_in("dev@example.com", PASSWORD).await;
    let token = mailed_token(&app, &sink, "Dev@Example.com", 1).await;
    let mail = &sink.received()[0];
    assert!(mail
        .data
        .contains("Subject: Set a new password for Clientele"));
    assert!(
        mail.body().contains("works once, for 60 minutes"),
        "{}",
        mail.body()
    );
    // Only the hash is stored.
    let stored = app
        .count(&format!(
            "SELECT COUNT(*) FROM password_resets WHERE token_hash = '{token}'"
        ))
        .await;
    assert_eq!(stored, 0);

    assert_eq!(complete(&app, &token, NEW_PASSWORD).await.status(), 204);
    for session in [&laptop, &phone] {
        assert_eq!(session.get("/api/v1/account/sessions").await.status(), 401);
    }
    assert!(signs_in(&app, NEW_PASSWORD).await);
    assert!(!signs_in(&app, PASSWORD).await);

    let replay = complete(&app, &token, "another fine passphrase here").await;
    let body = json_with_status(replay, 404).await;
    assert!(
        text_at(&body, "/message").contains("does not work any more"),
        "{body}"
    );
    assert!(
        signs_in(&app, NEW_PASSWORD).await,
        "the replay changed nothing"
    );

    let events: Vec<String> = app
        .scalars("SELECT event FROM account_audit ORDER BY id")
        .await;
    assert_eq!(events.len(), 2, "{events:?}");
    assert!(events[0].contains("password_reset_mailed"), "{events:?}");
    assert!(
        events[1].contains(r#""kind":"password_reset","sessions_ended":2"#),
        "{events:?}"
    );
    assert!(events.iter().all(|event| !event.contains(&token)));
}

#[tokio::test]
async fn an_unknown_email_gets_the_same_answer_as_a_known_one_and_no_mail() {
    let sink = SmtpSink::start().await;
    let app = sink.app_mailing_here().await;
    app.sign_up("dev@example.com").await;
    let known = status_and_json(ask(&app, "dev@example.com").await).await;
    let unknown = status_and_json(ask(&app, "nobody@example.com").await).await;
    assert_eq!(known, unknown);
    assert_eq!(known.0, 202);
    sink.wait_for_mail("dev@example.com", 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let mails = sink.received();
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(app.count("SELECT COUNT(*) FROM password_resets").await, 1);
}

#[tokio::test]
async fn an_expired_link_is_refused() {
    let (_sink, app, token) = a_developer_with_a_mailed_link().await;
    app.clock.advance(60 * 60);
    let body = json_with_status(complete(&app, &token, NEW_PASSWORD).await, 404).await;
    assert!(text_at(&body, "/message").contains("does not work any more"));
    assert!(signs_in(&app, PASSWORD).await);
}

#[tokio::test]
async fn parallel_uses_of_one_link_set_the_password_exactly_once() {
    let (_sink, app, token) = a_developer_with_a_mailed_link().await;
    let passwords: Vec<String> = (0..6)
        .map(|n| format!("parallel passphrase number {n} of six"))
        .collect();
    let uses = passwords
        .iter()
        .map(|password| complete(&app, &token, password));
    let statuses: Vec<u16> = futures::future::join_all(uses)
        .await
        .iter()
        .map(|response| response.status().as_u16())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 204).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 404).count(),
        5,
        "{statuses:?}"
    );
    let winner = statuses.iter().position(|s| *s == 204).unwrap();
    for (n, password) in passwords.iter().enumerate() {
        assert_eq!(signs_in(&app, password).await, n == winner, "{password}");
    }
    let resets = app
        .count("SELECT COUNT(*) FROM account_audit WHERE event LIKE '%\"password_reset\"%'")
        .await;
    assert_eq!(resets, 1);
}

#[tokio::test]
async fn using_one_link_or_changing_the_password_spends_the_other_links() {
    let sink = SmtpSink::start().await;
    let app = sink.app_mailing_here().await;
    let user = app.sign_up("dev@example.com").await;
    let first = mailed_token(&app, &sink, "dev@example.com", 1).await;
    let second = mailed_token(&app, &sink, "dev@example.com", 2).await;
    assert_eq!(complete(&app, &second, NEW_PASSWORD).await.status(), 204);
    assert_eq!(complete(&app, &first, PASSWORD).await.status(), 404);

    let user = app.sign_in(&user.email, NEW_PASSWORD).await;
    let third = mailed_token(&app, &sink, "dev@example.com", 3).await;
    let changed = user
        .put(
            "/api/v1/account/password",
            &json!({ "current_password": NEW_PASSWORD, "new_password": "yet another calm passphrase" }),
        )
        .await;
    assert_eq!(changed.status(), 204);
    assert_eq!(complete(&app, &third, PASSWORD).await.status(), 404);
}

#[tokio::test]
async fn weak_huge_and_malformed_inputs_are_refused() {
    let (_sink, app, token) = a_developer_with_a_mailed_link().await;

    let weak = json_with_status(complete(&app, &token, "password1234").await, 422).await;
    assert!(text_at(&weak, "/fields/new_password").contains("too easy to guess"));
    let short = json_with_status(complete(&app, &token, "short").await, 422).await;
    assert!(text_at(&short, "/fields/new_password").contains("at least 12"));
    let long = "x".repeat(1025);
    let too_long = json_with_status(complete(&app, &token, &long).await, 422).await;
    assert!(text_at(&too_long, "/fields/new_password").contains("at most 1,024"));

    let cases: Vec<(String, u16)> = vec![
        ("pwr_".to_owned() + &"a".repeat(200), 404),
        ("not-a-reset-token".to_owned(), 404),
        (token.replace("pwr_", "inv_"), 404),
        ("pwr_".to_owned() + &"a".repeat(20_000), 413),
    ];
    for (presented, status) in cases {
        let response = complete(&app, &presented, NEW_PASSWORD).await;
        assert_eq!(response.status(), status, "{}", &presented[..20]);
    }
    let huge_email = format!("{}@example.com", "a".repeat(20_000));
    assert_eq!(ask(&app, &huge_email).await.status(), 413);
    let body: Value = json_with_status(ask(&app, "not an email").await, 422).await;
    assert!(body["fields"]["email"].is_string(), "{body}");
    // The token still works after all that.
    assert_eq!(complete(&app, &token, NEW_PASSWORD).await.status(), 204);
}

#[tokio::test]
async fn asking_is_limited_per_email_and_per_address() {
    let sink = SmtpSink::start().await;
    let app = sink.app_mailing_here().await;
    for _ in 0..5 {
        assert_eq!(ask(&app, "victim@example.com").await.status(), 202);
    }
    let refused = ask(&app, "Victim@example.com").await;
    assert_eq!(refused.status(), 429, "the same email, however written");
    assert!(refused.headers().contains_key("retry-after"));
    for n in 0..14 {
        let status = ask(&app, &format!("someone{n}@example.com")).await.status();
        assert_eq!(status, 202, "{n}");
    }
    // 20 asked from this address within the hour (the refused one counted too).
    assert_eq!(ask(&app, "fresh@example.com").await.status(), 429);
    app.clock.advance(3600);
    assert_eq!(ask(&app, "victim@example.com").await.status(), 202);
}

#[tokio::test]
async fn without_an_smtp_server_reset_by_mail_is_not_offered() {
    let app = spawn_app().await;
    app.sign_up("dev@example.com").await;
    let server = json_with_status(app.get("/api/v1/server").await, 200).await;
    assert_eq!(server["password_reset_by_mail"], false);
    let body = json_with_status(ask(&app, "dev@example.com").await, 404).await;
    assert!(text_at(&body, "/message").contains("does not mail password-reset links"));
    assert_eq!(app.count("SELECT COUNT(*) FROM password_resets").await, 0);

    let sink = SmtpSink::start().await;
    let mailing = sink.app_mailing_here().await;
    let server = json_with_status(mailing.get("/api/v1/server").await, 200).await;
    assert_eq!(server["password_reset_by_mail"], true);
}
