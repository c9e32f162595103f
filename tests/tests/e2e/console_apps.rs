//! The console's account and app pages in headless Chromium: signing up, registering an app
//! with every field, seeing its secret once, finding, editing and deleting it, and the form's
//! rules running in the browser before anything is sent.

use clientele_tests::browser::Browser;
use clientele_tests::console_api::{app_draft, ConsoleUser, PASSWORD};
use clientele_tests::console_ui::{
    choose_icon, credentials_shown_once, escape_closes, field_refuses_then_accepts,
    fill_valid_app_form, id, signed_in_browser_at, submit_when_complete, wait_for_focus,
    wait_for_title,
};
use clientele_tests::fixtures::png;
use clientele_tests::oauth::ClientApp;
use clientele_tests::steps::Step::{AtPath, Click, Fill, Found, Gone, Shows};
use clientele_tests::{assert_contains_all, spawn_app};
use serde_json::Value;

async fn apps_of(user: &ConsoleUser) -> Value {
    let response = user.get("/api/v1/apps").await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("a page of apps")
}

/// The curl example shows `grant` with the app's client id and a placeholder for its secret.
async fn curl_sends_the_secret(browser: &Browser, grant: &str, client_id: &str) {
    let curl = browser.shows("curl-example", grant).await;
    assert!(
        curl.contains(&format!("-u '{client_id}:YOUR_CLIENT_SECRET'")),
        "{curl}"
    );
}

#[tokio::test]
async fn a_developer_signs_up_registers_an_app_sees_the_secret_once_and_edits_and_deletes_it() {
    let app = spawn_app().await;
    let browser = Browser::start().await;
    let email = "dev@example.com";

    // Sign up through the page; the console signs in at once and shows the empty list.
    browser.goto(&app.url("/")).await;
    browser
        .steps(&[
            Click("home-sign-up"),
            Fill("input-email", email),
            Fill("input-display_name", "Ada Developer"),
        ])
        .await;
    field_refuses_then_accepts(
        &browser,
        "password",
        "short",
        "at least 12 characters",
        PASSWORD,
    )
    .await;
    browser
        .steps(&[
            Click("sign-up-submit"),
            AtPath("/apps"),
            Shows("account-name", "Ada Developer"),
            Shows("empty-state", "You have not registered any apps yet"),
        ])
        .await;

    // Register an app with every field, including an icon.
    browser
        .steps(&[Click("register-app-link"), AtPath("/apps/new")])
        .await;
    fill_valid_app_form(&browser, "Photo Sync", "https://example.com/callback").await;
    browser
        .fill(&id("input-description"), "Syncs photos.\nEvery night.")
        .await;
    let _icon = choose_icon(&browser, &png(64, 64)).await;
    let preview = browser.find(&id("icon-preview")).await;
    let preview_src = preview.attr("src").await.unwrap().unwrap_or_default();
    assert!(
        preview_src.starts_with("data:image/png;base64,"),
        "{preview_src}"
    );
    browser
        .steps(&[
            Click("add-redirect_uris"),
            Fill("input-redirect_uris.1", "http://127.0.0.1/callback"),
            Click("add-allowed_origins"),
            Fill("input-allowed_origins.0", "https://example.com"),
            Click("grant-client_credentials"),
            Click("grant-password"),
            Shows("grant-password-warning", "RFC 9700"),
            Click("grant-password"),
            Gone("grant-password-warning"),
            Click("token-format-jwt"),
            Click("scope-files-write"),
            Click("scope-accounts.self-read"),
            Click("scope-email"),
            Shows("submit-app", "Register app"),
        ])
        .await;
    submit_when_complete(&browser, "submit-app").await;

    // The client id and the first secret, with the warning that it is shown only now.
    let (client_id, secret) = credentials_shown_once(&browser, "created-app").await;
    browser.click(&id("copy-client-id")).await;

    // Everything was saved as typed, and the scopes as the shared scope type.
    let api = app.sign_in(email, PASSWORD).await;
    let saved: Value = api.get_json(&format!("/api/v1/apps/{client_id}")).await;
    assert_eq!(saved["name"], "Photo Sync");
    assert_eq!(saved["description"], "Syncs photos.\nEvery night.");
    assert_eq!(
        saved["scopes"],
        "accounts.self:read files:read files:write openid email"
    );
    assert_eq!(
        saved["redirect_uris"],
        serde_json::json!(["https://example.com/callback", "http://127.0.0.1/callback"])
    );
    assert_eq!(
        saved["allowed_origins"],
        serde_json::json!(["https://example.com"])
    );
    assert_eq!(
        saved["grant_types"],
        serde_json::json!(["authorization_code", "refresh_token", "client_credentials"])
    );
    assert_eq!(saved["token_format"], "jwt");
    assert_eq!(saved["terms_url"], "https://example.com/terms");
    assert!(saved["icon_url"].is_string(), "{saved}");

    // The detail page: settings, endpoints and curl example, never the secret again.
    browser
        .steps(&[
            Click("open-created-app"),
            AtPath(&format!("/apps/{client_id}")),
            Shows(
                "discovery-url",
                &format!("{}/.well-known/openid-configuration", app.address),
            ),
        ])
        .await;
    curl_sends_the_secret(&browser, "grant_type=client_credentials", &client_id).await;
    let page = browser.text("main").await;
    assert!(!page.contains(&secret), "the secret is shown again");

    // The redirect tester answers with the shared matcher.
    browser
        .steps(&[
            Fill("redirect-test-input", "https://example.com/callback/"),
            Shows("redirect-test-result", "Refused"),
            Shows("redirect-test-result", "trailing slash"),
            Fill("redirect-test-input", "http://127.0.0.1:5173/callback"),
            Shows("redirect-test-result", "Accepted"),
        ])
        .await;

    // The list shows it, and finds it by part of its name.
    browser.goto(&app.url("/apps")).await;
    let row = browser.shows("app-row", "Photo Sync").await;
    assert!(
        row.contains("Confidential") && row.contains("2 redirect URLs"),
        "{row}"
    );
    assert!(row.contains("files:write"), "{row}");
    browser
        .steps(&[
            Fill("app-search", "sync"),
            Shows("app-count", "1 app"),
            Fill("app-search", "nothing like it"),
            Shows("no-matches", "nothing like it"),
            Fill("app-search", "photo"),
            Click("app-link"),
        ])
        .await;

    // Edit: the same form, pre-filled; fewer redirect URLs and a narrower scope apply at once.
    browser
        .steps(&[
            Click("edit-app"),
            AtPath(&format!("/apps/{client_id}/edit")),
            Found("input-redirect_uris.1"),
        ])
        .await;
    assert_eq!(browser.value(&id("input-name")).await, "Photo Sync");
    assert!(browser.is_checked(&id("scope-files-write")).await);
    browser
        .steps(&[
            Fill("input-name", "Photo Sync 2"),
            Click("remove-redirect_uris.1"),
            Click("scope-files-write"),
            Click("submit-app"),
            AtPath(&format!("/apps/{client_id}?saved=1")),
            Shows("app-name", "Photo Sync 2"),
        ])
        .await;
    let saved: Value = api.get_json(&format!("/api/v1/apps/{client_id}")).await;
    assert_eq!(
        saved["redirect_uris"],
        serde_json::json!(["https://example.com/callback"])
    );
    assert_eq!(
        saved["scopes"],
        "accounts.self:read files:read openid email"
    );
    assert!(
        saved["icon_url"].is_string(),
        "editing without a new icon keeps the icon: {saved}"
    );

    // Delete: the form opens on the name to type; Escape closes it and returns to its button.
    browser.click(&id("delete-app")).await;
    escape_closes(
        &browser,
        &id("delete-confirm-input"),
        &id("delete-confirm-input"),
        &id("delete-app"),
    )
    .await;

    // Only once the name is typed; then back to the (empty) list, focus on its heading.
    browser
        .steps(&[
            Click("delete-app"),
            Fill("delete-confirm-input", "Photo Sync"),
        ])
        .await;
    assert!(!browser.is_enabled(&id("delete-confirm")).await);
    browser
        .steps(&[
            Fill("delete-confirm-input", "Photo Sync 2"),
            Click("delete-confirm"),
            AtPath("/apps?deleted=1"),
            Shows("empty-state", "You have not registered any apps yet"),
        ])
        .await;
    wait_for_focus(&browser, "h1").await;
    browser.shows("notice", "The app was deleted").await;
    assert_eq!(apps_of(&api).await["total"], 0);

    // Sign out: the header offers signing in again.
    browser
        .steps(&[Click("sign-out"), AtPath("/"), Found("home-sign-in")])
        .await;

    browser.finish().await;
}

#[tokio::test]
async fn write_ticks_read_and_an_http_redirect_url_is_refused_before_anything_is_sent() {
    let app = spawn_app().await;
    let user = app.sign_up("rules@example.com").await;
    let browser = signed_in_browser_at(&app, "rules@example.com", "/apps/new").await;

    let (read, write) = (id("scope-files-read"), id("scope-files-write"));
    assert!(!browser.is_checked(&read).await && !browser.is_checked(&write).await);
    browser.click(&write).await;
    assert!(browser.is_checked(&read).await, "ticking Write ticks Read");
    browser.click(&read).await;
    assert!(
        !browser.is_checked(&write).await,
        "unticking Read unticks Write"
    );
    assert!(!browser.is_checked(&read).await);
    browser.click(&write).await;
    browser.click(&write).await;
    assert!(
        browser.is_checked(&read).await,
        "unticking Write keeps Read"
    );
    assert!(!browser.is_checked(&write).await);

    // Plain http to a public host is refused under the field, as the person types.
    fill_valid_app_form(&browser, "Insecure App", "http://example.com").await;
    browser
        .steps(&[
            Shows(
                "error-redirect_uris.0",
                "Redirect URLs must use https, except http on 127.0.0.1, [::1] or localhost.",
            ),
            Shows("submit-app", "1 field to fix"),
            Shows("form-problems", "Redirect URL 1"),
            Click("submit-app"),
        ])
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    browser.wait_for_path("/apps/new").await;
    assert_eq!(apps_of(&user).await["total"], 0, "nothing was registered");

    // Fixing the field is enough to register.
    browser
        .steps(&[
            Fill("input-redirect_uris.0", "https://example.com/callback"),
            Gone("error-redirect_uris.0"),
            Click("submit-app"),
            Shows("created-app", "Insecure App"),
        ])
        .await;
    // The form the focus was in is gone: the focus goes to the result's heading.
    wait_for_focus(&browser, "h1#created-app-heading").await;
    wait_for_title(&browser, "Insecure App is registered · Clientele").await;
    let page = apps_of(&user).await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["scopes"], "files:read openid");

    browser.finish().await;
}

#[tokio::test]
async fn the_detail_page_shows_how_tokens_look_and_configuration_snippets_with_the_apps_values() {
    let app = spawn_app().await;
    let user = app.sign_up("snippets@example.com").await;
    let ClientApp {
        client_id,
        client_secret,
    } = user.client_app(&app_draft("Snippet App")).await;
    let secret = client_secret.unwrap();
    let discovery = format!("{}/.well-known/openid-configuration", app.address);

    let browser =
        signed_in_browser_at(&app, "snippets@example.com", &format!("/apps/{client_id}")).await;
    browser
        .steps(&[
            Shows("discovery-url", &discovery),
            Shows("integration-token-format", "Opaque"),
            Shows("integration-id-token-alg", "RS256"),
        ])
        .await;

    // Without the client credentials grant, curl shows the code exchange with the secret.
    curl_sends_the_secret(&browser, "grant_type=authorization_code", &client_id).await;

    let choose = |value: &str| format!(r#"{} option[value="{value}"]"#, id("snippet-choice"));
    browser.click(&choose("python")).await;
    let python = browser.shows("snippet-python", "server_metadata_url").await;
    assert_contains_all(
        &python,
        &[
            client_id.as_str(),
            discovery.as_str(),
            "<your client secret>",
            "https://example.com/callback",
            "files:write",
        ],
    );
    browser.click(&choose("node")).await;
    let node = browser.shows("snippet-node", "client.discovery(").await;
    assert!(
        node.contains(&client_id)
            && node.contains(&app.address)
            && node.contains("allowInsecureRequests"),
        "{node}"
    );
    browser.click(&choose("rust")).await;
    let rust = browser
        .shows("snippet-rust", "CoreProviderMetadata::discover_async")
        .await;
    assert!(
        rust.contains(&client_id) && rust.contains("CoreClient::from_provider_metadata"),
        "{rust}"
    );
    browser.click(&choose("curl")).await;
    browser.find(&id("curl-example")).await;
    let page = browser.text("main").await;
    assert!(!page.contains(&secret), "a snippet holds the real secret");

    browser.finish().await;
}
