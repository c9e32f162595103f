//! Sudo mode in the console (headless Chromium): a sensitive action in a session whose password
//! is older than the window is interrupted by a password dialog; confirming it completes the
//! action without another click, a wrong password is said in the dialog, and Cancel leaves the
//! action undone with the server's reason. The account's activity page lists what happened.

use clientele::accounts::audit::record;
use clientele::audit::Actor;
use clientele_tests::browser::Browser;
use clientele_tests::console_api::{app_draft, PASSWORD};
use clientele_tests::console_ui::{id, signed_in_browser_at};
use clientele_tests::steps::Step::{AtPath, Click, Fill, Found, Gone, Shows};
use clientele_tests::{spawn_app, TestApp};
use shared::api::AccountEvent;

/// Past the default window of 10 minutes.
const STALE: i64 = 10 * 60 + 1;

/// A developer's app, and a browser signed in on its page `/apps/{client_id}{page}` (once
/// `ready`, a test id, shows) whose session then goes stale; the client id.
async fn stale_browser_on_app_page(app: &TestApp, page: &str, ready: &str) -> (Browser, String) {
    let dev = app.sign_up("dev@example.com").await;
    let client_id = dev.client_app(&app_draft("Photo Sync")).await.client_id;
    let path = format!("/apps/{client_id}{page}");
    let browser = signed_in_browser_at(app, "dev@example.com", &path).await;
    browser.find(&id(ready)).await;
    app.clock.advance(STALE);
    (browser, client_id)
}

/// Every error the page logged is one of the refusals the test caused: the server asking for
/// the password (403) or refusing a wrong one (422).
async fn finish_with_sudo_refusals(browser: Browser) {
    let errors = browser.console_errors().await;
    assert!(
        errors
            .iter()
            .all(|error| error.contains("/api/v1/")
                && (error.contains("403") || error.contains("422"))),
        "the page logged errors: {errors:#?}"
    );
    browser.close().await;
}

#[tokio::test]
async fn a_stale_session_confirms_its_password_in_place_and_the_new_secret_is_shown_without_another_click(
) {
    let app = spawn_app().await;
    let (browser, _) = stale_browser_on_app_page(&app, "/secrets", "secret-row").await;

    browser
        .steps(&[
            Click("generate-secret"),
            Click("generate-secret-submit"),
            Shows("reauthenticate-dialog", "needs your password again"),
            Fill("input-reauth_password", "not my password"),
            Click("reauthenticate-confirm"),
            Shows("error-reauth_password", "This is not your password."),
            Found("reauthenticate-dialog"),
        ])
        .await;
    let active = "SELECT COUNT(*) FROM client_secrets WHERE revoked_at IS NULL";
    assert_eq!(app.count(active).await, 1, "nothing generated yet");
    browser
        .steps(&[
            Fill("input-reauth_password", PASSWORD),
            Click("reauthenticate-confirm"),
            Gone("reauthenticate-dialog"),
            Shows("new-secret-panel", "shown only this once"),
        ])
        .await;
    assert_eq!(app.count(active).await, 2, "the action carried on");

    // The account's activity page says it, with the browser and the address.
    browser.goto(&app.url("/account")).await;
    browser
        .steps(&[
            Click("to-activity"),
            AtPath("/account/activity"),
            Shows("activity-what", "Password confirmed for a sensitive action"),
            Shows("activity-when-where", "Chrome on Linux at 127.0.0.1"),
        ])
        .await;
    finish_with_sudo_refusals(browser).await;
}

#[tokio::test]
async fn cancelling_the_password_dialog_saves_nothing_and_confirming_saves_the_new_redirect_uri() {
    let app = spawn_app().await;
    let (browser, client_id) =
        stale_browser_on_app_page(&app, "/edit", "input-redirect_uris.0").await;
    let stored = || app.scalar::<String>("SELECT redirect_uris FROM apps");
    let before = stored().await;

    browser
        .steps(&[
            Fill("input-redirect_uris.0", "https://example.com/new-callback"),
            Click("submit-app"),
            Found("reauthenticate-dialog"),
            Click("reauthenticate-cancel"),
            Gone("reauthenticate-dialog"),
        ])
        .await;
    let refusal = format!("{} p.error", id("app-form"));
    let reason = "enter your password again to do this. Nothing was changed.";
    browser.wait_for_text(&refusal, reason).await;
    assert_eq!(stored().await, before, "cancelled: nothing saved");

    browser
        .steps(&[
            Click("submit-app"),
            Fill("input-reauth_password", PASSWORD),
            Click("reauthenticate-confirm"),
            AtPath(&format!("/apps/{client_id}?saved=1")),
        ])
        .await;
    assert!(
        stored().await.contains("new-callback"),
        "saved once confirmed"
    );
    finish_with_sudo_refusals(browser).await;
}

#[tokio::test]
async fn the_account_activity_page_shows_older_entries_a_page_at_a_time() {
    let app = spawn_app().await;
    let dev = app.sign_up("dev@example.com").await;
    let user_id = dev.account["id"].as_str().unwrap();
    for i in 0..51 {
        let event = AccountEvent::PasswordSetByOperator { sessions_ended: 0 };
        record(
            &app.state.store,
            user_id,
            &Actor::command_line(),
            1_000 + i,
            event,
        )
        .await
        .unwrap();
    }
    let browser = signed_in_browser_at(&app, "dev@example.com", "/account/activity").await;
    browser.find(&id("activity-list")).await;
    assert_eq!(browser.count(&id("activity-entry")).await, 50);
    browser
        .shows("activity-list", "Password set by an operator")
        .await;
    browser.shows("activity-list", "by command line").await;
    browser.click(&id("activity-older")).await;
    browser.find(&id("activity-newer")).await;
    assert_eq!(browser.count(&id("activity-entry")).await, 1);
    assert_eq!(browser.count(&id("activity-older")).await, 0);
    browser.click(&id("activity-newer")).await;
    browser.find(&id("activity-older")).await;
    assert_eq!(browser.count(&id("activity-entry")).await, 50);
    browser.finish().await;
}
