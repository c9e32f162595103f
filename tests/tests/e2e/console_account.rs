//! A person's own account in the console (headless Chromium): seeing the browsers signed in to
//! it and signing one or all of the others out, changing the password, and setting a new one
//! through a mailed "Forgot your password?" link.

use std::time::Duration;

use clientele_tests::browser::Browser;
use clientele_tests::console_api::PASSWORD;
use clientele_tests::console_ui::{id, sign_in_through_the_page, signed_in_browser};
use clientele_tests::smtp_sink::SmtpSink;
use clientele_tests::steps::Step::{AtPath, Click, Fill, Found, Gone, Shows};
use clientele_tests::{eventually, spawn_app};

const NEW_PASSWORD: &str = "seven orange kites over quiet harbours";

/// Opens "Signed-in browsers" from the account menu, as a person would, and waits for `rows`.
async fn open_sessions(browser: &Browser, rows: usize) {
    browser
        .steps(&[
            Click("account-name"),
            AtPath("/account"),
            Click("to-sessions"),
            AtPath("/account/sessions"),
            Found("session-list"),
        ])
        .await;
    shows_sessions(browser, rows).await;
}

/// The list shows `rows` sessions, waiting for it: after a sign-out the notice comes before the
/// list's reload.
async fn shows_sessions(browser: &Browser, rows: usize) {
    let listed = move || async move {
        match browser.count(&id("session-row")).await {
            shown if shown == rows => Ok(()),
            _ => Err(format!("never {rows} sessions")),
        }
    };
    eventually(Duration::from_secs(20), Duration::from_millis(50), listed).await;
}

/// The other browser's next action finds its session ended: the console asks it to sign in.
async fn is_signed_out_on_its_next_action(browser: &Browser) {
    browser.click(&id("nav-teams")).await;
    browser.find(&id("sign-in-form")).await;
    browser.assert_only_refusals("/api/v1/", "401").await;
}

#[tokio::test]
async fn two_browsers_see_both_sessions_and_one_signs_the_others_out() {
    let app = spawn_app().await;
    let setup = app.sign_up("dev@example.com").await;
    assert_eq!(setup.delete("/api/v1/session").await.status(), 204);
    let laptop = signed_in_browser(&app, "dev@example.com").await;
    let phone = laptop.another().await;
    sign_in_through_the_page(&phone, &app, "dev@example.com").await;

    open_sessions(&laptop, 2).await;
    let list = laptop.text(&id("session-list")).await;
    assert!(list.contains("Chrome on Linux"), "{list}");
    assert!(list.contains("127.0.0.1"), "{list}");
    assert!(list.contains("Last seen"), "{list}");
    assert_eq!(laptop.count(&id("this-session")).await, 1);
    assert_eq!(
        laptop.count(&id("end-session")).await,
        1,
        "only the other one"
    );

    // One other session, asked first.
    laptop.click(&id("end-session")).await;
    laptop
        .wait_for_text(&id("sign-out-session"), "Sign this browser out?")
        .await;
    laptop.click(&id("sign-out-session-confirm")).await;
    laptop
        .wait_for_text(&id("sessions-notice"), "is signed out of your account")
        .await;
    shows_sessions(&laptop, 1).await;
    is_signed_out_on_its_next_action(&phone).await;

    // All the others at once.
    sign_in_through_the_page(&phone, &app, "dev@example.com").await;
    laptop.goto(&app.url("/apps")).await;
    open_sessions(&laptop, 2).await;
    laptop.click(&id("end-other-sessions")).await;
    laptop.click(&id("sign-out-others-confirm")).await;
    laptop
        .wait_for_text(&id("sessions-notice"), "Every other browser is signed out")
        .await;
    shows_sessions(&laptop, 1).await;
    assert_eq!(laptop.count(&id("end-other-sessions")).await, 0);
    is_signed_out_on_its_next_action(&phone).await;
    phone.close().await;
    laptop.finish().await;
}

#[tokio::test]
async fn changing_the_password_refuses_a_wrong_current_one_under_its_field_then_succeeds() {
    let app = spawn_app().await;
    let elsewhere = app.sign_up("dev@example.com").await;
    let browser = signed_in_browser(&app, "dev@example.com").await;
    browser
        .steps(&[
            Click("account-name"),
            AtPath("/account"),
            Fill("input-current_password", "not my password at all"),
            Fill("input-new_password", NEW_PASSWORD),
            Click("change-password-submit"),
            Shows("error-current_password", "not your current password"),
        ])
        .await;
    assert_eq!(browser.count(&id("password-changed")).await, 0);

    browser
        .steps(&[
            Fill("input-current_password", PASSWORD),
            Gone("error-current_password"),
            Click("change-password-submit"),
            Shows("password-changed", "Your password is changed"),
        ])
        .await;
    // The other session ended; this browser stays signed in; the new password works.
    assert_eq!(
        elsewhere.get("/api/v1/account/sessions").await.status(),
        401
    );
    browser.steps(&[Click("nav-apps"), AtPath("/apps")]).await;
    app.sign_in("dev@example.com", NEW_PASSWORD).await;
    browser
        .assert_only_refusals("/api/v1/account/password", "422")
        .await;
    browser.close().await;
}

#[tokio::test]
async fn a_forgotten_password_is_set_again_through_the_mailed_link() {
    let sink = SmtpSink::start().await;
    let app = sink.app_mailing_here().await;
    app.sign_up("dev@example.com").await;
    let browser = Browser::start().await;
    browser.goto(&app.url("/sign-in")).await;
    browser
        .steps(&[
            Click("forgot-password-link"),
            AtPath("/forgot-password"),
            Fill("input-email", "dev@example.com"),
            Click("forgot-password-submit"),
            Shows("reset-requested", "If an account has this email address"),
        ])
        .await;

    let link = sink
        .wait_for_mail("dev@example.com", 1)
        .await
        .link_with("/password-reset/");
    browser.goto(&link).await;
    browser
        .steps(&[
            Fill("input-new_password", "too short"),
            Click("password-reset-submit"),
            Shows("error-new_password", "at least 12 characters"),
            Fill("input-new_password", NEW_PASSWORD),
            Click("password-reset-submit"),
            Shows("password-reset-done", "Your new password is set"),
            Click("sign-in-after-reset"),
            Fill("input-email", "dev@example.com"),
            Fill("input-password", NEW_PASSWORD),
            Click("sign-in-submit"),
            AtPath("/apps"),
        ])
        .await;
    browser.finish().await;
}

#[tokio::test]
async fn without_an_smtp_server_the_sign_in_page_says_who_can_help_instead() {
    let app = spawn_app().await;
    let browser = Browser::start().await;
    browser.goto(&app.url("/sign-in")).await;
    browser
        .wait_for_text(&id("forgot-password"), "administrator")
        .await;
    assert_eq!(browser.count(&id("forgot-password-link")).await, 0);
    browser.finish().await;
}
