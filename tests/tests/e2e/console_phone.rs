//! The console on a phone-sized screen, 375 pixels wide (headless Chromium): the scope
//! descriptions of the app form stay readable, nothing scrolls the page sideways, and the
//! configuration snippets, which do scroll sideways, can be scrolled from the keyboard.

use clientele_tests::browser::Browser;
use clientele_tests::console_api::app_draft;
use clientele_tests::console_ui::{id, press, sign_in_through_the_page, wait_for_focus};
use clientele_tests::spawn_app;
use clientele_tests::steps::Step::{Click, Found};
use fantoccini::key::Key;
use fantoccini::Locator;

/// The page's width and how wide its content is: wider content scrolls the page sideways.
async fn page_and_content_width(browser: &Browser) -> (f64, f64) {
    let widths = browser
        .client
        .execute(
            "return [window.innerWidth, document.documentElement.scrollWidth];",
            vec![],
        )
        .await
        .unwrap();
    (widths[0].as_f64().unwrap(), widths[1].as_f64().unwrap())
}

#[tokio::test]
async fn on_a_phone_scope_descriptions_show_and_the_curl_snippet_scrolls_by_keyboard() {
    let app = spawn_app().await;
    let user = app.sign_up("phone@example.com").await;
    let client_id = user.client_app(&app_draft("Pocket App")).await.client_id;
    let browser = Browser::start().await;
    browser
        .client
        .set_window_size(375, 800)
        .await
        .expect("resizing the window");
    sign_in_through_the_page(&browser, &app, "phone@example.com").await;

    // Every Read and Write box keeps its description in sight.
    browser
        .steps(&[Click("register-app-link"), Found("scope-files-read")])
        .await;
    let (page, content) = page_and_content_width(&browser).await;
    assert!(page <= 400.0, "the window is not phone-sized: {page}");
    let hints = browser
        .client
        .find_all(Locator::Css(".scope-table td .hint"))
        .await
        .unwrap();
    assert!(hints.len() >= 4, "{} scope descriptions", hints.len());
    for hint in hints {
        let text = hint.text().await.unwrap();
        assert!(
            hint.is_displayed().await.unwrap() && !text.is_empty(),
            "a scope description is hidden: {text:?}"
        );
    }
    assert!(
        content <= page,
        "the form scrolls sideways: {content} > {page}"
    );

    // The curl command is wider than the screen: it takes the focus and scrolls with the keys.
    browser.goto(&app.url(&format!("/apps/{client_id}"))).await;
    let curl = browser.find(&id("curl-example")).await;
    assert_eq!(curl.attr("tabindex").await.unwrap().as_deref(), Some("0"));
    assert_eq!(
        curl.attr("aria-label").await.unwrap().as_deref(),
        Some("curl command")
    );
    let scroll = |script: &'static str| {
        let client = browser.client.clone();
        async move {
            client
                .execute(script, vec![])
                .await
                .unwrap()
                .as_f64()
                .unwrap()
        }
    };
    let overflow = scroll("const pre = document.querySelector('[data-testid=curl-example]'); return pre.scrollWidth - pre.clientWidth;").await;
    assert!(
        overflow > 0.0,
        "the curl command fits; the test needs it to scroll"
    );
    curl.click().await.unwrap();
    wait_for_focus(&browser, &id("curl-example")).await;
    for _ in 0..10 {
        press(&browser, Key::Right).await;
    }
    // Chromium scrolls by key with an animation: the position moves over the next frames, so
    // read it until it has moved (or give up after three seconds).
    let mut scrolled = 0.0;
    for _ in 0..30 {
        scrolled =
            scroll("return document.querySelector('[data-testid=curl-example]').scrollLeft;").await;
        if scrolled > 0.0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        scrolled > 0.0,
        "the arrow keys did not scroll the curl command"
    );

    browser.finish().await;
}
