//! The console's API pages in headless Chromium: registering an API with the shared rules
//! checked as the person types and the server's own answer under its field, its one-time
//! secret, its page with the RFC 9728 document, the app form's scopes grouped by API, who sees
//! which API, and deleting one.

use clientele_tests::apis::api_draft;
use clientele_tests::console_api::{spawn_app_with_developer, ConsoleUser};
use clientele_tests::console_ui::{
    credentials_shown_once, field_refuses_then_accepts, fill_valid_app_form, id, signed_in_browser,
    signed_in_browser_at, submit_when_complete, wait_for_focus,
};
use clientele_tests::steps::Step::{AtPath, Click, Fill, Found, Gone, Shows};
use clientele_tests::{spawn_app, TestApp};
use serde_json::{json, Value};

/// Registers an API through the console API and returns its `ApiView`.
async fn register_api(
    user: &ConsoleUser,
    name: &str,
    identifier: &str,
    resources: &[&str],
    visibility: &str,
) -> Value {
    let mut draft = api_draft(name, identifier, resources);
    draft["visibility"] = json!(visibility);
    user.register_api(&draft).await["api"].clone()
}

/// A fresh server where dev@example.com has registered a private API, `name` at `identifier`,
/// with one resource, `calendar`: the server, the developer and the API's id.
async fn a_developer_with_a_private_api(
    name: &str,
    identifier: &str,
) -> (TestApp, ConsoleUser, String) {
    let (app, user) = spawn_app_with_developer().await;
    let api = register_api(&user, name, identifier, &["calendar"], "private").await;
    let api_id = api["id"].as_str().unwrap().to_owned();
    (app, user, api_id)
}

async fn count(app: &TestApp, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind.to_owned())
        .fetch_one(app.state.store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_developer_registers_an_api_sees_its_secret_once_and_its_metadata_document() {
    let app = spawn_app().await;
    let owner = app.sign_up("owner@example.com").await;
    let other = app.sign_up("other@example.com").await;
    register_api(
        &other,
        "Taken API",
        "https://taken.example.com",
        &["taken"],
        "private",
    )
    .await;
    let browser = signed_in_browser(&app, &owner.email).await;

    // The header leads to the list, which starts with the built-in API.
    browser.steps(&[Click("nav-apis"), AtPath("/apis")]).await;
    let builtin = browser.shows("api-row", "Built-in").await;
    assert!(builtin.contains("files:read"), "{builtin}");
    browser
        .steps(&[Click("new-api"), AtPath("/apis/new")])
        .await;

    // The shared rules answer as the person types.
    browser
        .steps(&[
            Fill("input-name", "Calendar API"),
            Fill("input-identifier", "http://example.com"),
            Shows("error-identifier", "URLs must use https"),
        ])
        .await;
    field_refuses_then_accepts(
        &browser,
        "resources.0",
        "Calendar",
        "only lowercase letters",
        "calendar",
    )
    .await;
    browser
        .steps(&[
            Click("add-resources"),
            Fill("input-resources.1", "events"),
            Click("visibility-developers"),
            Click("token-format-jwt"),
        ])
        .await;
    field_refuses_then_accepts(
        &browser,
        "token_lifetime",
        "30",
        "between 60 seconds",
        "900",
    )
    .await;

    // An identifier the rules accept but another API holds: the server's message, under it.
    browser
        .steps(&[
            Fill("input-identifier", "https://taken.example.com"),
            Gone("error-identifier"),
        ])
        .await;
    submit_when_complete(&browser, "submit-api").await;
    browser
        .steps(&[
            Shows(
                "error-identifier",
                "Another API already uses this identifier",
            ),
            Fill("input-identifier", "https://calendar.example.com/v1"),
            Gone("error-identifier"),
            Click("submit-api"),
        ])
        .await;

    // The introspection credentials, the secret shown once.
    let (client_id, secret) = credentials_shown_once(&browser, "created-api").await;

    // Saved as typed.
    let (api_id, name, visibility, token_format, lifetime, saved_client_id): (
        String,
        String,
        String,
        String,
        i64,
        String,
    ) = sqlx::query_as(
        "SELECT id, name, visibility, token_format, token_lifetime, client_id FROM apis \
         WHERE identifier = $1",
    )
    .bind("https://calendar.example.com/v1")
    .fetch_one(app.state.store.pool())
    .await
    .unwrap();
    assert_eq!(
        (
            name.as_str(),
            visibility.as_str(),
            token_format.as_str(),
            lifetime
        ),
        ("Calendar API", "developers", "jwt", 900)
    );
    assert_eq!(saved_client_id, client_id);
    let resources: Vec<String> =
        sqlx::query_scalar("SELECT name FROM api_resources WHERE api_id = $1 ORDER BY position")
            .bind(&api_id)
            .fetch_all(app.state.store.pool())
            .await
            .unwrap();
    assert_eq!(resources, ["calendar", "events"]);

    // Its page: scopes in words, the RFC 9728 document and where to publish it.
    browser
        .steps(&[
            Click("open-created-api"),
            AtPath(&format!("/apis/{api_id}")),
            Shows("api-name", "Calendar API"),
            Shows("api-scope-calendar", "View your calendar in Calendar API."),
            Shows("api-tokens", "JWT, valid for 900 seconds (15 minutes)"),
            Shows(
                "metadata-address",
                "https://calendar.example.com/.well-known/oauth-protected-resource/v1",
            ),
        ])
        .await;
    let document = browser.shows("metadata-document", "scopes_supported").await;
    let document: Value = serde_json::from_str(&document).expect("the document is JSON");
    assert_eq!(document["resource"], "https://calendar.example.com/v1");
    assert_eq!(
        document["scopes_supported"],
        json!([
            "calendar:read",
            "calendar:write",
            "events:read",
            "events:write"
        ])
    );
    assert_eq!(document["authorization_servers"], json!([app.address]));
    browser
        .steps(&[Found("copy-metadata"), Shows("api-client-id", &client_id)])
        .await;
    let page = browser.text("main").await;
    assert!(!page.contains(&secret), "the secret is shown again");

    // The list shows it after the built-in API.
    browser.goto(&app.url("/apis")).await;
    let list = browser.shows("api-list", "Calendar API").await;
    assert!(
        list.contains("https://calendar.example.com/v1")
            && list.contains("calendar:write")
            && list.contains("Developers"),
        "{list}"
    );
    assert!(
        !list.contains("Taken API"),
        "another developer's private API: {list}"
    );
    assert_eq!(browser.count(&id("api-row")).await, 2);

    // Only the registration the server refused on purpose was logged.
    browser
        .finish_with_refusals("/api/v1/apis", "the server responded with a status of 4")
        .await;
}

#[tokio::test]
async fn the_app_form_groups_scopes_by_api_and_saves_a_registered_apis_scopes() {
    let (app, user, api_id) =
        a_developer_with_a_private_api("Calendar API", "https://calendar.example.com").await;
    let browser = signed_in_browser_at(&app, &user.email, "/apps/new").await;

    // The built-in API's group, then the registered API's, each titled.
    let builtin = browser.shows("scope-group-builtin", "Built-in").await;
    assert!(
        builtin.contains("files:") || builtin.contains("files"),
        "{builtin}"
    );
    let group = browser
        .wait_for_text(&id(&format!("scope-group-{api_id}")), "Calendar API")
        .await;
    assert!(
        group.contains("https://calendar.example.com")
            && group.contains("View your calendar in Calendar API.")
            && group.contains("View, create, change and delete your calendar in Calendar API."),
        "{group}"
    );
    let inside_group =
        format!(r#"[data-testid="scope-group-{api_id}"] [data-testid="scope-calendar-write"]"#);
    browser.find(&inside_group).await;
    assert_eq!(browser.count(&id("scope-files-read")).await, 1);

    // Write ticks read; the app saves both.
    fill_valid_app_form(&browser, "Calendar Sync", "https://example.com/callback").await;
    let (read, write) = (id("scope-calendar-read"), id("scope-calendar-write"));
    assert!(!browser.is_checked(&read).await);
    browser.click(&write).await;
    assert!(browser.is_checked(&read).await, "ticking Write ticks Read");
    submit_when_complete(&browser, "submit-app").await;
    let (client_id, _) = credentials_shown_once(&browser, "created-app").await;
    let saved: Value = user.get_json(&format!("/api/v1/apps/{client_id}")).await;
    assert_eq!(saved["scopes"], "calendar:read calendar:write openid");

    browser.finish().await;
}

#[tokio::test]
async fn another_developer_sees_shared_apis_but_not_private_ones() {
    let app = spawn_app().await;
    let owner = app.sign_up("owner@example.com").await;
    let private = register_api(
        &owner,
        "Secret Diary",
        "https://diary.example.com",
        &["diary"],
        "private",
    )
    .await;
    let shared = register_api(
        &owner,
        "Team Calendar",
        "https://calendar.example.com",
        &["calendar"],
        "developers",
    )
    .await;
    let other = app.sign_up("other@example.com").await;
    let browser = signed_in_browser(&app, &other.email).await;

    // The list: the shared API (its owner's address kept to administrators), not the private one.
    browser.goto(&app.url("/apis")).await;
    let list = browser.shows("api-list", "Team Calendar").await;
    assert!(!list.contains("Secret Diary"), "{list}");
    assert!(!list.contains("owner@example.com"), "{list}");

    // Its page, without credentials or a delete button.
    browser
        .goto(&app.url(&format!("/apis/{}", shared["id"].as_str().unwrap())))
        .await;
    browser
        .steps(&[
            Shows("api-name", "Team Calendar"),
            Shows("metadata-document", "calendar:write"),
        ])
        .await;
    assert_eq!(browser.count(&id("delete-api")).await, 0);
    assert_eq!(browser.count(&id("api-client-id")).await, 0);

    // The app form offers the shared API's scopes only.
    browser.goto(&app.url("/apps/new")).await;
    browser
        .steps(&[Found("scope-calendar-write"), Found("scope-files-write")])
        .await;
    assert_eq!(browser.count(&id("scope-diary-read")).await, 0);
    assert_eq!(
        browser
            .count(&id(&format!(
                "scope-group-{}",
                private["id"].as_str().unwrap()
            )))
            .await,
        0
    );

    browser.finish().await;
}

#[tokio::test]
async fn deleting_an_api_from_its_page_after_confirming_removes_it() {
    let (app, user, api_id) =
        a_developer_with_a_private_api("Old Calendar", "https://old.example.com").await;
    let browser = signed_in_browser_at(&app, &user.email, &format!("/apis/{api_id}")).await;
    browser.shows("api-name", "Old Calendar").await;

    // Opening asks first, with the focus on Cancel; cancelling gives it back to the button.
    browser.click(&id("delete-api")).await;
    wait_for_focus(&browser, &id("confirm-delete-api-cancel")).await;
    browser.click(&id("confirm-delete-api-cancel")).await;
    wait_for_focus(&browser, &id("delete-api")).await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM apis WHERE id = $1", &api_id).await,
        1
    );

    // Confirming deletes it and goes back to the list, which no longer has it.
    browser
        .steps(&[
            Click("delete-api"),
            Click("confirm-delete-api-confirm"),
            AtPath("/apis?deleted=1"),
            Shows("notice", "The API was deleted"),
        ])
        .await;
    let list = browser.shows("api-list", "Built-in").await;
    assert!(!list.contains("Old Calendar"), "{list}");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM apis WHERE id = $1", &api_id).await,
        0
    );

    browser.finish().await;
}

#[tokio::test]
async fn an_apps_scopes_of_a_deleted_api_show_in_their_own_group_and_can_be_removed() {
    let (app, user, api_id) =
        a_developer_with_a_private_api("Calendar API", "https://calendar.example.com").await;
    let mut draft = clientele_tests::console_api::app_draft("Calendar Sync");
    draft["scopes"] = json!("calendar:read openid");
    let client_id = user.client_app(&draft).await.client_id;
    let response = user.delete(&format!("/api/v1/apis/{api_id}")).await;
    assert_eq!(response.status(), 204);

    let browser = signed_in_browser(&app, &user.email).await;
    browser
        .goto(&app.url(&format!("/apps/{client_id}/edit")))
        .await;
    browser.shows("scope-group-unlisted", "no longer").await;
    let read = r#"[data-testid="scope-group-unlisted"] [data-testid="scope-calendar-read"]"#;
    browser.find(read).await;
    assert!(browser.is_checked(read).await);
    browser.click(read).await;
    assert!(!browser.is_checked(read).await, "the row stays, unticked");
    browser
        .steps(&[
            Click("submit-app"),
            AtPath(&format!("/apps/{client_id}?saved=1")),
        ])
        .await;
    let saved: Value = user.get_json(&format!("/api/v1/apps/{client_id}")).await;
    assert_eq!(saved["scopes"], "openid");

    browser.finish().await;
}
