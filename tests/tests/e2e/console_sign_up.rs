//! The console's sign-up form shows the server's reason for refusing an easily guessed password
//! (zxcvbn runs on the server only; the console checks the 12-character rule as you type).

use clientele_tests::console_ui::browser_at;
use clientele_tests::spawn_app;
use clientele_tests::steps::Step::{Click, Fill, Shows};

#[tokio::test]
async fn an_easily_guessed_password_is_refused_with_the_reason_under_the_field() {
    let app = spawn_app().await;
    let browser = browser_at(&app, "/sign-up").await;
    browser
        .steps(&[
            Fill("input-email", "dev@example.com"),
            Fill("input-display_name", "Ada Developer"),
            Fill("input-password", "password1234"),
            Click("sign-up-submit"),
            Shows("error-password", "This password is too easy to guess."),
        ])
        .await;

    let users = app.count("SELECT COUNT(*) FROM users").await;
    assert_eq!(users, 0);
    browser.close().await;
}
