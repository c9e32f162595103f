//! The administrators' console in headless Chromium: minting an initial access token (shown
//! once, then only listed), changing the built-in API's visibility, taking over a
//! self-registered client so that it appears under the developer's apps, and what a developer
//! who is not an administrator sees.

use clientele::config::RegistrationMode;
use clientele::store::registrations::SELF_REGISTERED_OWNER;
use clientele_tests::console_ui::{
    field_refuses_then_accepts, id, sign_in_through_the_page, signed_in_browser,
};
use clientele_tests::registration::{
    confidential_metadata, register, register_confidential, registration_attempt, server,
    server_with_admin,
};
use clientele_tests::steps::Step::{AtPath, Click, Found, Gone, Shows};
use shared::registered_api::ApiVisibility;

#[tokio::test]
async fn an_administrator_mints_a_token_sees_it_once_revokes_it_and_changes_the_built_in_api() {
    let (app, admin) = server_with_admin(RegistrationMode::Token).await;
    let browser = signed_in_browser(&app, &admin.email).await;

    browser
        .steps(&[
            Click("nav-admin"),
            AtPath("/admin"),
            Shows("admin-client-documents", "Client metadata documents"),
            Click("admin-tokens"),
            AtPath("/admin/initial-access-tokens"),
            Found("no-tokens"),
        ])
        .await;

    // The shared rules answer as the administrator types.
    field_refuses_then_accepts(&browser, "uses", "0", "between 1 and 1,000", "3").await;
    field_refuses_then_accepts(&browser, "days", "91", "between 1 and 90 days", "30").await;
    browser.click(&id("mint-submit")).await;

    // Shown once, with a copy button; it really registers a client.
    browser.shows("minted-token", "shown only this once").await;
    let token = browser
        .find(&id("minted-token-value"))
        .await
        .text()
        .await
        .unwrap();
    assert!(token.starts_with("cia_"), "{token}");
    browser.find(&id("copy-token")).await;
    register(&app, Some(&token), &confidential_metadata("Registered")).await;
    browser
        .steps(&[Click("close-minted-token"), Gone("minted-token")])
        .await;

    // Listed without its value: uses left, who minted it.
    browser.goto(&app.url("/admin/initial-access-tokens")).await;
    let row = browser.shows("token-row", "2 registration(s) left").await;
    assert!(row.contains("admin@example.com"), "{row}");
    let page = browser.find("main").await.text().await.unwrap();
    assert!(!page.contains(&token), "the token is shown again");

    // Revoked: gone from the list, refused at the registration endpoint.
    browser
        .steps(&[
            Click("revoke-token"),
            Click("revoke-token-confirm"),
            Found("no-tokens"),
        ])
        .await;
    let (status, body) =
        registration_attempt(&app, Some(&token), &confidential_metadata("Too late")).await;
    assert_eq!(status, 401, "{body}");

    // The built-in API, from the overview.
    browser
        .steps(&[
            Click("nav-admin"),
            Click("admin-built-in"),
            AtPath("/admin/built-in-api"),
            Shows("built-in-saved", "Anyone"),
            Click("visibility-developers"),
            Click("built-in-save"),
            Shows("built-in-saved", "Developers"),
        ])
        .await;
    assert_eq!(
        app.state.store.built_in_api_visibility().await.unwrap(),
        Some(ApiVisibility::Developers)
    );
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test]
async fn an_administrator_takes_over_a_client_and_the_developer_finds_it_among_their_apps() {
    let (app, admin) = server_with_admin(RegistrationMode::Open).await;
    let developer = app.sign_up("dev@example.com").await;
    let registered = register_confidential(&app, "Terminal Notes").await;
    let browser = signed_in_browser(&app, &admin.email).await;

    browser
        .goto(&app.url("/admin/self-registered-clients"))
        .await;
    let row = browser.shows("client-row", "Terminal Notes").await;
    assert!(row.contains(&registered.client.client_id), "{row}");
    assert!(row.contains("open registration"), "{row}");
    assert!(row.contains("https://example.com/callback"), "{row}");
    browser.click(&id("take-over")).await;
    let email = format!("{} input", id("take-over-form"));
    browser.fill(&email, "nobody@example.com").await;
    browser
        .steps(&[
            Click("take-over-submit"),
            Shows("take-over-form", "No console account has this email."),
        ])
        .await;
    browser.fill(&email, &developer.email).await;
    browser
        .steps(&[
            Click("take-over-submit"),
            Shows(
                "clients-notice",
                "Terminal Notes is now an app of dev@example.com.",
            ),
            Found("no-clients"),
        ])
        .await;
    let owner: String = sqlx::query_scalar("SELECT owner_id FROM apps WHERE client_id = $1")
        .bind(&registered.client.client_id)
        .fetch_one(app.state.store.pool())
        .await
        .unwrap();
    assert_ne!(owner, SELF_REGISTERED_OWNER);
    browser
        .assert_only_refusals("/take-over", "the server responded with a status of 4")
        .await;

    // The developer signs in and finds it among their apps.
    browser.steps(&[Click("sign-out"), AtPath("/")]).await;
    sign_in_through_the_page(&browser, &app, &developer.email).await;
    browser.shows("app-row", "Terminal Notes").await;
    browser.close().await;
}

#[tokio::test]
async fn a_developer_sees_no_admin_link_and_the_admin_pages_say_they_are_for_administrators() {
    let app = server(RegistrationMode::Open).await;
    let developer = app.sign_up("dev@example.com").await;
    let browser = signed_in_browser(&app, &developer.email).await;
    browser.find(&id("nav-apis")).await;
    assert_eq!(browser.count(&id("nav-admin")).await, 0);
    for path in [
        "/admin",
        "/admin/initial-access-tokens",
        "/admin/self-registered-clients",
        "/admin/built-in-api",
        "/admin/client-documents",
    ] {
        browser.goto(&app.url(path)).await;
        browser.shows("admin-only", "Administrators only").await;
        assert_eq!(browser.count(&id("nav-admin")).await, 0, "{path}");
    }
    browser.assert_no_console_errors().await;
    browser.close().await;
}
