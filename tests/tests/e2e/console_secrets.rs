//! Client secrets in the console (headless Chromium): generating a second secret and seeing
//! it only once, revoking the first, the warning before revoking the last one, the audit log
//! that records each step, and resetting every OAuth value of an app.

use clientele_tests::console_api::app_draft;
use clientele_tests::console_ui::{
    escape_closes, field_refuses_then_accepts, id, press, signed_in_browser, signed_in_browser_at,
    wait_for_focus,
};
use clientele_tests::oauth::ClientApp;
use clientele_tests::steps::Step::{AtPath, Click, Gone};
use clientele_tests::{assert_contains_all, spawn_app, TestApp};
use fantoccini::key::Key;

const OWNER: &str = "owner@example.com";

/// The row of the `n`th secret in the list (1 is the oldest).
fn row(n: usize, testid: &str) -> String {
    format!(
        r#"[data-testid="secret-row"]:nth-child({n}) {}"#,
        id(testid)
    )
}

/// Whether `secret` authenticates the app at the introspection endpoint.
async fn authenticates(app: &TestApp, client_id: &str, secret: &str) -> bool {
    let response = reqwest::Client::new()
        .post(app.url("/oauth/introspect"))
        .basic_auth(client_id, Some(secret))
        .form(&[("token", "not-a-token")])
        .send()
        .await
        .expect("introspection request");
    match response.status().as_u16() {
        200 => true,
        401 => false,
        status => panic!("introspection answered {status}"),
    }
}

#[tokio::test]
async fn a_second_secret_is_shown_once_copied_and_the_first_is_revoked_with_an_audit_trail() {
    let app = spawn_app().await;
    let owner = app.sign_up(OWNER).await;
    let created = owner.register_app(&app_draft("Rotation App")).await;
    let client_id = created["app"]["client_id"].as_str().unwrap().to_owned();
    let first_secret = created["client_secret"].as_str().unwrap().to_owned();

    let browser = signed_in_browser_at(&app, OWNER, &format!("/apps/{client_id}")).await;
    browser
        .steps(&[
            Click("open-secrets"),
            AtPath(&format!("/apps/{client_id}/secrets")),
        ])
        .await;
    browser
        .wait_for_text(&row(1, "secret-status"), "Never used")
        .await;
    browser.wait_for_text(&row(1, "secret-prefix"), "cs_").await;
    browser.shows("status-hint", "Safe to revoke").await;
    assert_eq!(browser.count(&id("secret-row")).await, 1);

    // The shared rule checks the label as it is typed; nothing is sent until it passes.
    browser.click(&id("generate-secret")).await;
    field_refuses_then_accepts(
        &browser,
        "label",
        &"x".repeat(65),
        "at most 64 characters",
        "Second server",
    )
    .await;
    browser
        .click(&format!(
            r#"{} option[value="90"]"#,
            id("input-expires_in_days")
        ))
        .await;
    browser.click(&id("generate-secret-submit")).await;

    // Shown once, with the warning and a copy button.
    let panel = browser
        .shows("new-secret-panel", "shown only this once")
        .await;
    assert!(panel.contains("cannot be shown again"), "{panel}");
    let secret_css = format!("{} {}", id("new-secret-panel"), id("client-secret"));
    let second_secret = browser.text(&secret_css).await;
    assert!(
        second_secret.starts_with("cs_") && second_secret.len() > 20,
        "{second_secret}"
    );
    assert!(
        authenticates(&app, &client_id, &second_secret).await,
        "the shown secret is the app's new secret"
    );
    browser
        .click(&format!(
            "{} {}",
            id("new-secret-panel"),
            id("copy-client-secret")
        ))
        .await;
    browser
        .wait_for_text(&format!("{} .copy-status", id("new-secret-panel")), ".")
        .await;
    browser
        .shows("secrets-notice", "Generated secret cs_")
        .await;

    // Closing it leaves only the metadata.
    browser
        .steps(&[Click("close-new-secret"), Gone("new-secret-panel")])
        .await;
    let row_two = browser
        .wait_for_text(
            r#"[data-testid="secret-row"]:nth-child(2)"#,
            "Second server",
        )
        .await;
    assert!(
        row_two.contains("Expires") && row_two.contains(&second_secret[..8]),
        "{row_two}"
    );
    let page = browser.text("main").await;
    assert!(
        !page.contains(&second_secret),
        "the new secret is still on the page"
    );
    assert!(
        !page.contains(&first_secret),
        "the first secret is on the page"
    );

    // Revoking the first: the question opens with the focus on Cancel, so Enter, Enter from
    // the keyboard cancels; Escape closes it too, and the focus goes back to its button.
    browser.click(&row(1, "revoke-secret")).await;
    browser.find(&row(1, "revoke")).await;
    escape_closes(
        &browser,
        &row(1, "revoke-cancel"),
        &id("revoke"),
        &row(1, "revoke-secret"),
    )
    .await;
    press(&browser, Key::Enter).await;
    wait_for_focus(&browser, &row(1, "revoke-cancel")).await;
    press(&browser, Key::Enter).await;
    browser.wait_until_gone(&id("revoke")).await;
    wait_for_focus(&browser, &row(1, "revoke-secret")).await;
    assert!(
        authenticates(&app, &client_id, &first_secret).await,
        "Enter, Enter revoked the secret"
    );

    // No last-secret warning, since the second still works; once revoked, the focus goes to
    // the message saying so.
    browser.click(&row(1, "revoke-secret")).await;
    assert_eq!(browser.count(&id("last-secret-warning")).await, 0);
    browser.click(&row(1, "revoke-confirm")).await;
    browser
        .wait_for_text(&row(1, "secret-status"), "Revoked")
        .await;
    browser.shows("secrets-notice", "Revoked secret cs_").await;
    wait_for_focus(&browser, &id("secrets-notice")).await;
    assert!(
        !authenticates(&app, &client_id, &first_secret).await,
        "the revoked secret still authenticates"
    );
    assert!(authenticates(&app, &client_id, &second_secret).await);

    // The audit log, newest first, with who and from where.
    let log = browser.shows("audit-log", "Revoked secret cs_").await;
    assert!(
        log.contains("Generated secret cs_") && log.contains("Registered the app"),
        "{log}"
    );
    let newest = browser
        .text(&format!("{}:first-child", id("audit-entry")))
        .await;
    assert!(
        newest.contains("Revoked secret") && newest.contains(OWNER) && newest.contains("127.0.0.1"),
        "{newest}"
    );

    // The second is now the last one that works: the confirmation says what revoking it means.
    assert_eq!(
        browser.count(&row(1, "revoke-secret")).await,
        0,
        "a revoked secret offers no Revoke"
    );
    browser.click(&row(2, "revoke-secret")).await;
    browser
        .wait_for_text(
            &row(2, "last-secret-warning"),
            "will no longer be able to authenticate",
        )
        .await;
    browser.click(&row(2, "revoke-cancel")).await;
    browser.wait_until_gone(&id("revoke")).await;
    assert!(
        authenticates(&app, &client_id, &second_secret).await,
        "cancelling revoked nothing"
    );

    browser.finish().await;
}

#[tokio::test]
async fn resetting_revokes_every_secret_token_and_consent_and_shows_the_new_secret_once() {
    let app = spawn_app().await;
    let owner = app.sign_up(OWNER).await;
    let client = owner.client_app(&app_draft("Leaky App")).await;
    let person = app.sign_up("person@example.com").await;
    let tokens = app.user_tokens(&person, &client, "files:read").await;
    let access_token = tokens["access_token"].as_str().unwrap().to_owned();

    let browser = signed_in_browser(&app, OWNER).await;
    browser
        .goto(&app.url(&format!("/apps/{}/secrets", client.client_id)))
        .await;
    browser.wait_for_text(&row(1, "secret-prefix"), "cs_").await;

    browser.click(&id("reset-app")).await;
    escape_closes(
        &browser,
        &id("reset-cancel"),
        &id("reset"),
        &id("reset-app"),
    )
    .await;
    browser.click(&id("reset-app")).await;
    let confirmation = browser
        .shows("reset", "every user must authorize the app again")
        .await;
    assert_contains_all(
        &confirmation,
        &[
            "every client secret",
            "every access token and refresh token",
            "one new client secret, shown only once",
        ],
    );
    browser.click(&id("reset-confirm")).await;

    let result = browser.shows("reset-result", "shown only this once").await;
    assert!(
        result.contains("revoked 1 secret,") && result.contains("and 1 consent."),
        "{result}"
    );
    let secret_css = format!("{} {}", id("reset-result"), id("client-secret"));
    let new_secret = browser.text(&secret_css).await;
    assert!(new_secret.starts_with("cs_"), "{new_secret}");
    let old = client.client_secret.as_deref().unwrap();
    assert!(
        !authenticates(&app, &client.client_id, old).await,
        "the old secret still authenticates"
    );
    assert!(authenticates(&app, &client.client_id, &new_secret).await);
    let renewed = ClientApp {
        client_id: client.client_id.clone(),
        client_secret: Some(new_secret.clone()),
    };
    assert!(
        !app.is_active(&renewed, &access_token).await,
        "the access token survived the reset"
    );

    // The list and the log follow; closing the result drops the secret from the page.
    browser
        .wait_for_text(&row(1, "secret-status"), "Revoked")
        .await;
    browser
        .wait_for_text(&row(2, "secret-label"), "Issued by reset")
        .await;
    browser
        .wait_for_text(
            &format!("{}:first-child", id("audit-entry")),
            "Reset OAuth values",
        )
        .await;
    browser
        .steps(&[Click("close-reset-result"), Gone("reset-result")])
        .await;
    let page = browser.text("main").await;
    assert!(
        !page.contains(&new_secret),
        "the new secret is still on the page"
    );

    browser.finish().await;
}
