//! Finding one's way in the console by keyboard and screen reader (headless Chromium): every
//! page has its own title, a new page puts the focus on its heading, "Skip to content" is the
//! first stop, "Connected apps" is there for everyone, and Back restores the app list as it
//! was left (with the administrators' view of every app, and disabling one).

use clientele_tests::browser::Browser;
use clientele_tests::console_api::app_draft;
use clientele_tests::console_ui::{id, press, signed_in_browser, wait_for_focus, wait_for_title};
use clientele_tests::spawn_app;
use clientele_tests::steps::Step::{AtPath, Click, Fill, Gone, Shows};
use fantoccini::key::Key;

/// The header's links, in order.
async fn nav_links(browser: &Browser) -> Vec<String> {
    let links = browser
        .client
        .find_all(fantoccini::Locator::Css(".site-header nav a"))
        .await
        .expect("the header's links");
    let mut texts = Vec::new();
    for link in links {
        texts.push(link.text().await.unwrap_or_default());
    }
    texts
}

#[tokio::test]
async fn each_page_has_its_title_and_a_new_page_puts_the_focus_on_its_heading() {
    let app = spawn_app().await;
    let user = app.sign_up("person@example.com").await;
    let client_id = user.client_app(&app_draft("Photo Sync")).await.client_id;
    let browser = Browser::start().await;

    // The first Tab reaches "Skip to content", which moves the focus past the header.
    browser.goto(&app.url("/")).await;
    wait_for_title(&browser, "Overview · Clientele").await;
    press(&browser, Key::Tab).await;
    wait_for_focus(&browser, &id("skip-link")).await;
    browser.shows("skip-link", "Skip to content").await;
    press(&browser, Key::Enter).await;
    wait_for_focus(&browser, "main").await;
    browser.wait_for_path("/").await;

    // Signed out, the header still offers "Connected apps" (through signing in), not "My apps".
    browser.wait_for_text(".site-header", "Sign in").await;
    assert_eq!(nav_links(&browser).await, ["Overview", "Connected apps"]);
    browser
        .steps(&[
            Click("nav-connections"),
            AtPath("/sign-in?next=%2Fconnections"),
        ])
        .await;
    wait_for_title(&browser, "Sign in · Clientele").await;
    wait_for_focus(&browser, "h1").await;
    browser
        .steps(&[
            Fill("input-email", "person@example.com"),
            Fill("input-password", clientele_tests::console_api::PASSWORD),
            Click("sign-in-submit"),
            AtPath("/connections"),
        ])
        .await;
    wait_for_title(&browser, "Connected apps · Clientele").await;
    wait_for_focus(&browser, "h1").await;
    browser.wait_for_text("h1", "Connected apps").await;

    // Signed in: what everyone uses first, then the developer's lists.
    assert_eq!(
        nav_links(&browser).await,
        ["Overview", "Connected apps", "My apps", "APIs", "Teams"]
    );
    browser.steps(&[Click("nav-apps"), AtPath("/apps")]).await;
    wait_for_title(&browser, "My apps · Clientele").await;
    wait_for_focus(&browser, "h1").await;
    browser.wait_for_text("h1", "My apps").await;

    browser
        .steps(&[Click("app-link"), AtPath(&format!("/apps/{client_id}"))])
        .await;
    wait_for_title(&browser, "Photo Sync · Clientele").await;
    wait_for_focus(&browser, &format!("h1{}", id("app-name"))).await;
    browser.click(&id("open-secrets")).await;
    wait_for_title(&browser, "Secrets of Photo Sync · Clientele").await;
    wait_for_focus(&browser, &format!("h1{}", id("app-name"))).await;
    browser
        .steps(&[Click("back-to-app"), Click("edit-app")])
        .await;
    wait_for_title(&browser, "Edit Photo Sync · Clientele").await;
    wait_for_focus(&browser, "h1").await;
    browser.click(".site-header .brand").await;
    browser.wait_for_path("/").await;
    wait_for_title(&browser, "Overview · Clientele").await;
    wait_for_focus(&browser, "h1").await;
    browser
        .steps(&[Click("home-connections"), AtPath("/connections")])
        .await;

    browser.goto(&app.url("/no/such/page")).await;
    wait_for_title(&browser, "Page not found · Clientele").await;

    browser.finish().await;
}

#[tokio::test]
async fn back_restores_the_search_the_pages_loaded_and_every_users_apps() {
    let app = spawn_app().await;
    let developer = app.sign_up("someone@example.com").await;
    let admin = app.sign_up_admin("admin@example.com").await;
    for n in 0..22 {
        admin
            .register_app(&app_draft(&format!("Admin app {n:02}")))
            .await;
    }
    let client_id = developer
        .client_app(&app_draft("Someone's app"))
        .await
        .client_id;

    let browser = signed_in_browser(&app, "admin@example.com").await;
    browser.shows("app-count", "Showing 20 of 22 apps").await;

    // "Load more" hands the focus to the first app it loaded, and the address counts the pages.
    browser
        .steps(&[Click("load-more"), Shows("app-count", "22 apps")])
        .await;
    wait_for_focus(
        &browser,
        &format!("{}:nth-child(21) {}", id("app-row"), id("app-link")),
    )
    .await;
    browser.wait_for_path("/apps?pages=2").await;
    let last = format!("{}:last-child {}", id("app-row"), id("app-link"));
    let last_name = browser.text(&last).await;
    browser.click(&last).await;
    browser.shows("app-name", &last_name).await;
    browser.client.back().await.unwrap();
    browser
        .steps(&[AtPath("/apps?pages=2"), Shows("app-count", "22 apps")])
        .await;
    assert_eq!(browser.count(&id("app-row")).await, 22);

    // Every user's apps, searched: both in the address, both back after visiting an app.
    browser
        .steps(&[
            Click("show-all-apps"),
            Shows("app-count", "Showing 20 of 23 apps"),
            AtPath("/apps?owner=all"),
            Fill("app-search", "someone"),
            AtPath("/apps?q=someone&owner=all"),
            Shows("app-count", "1 app"),
            Click("app-link"),
            AtPath(&format!("/apps/{client_id}")),
        ])
        .await;

    // The administrator's Disable button keeps the focus through the request.
    browser
        .steps(&[
            Shows("toggle-disabled", "Disable app"),
            Click("toggle-disabled"),
            Shows("toggle-disabled", "Enable app"),
        ])
        .await;
    wait_for_focus(&browser, &id("toggle-disabled")).await;
    browser.find(&id("disabled-badge")).await;
    let detail: serde_json::Value = developer
        .get_json(&format!("/api/v1/apps/{client_id}"))
        .await;
    assert_eq!(detail["disabled"], true);

    browser.client.back().await.unwrap();
    browser.wait_for_path("/apps?q=someone&owner=all").await;
    let row = browser.shows("app-row", "Someone's app").await;
    assert!(
        row.contains("someone@example.com") && row.contains("Disabled"),
        "{row}"
    );
    assert_eq!(browser.value(&id("app-search")).await, "someone");
    assert!(
        browser.is_checked(&id("show-all-apps")).await,
        "the switch was not restored"
    );
    browser.wait_for_text("h1", "All apps").await;

    // Enabling it again, from the list.
    browser
        .steps(&[
            Click("app-link"),
            Shows("toggle-disabled", "Enable app"),
            Click("toggle-disabled"),
            Gone("disabled-badge"),
        ])
        .await;
    wait_for_focus(&browser, &id("toggle-disabled")).await;

    browser.finish().await;
}
