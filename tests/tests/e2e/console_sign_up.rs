//! The console's sign-up form shows the server's reason for refusing an easily guessed password
//! (zxcvbn runs on the server only; the console checks the 12-character rule as you type).

use clientele_tests::browser::Browser;
use clientele_tests::console_ui::id;
use clientele_tests::spawn_app;

#[tokio::test]
async fn an_easily_guessed_password_is_refused_with_the_reason_under_the_field() {
    let app = spawn_app().await;
    let browser = Browser::start().await;

    browser.goto(&app.url("/sign-up")).await;
    browser.fill(&id("input-email"), "dev@example.com").await;
    browser
        .fill(&id("input-display_name"), "Ada Developer")
        .await;
    browser.fill(&id("input-password"), "password1234").await;
    browser.click(&id("sign-up-submit")).await;
    browser
        .wait_for_text(&id("error-password"), "This password is too easy to guess.")
        .await;

    let users = app.count("SELECT COUNT(*) FROM users").await;
    assert_eq!(users, 0);
    browser.close().await;
}
