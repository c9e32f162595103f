//! The console's forms as a person meets them (headless Chromium): a blank form that waits to
//! be filled before it lists problems, messages that fit their field, a refused icon that
//! leaves the picker, the grant a public app cannot use, unsaved edits and a one-time secret
//! that are not lost without a question, and signing up with an email that has an account.

use clientele_tests::browser::Browser;
use clientele_tests::console_api::{app_draft, PASSWORD};
use clientele_tests::console_ui::{
    browser_at, choose_icon, dialog_is_open, id, signed_in_browser, wait_for_dialog, wait_for_focus,
};
use clientele_tests::fixtures::png;
use clientele_tests::spawn_app;
use clientele_tests::steps::Step::{AtPath, Click, Fill, Found, Gone, Shows};

/// Whether the page would make the browser ask "Leave site?" before reloading or closing:
/// the page's answer to the `beforeunload` event, which the browser sends first. (WebDriver
/// accepts the browser's own prompt by itself, so the prompt cannot be read.)
async fn unloading_asks_first(browser: &Browser) -> bool {
    let answer = browser
        .client
        .execute(
            "const event = new Event('beforeunload', { cancelable: true });
             window.dispatchEvent(event);
             return event.defaultPrevented;",
            vec![],
        )
        .await
        .expect("asking the page");
    answer == true
}

#[tokio::test]
async fn a_blank_register_form_shows_a_fields_problem_once_it_was_visited_or_submitted() {
    let app = spawn_app().await;
    app.sign_up("dev@example.com").await;
    let browser = signed_in_browser(&app, "dev@example.com").await;
    browser
        .steps(&[Click("register-app-link"), AtPath("/apps/new")])
        .await;

    // Nothing was filled in yet, so nothing is called wrong yet.
    browser.find(&id("input-name")).await;
    assert_eq!(browser.text(&id("submit-app")).await, "Register app");
    assert_eq!(
        browser.count("[data-testid^=error-]").await,
        0,
        "a blank form lists errors"
    );
    assert_eq!(browser.text(&id("form-problems")).await, "");

    // Leaving a field empty shows its message; the Website message fits the field.
    browser
        .steps(&[
            Click("input-name"),
            Click("input-website"),
            Shows("error-name", "Enter a name for the app."),
            Shows("submit-app", "Register app: 1 field to fix"),
            Fill("input-website", "example.com"),
            Shows(
                "error-website",
                "Enter a complete URL, like https://example.com.",
            ),
        ])
        .await;
    assert_eq!(
        browser.count(&id("error-privacy_policy_url")).await,
        0,
        "an unvisited field shows its message"
    );

    // A public app cannot use client credentials: choosing Public unticks the box, which
    // cannot be ticked again, and says why.
    browser.click(&id("grant-client_credentials")).await;
    assert!(browser.is_checked(&id("grant-client_credentials")).await);
    browser
        .steps(&[
            Click("client-type-public"),
            Shows(
                "grant-client_credentials-unavailable",
                "Public apps cannot use client credentials",
            ),
        ])
        .await;
    assert!(
        !browser.is_checked(&id("grant-client_credentials")).await,
        "still ticked for a public app"
    );
    assert!(
        !browser.is_enabled(&id("grant-client_credentials")).await,
        "still tickable"
    );
    browser
        .steps(&[
            Click("client-type-confidential"),
            Gone("grant-client_credentials-unavailable"),
        ])
        .await;
    assert!(browser.is_enabled(&id("grant-client_credentials")).await);

    // A refused icon leaves the picker empty, the accepted one stays in the preview.
    let _good = choose_icon(&browser, &png(64, 64)).await;
    let preview = browser
        .attr(&id("icon-preview"), "src")
        .await
        .unwrap_or_default();
    assert!(preview.starts_with("data:image/png;base64,"), "{preview}");
    let _bad = choose_icon(&browser, &png(16, 16)).await;
    browser.shows("error-icon", "at least 32×32 pixels").await;
    assert_eq!(
        browser.value(&id("input-icon")).await,
        "",
        "the picker still names the refused file"
    );
    assert_eq!(
        browser
            .attr(&id("icon-preview"), "src")
            .await
            .unwrap_or_default(),
        preview
    );

    // Submitting shows every message and moves the focus to the list of them.
    browser.click(&id("submit-app")).await;
    wait_for_focus(&browser, &id("form-problems")).await;
    for field in [
        "redirect_uris.0",
        "scopes",
        "privacy_policy_url",
        "terms_url",
    ] {
        browser.find(&id(&format!("error-{field}"))).await;
    }
    browser
        .steps(&[Shows("submit-app", "fields to fix"), AtPath("/apps/new")])
        .await;

    browser.finish().await;
}

#[tokio::test]
async fn unsaved_edits_and_a_secret_not_yet_copied_are_not_lost_without_a_question() {
    let app = spawn_app().await;
    let owner = app.sign_up("owner@example.com").await;
    let client_id = owner.client_app(&app_draft("Photo Sync")).await.client_id;
    let edit_path = format!("/apps/{client_id}/edit");
    let browser = signed_in_browser(&app, "owner@example.com").await;

    // Without changes, leaving asks nothing.
    browser.goto(&app.url(&edit_path)).await;
    browser.find(&id("input-name")).await;
    assert!(
        !unloading_asks_first(&browser).await,
        "reloading an unchanged form asks"
    );
    browser.steps(&[Click("nav-apps"), AtPath("/apps")]).await;
    assert!(!dialog_is_open(&browser).await);

    // With a change, a link inside the console asks first; staying keeps the change.
    browser
        .steps(&[
            Click("app-link"),
            Click("edit-app"),
            AtPath(&edit_path),
            Fill("input-name", "Photo Sync 2"),
            Click("nav-apps"),
        ])
        .await;
    let question = wait_for_dialog(&browser).await;
    assert!(question.contains("unsaved changes"), "{question}");
    browser.client.dismiss_alert().await.unwrap();
    browser.wait_for_path(&edit_path).await;
    assert_eq!(browser.value(&id("input-name")).await, "Photo Sync 2");

    // So does Back; staying keeps the page, its address and the change.
    let _ = browser.client.back().await;
    let question = wait_for_dialog(&browser).await;
    assert!(question.contains("unsaved changes"), "{question}");
    browser.client.dismiss_alert().await.unwrap();
    browser.wait_for_path(&edit_path).await;
    assert_eq!(browser.value(&id("input-name")).await, "Photo Sync 2");
    browser.find(&id("submit-app")).await;

    // So does signing out; staying keeps the session and the change.
    browser.click(&id("sign-out")).await;
    let question = wait_for_dialog(&browser).await;
    assert!(question.contains("unsaved changes"), "{question}");
    browser.client.dismiss_alert().await.unwrap();
    browser.wait_for_path(&edit_path).await;
    assert_eq!(browser.value(&id("input-name")).await, "Photo Sync 2");
    let sessions = app.count("SELECT COUNT(*) FROM sessions").await;
    assert_eq!(
        sessions, 2,
        "the browser's session (and the sign-up's) still exist"
    );
    browser.find(&id("account-name")).await;

    // Reloading or closing the tab asks too (the browser's own "Leave site?").
    assert!(
        unloading_asks_first(&browser).await,
        "reloading would drop the changes without a question"
    );

    // Leaving after all, by Back: the change is dropped, as the person chose.
    let _ = browser.client.back().await;
    wait_for_dialog(&browser).await;
    browser.client.accept_alert().await.unwrap();
    let detail = format!("/apps/{client_id}");
    browser
        .steps(&[
            AtPath(&detail),
            Shows("app-name", "Photo Sync"),
            Click("edit-app"),
        ])
        .await;
    assert_eq!(browser.value(&id("input-name")).await, "Photo Sync");

    // A new secret, shown once: reloading asks first, until the panel is closed.
    browser
        .goto(&app.url(&format!("/apps/{client_id}/secrets")))
        .await;
    browser
        .steps(&[Click("generate-secret"), Click("generate-secret-submit")])
        .await;
    browser
        .find(&format!(
            "{} {}",
            id("new-secret-panel"),
            id("client-secret")
        ))
        .await;
    assert!(
        unloading_asks_first(&browser).await,
        "reloading would lose the secret without a question"
    );
    browser
        .steps(&[Click("close-new-secret"), Gone("new-secret-panel")])
        .await;
    assert!(
        !unloading_asks_first(&browser).await,
        "reloading asks with nothing to lose"
    );

    browser.finish().await;
}

#[tokio::test]
async fn signing_up_with_an_email_that_has_an_account_says_so_once_and_links_to_signing_in() {
    let app = spawn_app().await;
    app.sign_up("taken@example.com").await;
    let browser = browser_at(&app, "/sign-up").await;
    browser
        .steps(&[
            Fill("input-email", "taken@example.com"),
            Fill("input-display_name", "Ada"),
            Fill("input-password", PASSWORD),
            Click("sign-up-submit"),
            Shows("error-email", "An account with this email already exists."),
        ])
        .await;
    let page = browser.text("main").await;
    assert_eq!(
        page.matches("already exists").count(),
        1,
        "the message shows more than once: {page}"
    );

    browser
        .steps(&[
            Click("sign-in-instead"),
            AtPath("/sign-in"),
            Found("sign-in-form"),
        ])
        .await;

    // Chrome logs every 4xx answer to a request as a failed load: the 409 is the answer under
    // test, and nothing else may be logged.
    let errors = browser.console_errors().await;
    assert!(
        errors.len() == 1 && errors[0].contains("/api/v1/accounts") && errors[0].contains("409"),
        "the page logged errors: {errors:#?}"
    );
    browser.close().await;
}
