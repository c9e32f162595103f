//! Two-factor sign-in as a developer does it in the console, in headless Chromium: setting up
//! an authenticator app from the account page (the codes computed as a phone computes them),
//! signing in with a code and with a recovery code (then refused the same recovery code), and
//! the administrator's policy sending a developer without a factor to set one up first.

use clientele_tests::browser::Browser;
use clientele_tests::console_api::PASSWORD;
use clientele_tests::console_ui::{browser_at, id, signed_in_browser_at};
use clientele_tests::spawn_app;
use clientele_tests::steps::Step::{AtPath, Click, Fill, Found, Shows};
use clientele_tests::TestApp;

const DEV: &str = "dev@example.com";

/// On the account page: sets up an authenticator app and confirms it with the code the app
/// shows; the secret as the page showed it, and the first recovery code.
async fn set_up_an_app_on_the_account_page(browser: &Browser, app: &TestApp) -> (String, String) {
    browser
        .steps(&[Click("totp-begin"), Found("totp-qr")])
        .await;
    let qr = browser.attr(&id("totp-qr"), "src").await;
    assert!(
        qr.unwrap_or_default()
            .starts_with("data:image/svg+xml;base64,"),
        "the QR code is an image the server drew"
    );
    let secret = browser.text(&id("totp-secret")).await;
    browser
        .steps(&[
            Fill("input-totp_code", &app.code_now(&secret)),
            Click("totp-confirm"),
            Found("recovery-codes"),
            Shows("totp-on", "Recovery codes left: 10."),
        ])
        .await;
    assert_eq!(browser.count(&id("recovery-code")).await, 10);
    let first = browser.text(&id("recovery-code")).await;
    app.next_code_step();
    (secret, first)
}

/// Signs out from the header, then types the password on the sign-in page: the code step shows.
async fn sign_out_and_give_the_password(browser: &Browser, app: &TestApp) {
    browser.click(&id("sign-out")).await;
    browser.wait_until_gone(&id("sign-out")).await;
    browser.goto(&app.url("/sign-in")).await;
    browser
        .steps(&[
            Fill("input-email", DEV),
            Fill("input-password", PASSWORD),
            Click("sign-in-submit"),
            Found("second-factor-form"),
        ])
        .await;
}

#[tokio::test]
async fn a_developer_turns_on_an_authenticator_app_then_signs_in_with_a_code_and_with_a_recovery_code(
) {
    let app = spawn_app().await;
    app.sign_up(DEV).await;
    let browser = signed_in_browser_at(&app, DEV, "/account").await;
    let (secret, recovery) = set_up_an_app_on_the_account_page(&browser, &app).await;

    sign_out_and_give_the_password(&browser, &app).await;
    browser
        .steps(&[
            Fill("input-code", &app.code_now(&secret)),
            Click("second-factor-submit"),
            AtPath("/apps"),
            Found("account-name"),
        ])
        .await;

    sign_out_and_give_the_password(&browser, &app).await;
    browser
        .steps(&[
            Fill("input-code", &recovery),
            Click("second-factor-submit"),
            AtPath("/apps"),
        ])
        .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM recovery_codes WHERE used_at IS NOT NULL")
            .await,
        1
    );

    // The same recovery code again: refused under the field, and no session.
    sign_out_and_give_the_password(&browser, &app).await;
    browser
        .steps(&[
            Fill("input-code", "12 34"),
            Click("second-factor-submit"),
            Shows(
                "error-code",
                "Enter the 6 digits (0 to 9) your authenticator app shows.",
            ),
            Fill("input-code", &recovery),
            Click("second-factor-submit"),
            Shows("error-code", "That code is not right."),
        ])
        .await;
    assert!(browser.is_displayed(&id("second-factor-form")).await);
    browser
        .finish_with_refusals("/api/v1/session/second-factor", "422")
        .await;
}

#[tokio::test]
async fn under_the_policy_a_developer_without_a_factor_is_sent_to_set_one_up_before_anything_else()
{
    let app = spawn_app().await;
    app.sign_up_admin("admin@example.com").await;
    app.sign_up(DEV).await;

    let admin = signed_in_browser_at(&app, "admin@example.com", "/admin").await;
    admin
        .steps(&[
            Shows("two-factor-policy-saved", "Saved: not required."),
            Click("require-second-factor"),
            Click("two-factor-policy-save"),
            Shows("two-factor-policy-saved", "Saved: required."),
        ])
        .await;
    admin.finish().await;

    let browser = browser_at(&app, "/sign-in").await;
    browser
        .steps(&[
            Fill("input-email", DEV),
            Fill("input-password", PASSWORD),
            Click("sign-in-submit"),
            AtPath("/account"),
            Shows("two-factor-required", "requires a second factor"),
        ])
        .await;
    // Any other page leads back here until a factor is set up.
    browser.goto(&app.url("/apps")).await;
    browser
        .steps(&[AtPath("/account"), Found("totp-begin")])
        .await;
    set_up_an_app_on_the_account_page(&browser, &app).await;
    browser.goto(&app.url("/apps")).await;
    browser
        .steps(&[AtPath("/apps"), Found("account-name")])
        .await;
    browser.finish_with_refusals("/api/v1/", "403").await;
}
