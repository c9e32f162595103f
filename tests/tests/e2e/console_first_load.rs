//! The console's first screen arrives with its page (issue 21): `index.html` carries who is
//! signed in and, on "My apps", the list's first page and the person's teams, so the list
//! shows with no request to the API after the wasm; later loads ask the API as before, and a
//! value that tries to end the data block stays text.

use clientele_tests::browser::Browser;
use clientele_tests::console_api::{app_draft, ConsoleUser};
use clientele_tests::console_ui::{browser_at, id, signed_in_browser};
use clientele_tests::steps::Step::{AtPath, Click, Shows};
use clientele_tests::{spawn_app, TestApp};
use serde_json::Value;

/// The API requests the page's script has made since it was loaded (the browser's resource
/// timing; images such as app icons are not counted).
async fn api_requests(browser: &Browser) -> Vec<String> {
    let names = browser
        .client
        .execute(
            "return performance.getEntriesByType('resource')
                 .filter(entry => entry.initiatorType === 'fetch')
                 .map(entry => new URL(entry.name).pathname + new URL(entry.name).search)
                 .filter(path => path.startsWith('/api/'));",
            vec![],
        )
        .await
        .expect("reading the page's requests");
    serde_json::from_value(names).expect("a list of paths")
}

/// Whether the page has asked the API for `path` (any query after it when it ends in `?`).
async fn asked_for(browser: &Browser, path: &str) -> bool {
    let asked = api_requests(browser).await;
    asked
        .iter()
        .any(|asked| asked == path || (path.ends_with('?') && asked.starts_with(path)))
}

/// The console page at `path` as `user`'s client gets it (with their session cookie).
async fn console_page(app: &TestApp, user: &ConsoleUser, path: &str) -> String {
    let response = user.client.get(app.url(path)).send().await.expect("GET");
    response.text().await.expect("the page")
}

/// The data block of a console page, parsed (`None` when the page has none).
fn first_screen_of(page: &str) -> Option<Value> {
    let start = page.find(r#"<script type="application/json" id="first-screen">"#)?;
    let json_start = start + page[start..].find('>')? + 1;
    let json_end = json_start + page[json_start..].find("</script>")?;
    Some(serde_json::from_str(&page[json_start..json_end]).expect("the block is JSON"))
}

#[tokio::test]
async fn my_apps_shows_its_first_page_and_teams_without_asking_the_api_after_the_wasm() {
    let app = spawn_app().await;
    let developer = app.sign_up("dev@example.com").await;
    developer.create_team("Platform").await;
    for name in ["Photo Sync", "Calendar Bridge"] {
        developer.register_app(&app_draft(name)).await;
    }
    let browser = signed_in_browser(&app, "dev@example.com").await;

    // A fresh load of the list, as after a bookmark or a reload.
    browser.goto(&app.url("/apps")).await;
    browser.wait_for_text(&id("app-list"), "Photo Sync").await;
    browser
        .wait_for_text(&id("app-list"), "Calendar Bridge")
        .await;
    browser
        .wait_for_text(&id("team-switcher"), "Team Platform")
        .await;
    browser.shows("account-name", "Test Developer").await;
    assert_eq!(api_requests(&browser).await, Vec::<String>::new());

    // Moving around afterwards asks the API: a new app shows when the person comes back.
    developer.register_app(&app_draft("Mail Relay")).await;
    browser
        .steps(&[
            Click("nav-apis"),
            AtPath("/apis"),
            Click("nav-apps"),
            AtPath("/apps"),
        ])
        .await;
    browser.wait_for_text(&id("app-list"), "Mail Relay").await;
    assert!(asked_for(&browser, "/api/v1/apps?").await);
    browser.finish().await;
}

#[tokio::test]
async fn signed_out_the_sign_in_page_shows_without_asking_who_is_signed_in() {
    let app = spawn_app().await;
    let browser = browser_at(&app, "/apps").await;
    browser.wait_for_path("/sign-in?next=%2Fapps").await;
    browser.steps(&[Shows("sign-in-submit", "Sign in")]).await;
    assert!(!asked_for(&browser, "/api/v1/session").await);
    browser.finish().await;
}

#[tokio::test]
async fn the_page_carries_only_the_signed_in_persons_own_first_page() {
    let app = spawn_app().await;
    let owner = app.sign_up("owner@example.com").await;
    let stranger = app.sign_up("stranger@example.com").await;
    owner.register_app(&app_draft("Owner's App")).await;

    let mine = first_screen_of(&console_page(&app, &owner, "/apps").await).expect("a data block");
    assert_eq!(mine["session"]["account"]["email"], "owner@example.com");
    assert_eq!(mine["session"]["csrf_token"], owner.csrf_token.as_str());
    assert_eq!(
        mine["apps"],
        owner.get_json::<Value>("/api/v1/apps?limit=20").await
    );
    assert_eq!(
        mine["teams"],
        owner.get_json::<Value>("/api/v1/teams").await
    );

    let theirs =
        first_screen_of(&console_page(&app, &stranger, "/apps").await).expect("a data block");
    assert_eq!(
        theirs["session"]["account"]["email"],
        "stranger@example.com"
    );
    assert_eq!(theirs["apps"]["items"], serde_json::json!([]));

    // Signed out: the block says nobody is signed in, and nothing else about anyone.
    let signed_out = app.get("/apps").await.text().await.unwrap();
    let block = first_screen_of(&signed_out).expect("a data block");
    assert_eq!(block["session"], Value::Null);
    assert!(block.get("apps").is_none_or(Value::is_null), "{block}");
}

#[tokio::test]
async fn a_search_in_the_address_gets_no_first_page_from_the_page() {
    let app = spawn_app().await;
    let developer = app.sign_up("dev@example.com").await;
    developer.register_app(&app_draft("Photo Sync")).await;
    let page = console_page(&app, &developer, "/apps?q=nothing").await;
    let block = first_screen_of(&page).expect("a data block");
    assert_eq!(block["session"]["account"]["email"], "dev@example.com");
    assert!(block.get("apps").is_none_or(Value::is_null), "{block}");
}

#[tokio::test]
async fn a_name_that_tries_to_end_the_data_block_stays_text_in_the_page_and_the_list() {
    let app = spawn_app().await;
    let developer = app.sign_up("dev@example.com").await;
    let sneaky = "Sync </script><script>alert(1)</script><!--";
    let registered = developer.post("/api/v1/apps", &app_draft(sneaky)).await;
    assert_eq!(
        registered.status(),
        201,
        "{}",
        registered.text().await.unwrap()
    );

    let page = console_page(&app, &developer, "/apps").await;
    assert_eq!(page.matches("</script>").count(), 2, "{page}");
    assert!(!page.contains("<script>alert"), "{page}");
    let block = first_screen_of(&page).expect("a data block");
    assert_eq!(block["apps"]["items"][0]["name"], sneaky);

    let browser = signed_in_browser(&app, "dev@example.com").await;
    browser.goto(&app.url("/apps")).await;
    browser.wait_for_text(&id("app-list"), sneaky).await;
    browser.finish().await;
}
