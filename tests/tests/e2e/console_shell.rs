//! The server serves the built console, and the console shows data fetched from the API.

use clientele_tests::console_ui::browser_at;
use clientele_tests::spawn_app;
use clientele_tests::steps::Step::Shows;

#[tokio::test]
async fn the_overview_page_shows_the_issuer_fetched_from_the_api() {
    let app = spawn_app().await;
    let browser = browser_at(&app, "/").await;
    browser
        .steps(&[
            Shows("issuer", &app.address),
            Shows("server-name", "Clientele"),
        ])
        .await;

    browser.finish().await;
}

#[tokio::test]
async fn an_unknown_console_route_shows_the_not_found_page() {
    let app = spawn_app().await;
    let browser = browser_at(&app, "/no/such/page").await;
    browser.wait_for_text("main", "Page not found").await;

    browser.finish().await;
}
