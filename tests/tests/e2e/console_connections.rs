//! "Connected apps" in the console (headless Chromium): a person who authorized an app sees it
//! with what it may do in words, revokes it, and the app's tokens stop working at once.

use clientele_tests::browser::Browser;
use clientele_tests::console_api::app_draft;
use clientele_tests::console_ui::{id, sign_in_through_the_page};
use clientele_tests::oauth::REDIRECT_URI;
use clientele_tests::spawn_app;

#[tokio::test]
async fn a_person_sees_an_authorized_app_with_its_scopes_in_words_and_revokes_it() {
    let app = spawn_app().await;
    let developer = app.sign_up("dev@example.com").await;
    let client = developer.client_app(&app_draft("Photo Sync")).await;
    let person = app.sign_up("person@example.com").await;
    let code = app
        .authorization_code(&person, &client, "files:read openid", None)
        .await;
    let tokens = app
        .tokens(
            &client,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", REDIRECT_URI),
            ],
        )
        .await;
    let access_token = tokens["access_token"].as_str().unwrap().to_owned();
    let refresh_token = tokens["refresh_token"].as_str().unwrap().to_owned();
    assert_eq!(app.introspect(&client, &access_token).await["active"], true);

    let browser = Browser::start().await;
    sign_in_through_the_page(&browser, &app, "person@example.com").await;
    browser.click(&id("nav-connections")).await;
    browser.wait_for_path("/connections").await;

    // The app, its website, and what it may do in the consent screen's words.
    let row = browser
        .wait_for_text(&id("connection-row"), "Photo Sync")
        .await;
    assert!(
        row.contains("https://example.com") && row.contains("Allowed "),
        "{row}"
    );
    let scopes = browser
        .find(&id("connection-scopes"))
        .await
        .text()
        .await
        .unwrap();
    for words in [
        "Files & folders",
        "View your files and folders.",
        "Sign you in with your account.",
    ] {
        assert!(scopes.contains(words), "{words:?} missing from {scopes}");
    }
    assert!(
        !scopes.contains("files:read"),
        "scopes are shown in words, not tokens: {scopes}"
    );
    assert_eq!(browser.count(&id("connection-row")).await, 1);

    // Revoking asks first, then empties the list.
    browser.click(&id("revoke-connection")).await;
    browser
        .wait_for_text(&id("revoke-access"), "loses every token")
        .await;
    browser.click(&id("revoke-access-confirm")).await;
    browser
        .wait_for_text(
            &id("no-connections"),
            "No apps are connected to your account",
        )
        .await;
    browser
        .wait_for_text(
            &id("connections-notice"),
            "Photo Sync can no longer use your account",
        )
        .await;
    assert_eq!(browser.count(&id("connection-row")).await, 0);

    // The app's tokens for this person are gone with the consent.
    assert_eq!(
        app.introspect(&client, &access_token).await["active"],
        false,
        "the access token still works"
    );
    assert_eq!(
        app.introspect(&client, &refresh_token).await["active"],
        false,
        "the refresh token still works"
    );
    let connections: serde_json::Value = person
        .get("/api/v1/connections")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(connections, serde_json::json!([]));

    browser.assert_no_console_errors().await;
    browser.close().await;
}
