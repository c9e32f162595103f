//! "Connected apps" in the console (headless Chromium): a person who authorized an app sees it
//! with what it may do in words, revokes it, and the app's tokens stop working at once.

use clientele_tests::assert_contains_all;
use clientele_tests::console_api::app_draft;
use clientele_tests::console_ui::{escape_closes, id, signed_in_browser, wait_for_focus};
use clientele_tests::oauth::spawn_with_app;
use clientele_tests::steps::Step::{AtPath, Click, Shows};

#[tokio::test]
async fn a_person_sees_an_authorized_app_with_its_scopes_in_words_and_revokes_it() {
    let (app, _, client) = spawn_with_app(&app_draft("Photo Sync")).await;
    let person = app.sign_up("person@example.com").await;
    let tokens = app.user_tokens(&person, &client, "files:read openid").await;
    let access_token = tokens["access_token"].as_str().unwrap().to_owned();
    let refresh_token = tokens["refresh_token"].as_str().unwrap().to_owned();
    assert!(app.is_active(&client, &access_token).await);

    let browser = signed_in_browser(&app, "person@example.com").await;
    browser
        .steps(&[Click("nav-connections"), AtPath("/connections")])
        .await;

    // The app, its website, and what it may do in the consent screen's words.
    let row = browser.shows("connection-row", "Photo Sync").await;
    assert!(
        row.contains("https://example.com") && row.contains("Allowed "),
        "{row}"
    );
    let scopes = browser.text(&id("connection-scopes")).await;
    assert_contains_all(
        &scopes,
        &[
            // Grouped under the API the scopes open.
            "Clientele API",
            "Files & folders",
            "View your files and folders.",
            "Sign you in with your account.",
        ],
    );
    assert!(
        !scopes.contains("files:read"),
        "scopes are shown in words, not tokens: {scopes}"
    );
    assert_eq!(browser.count(&id("connection-row")).await, 1);

    // On a phone the app's details take the row's width, and Revoke goes below them.
    browser
        .client
        .set_window_size(375, 800)
        .await
        .expect("resizing the window");
    let layout = browser
        .client
        .execute(
            "const row = document.querySelector('[data-testid=connection-row]');
             const main = row.querySelector('.app-row-main').getBoundingClientRect();
             const button = row.querySelector('[data-testid=revoke-connection]').getBoundingClientRect();
             return [window.innerWidth, main.width, button.top >= main.bottom - 1];",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        layout[0].as_f64().unwrap() <= 400.0,
        "the window is not phone-sized: {layout}"
    );
    assert!(
        layout[1].as_f64().unwrap() >= 250.0,
        "the app's details are squeezed: {layout}"
    );
    assert_eq!(
        layout[2], true,
        "Revoke is beside the details, not below them: {layout}"
    );
    browser
        .client
        .set_window_size(1280, 900)
        .await
        .expect("resizing the window");

    // Revoking asks first, with the focus on Cancel; Escape closes the question.
    browser
        .steps(&[
            Click("revoke-connection"),
            Shows("revoke-access", "loses every token"),
        ])
        .await;
    escape_closes(
        &browser,
        &id("revoke-access-cancel"),
        &id("revoke-access"),
        &id("revoke-connection"),
    )
    .await;

    // Confirmed, it empties the list and the focus moves to the message that says so.
    browser
        .steps(&[
            Click("revoke-connection"),
            Click("revoke-access-confirm"),
            Shows("no-connections", "No apps are connected to your account"),
            Shows(
                "connections-notice",
                "Photo Sync can no longer use your account",
            ),
        ])
        .await;
    wait_for_focus(&browser, &id("connections-notice")).await;
    browser.wait_until_gone(&id("connection-row")).await;

    // The app's tokens for this person are gone with the consent.
    assert!(
        !app.is_active(&client, &access_token).await,
        "the access token still works"
    );
    assert!(
        !app.is_active(&client, &refresh_token).await,
        "the refresh token still works"
    );
    let connections: serde_json::Value = person.get_json("/api/v1/connections").await;
    assert_eq!(connections, serde_json::json!([]));

    browser.finish().await;
}
