//! The authorization pages with a second factor: after the password, a code page (no
//! script), then consent and the app, exactly as before. Driven by the `openidconnect` crate,
//! configured from the issuer alone, in headless Chromium.

use clientele_tests::authorization_ui::{allow, param, sign_in_on_the_authorization_page};
use clientele_tests::browser::Browser;
use clientele_tests::client_site::ClientSite;
use clientele_tests::console_api::{app_draft_with_scopes, PASSWORD};
use clientele_tests::oidc::{discovered_client, exchange, http_client, start_authorization};
use clientele_tests::spawn_app;
use clientele_tests::two_factor::turn_on_totp;
use openidconnect::TokenResponse;

#[tokio::test]
async fn an_openid_client_signs_in_a_person_who_gives_a_code_after_the_password_through_the_browser(
) {
    let app = spawn_app().await;
    let site = ClientSite::start(&app.address).await;
    let developer = app.sign_up("dev@example.com").await;
    let person = app.sign_up("person@example.com").await;
    let (secret, _) = turn_on_totp(&app, &person).await;
    let draft = app_draft_with_scopes("Photo Sync", "openid email");
    let registered = developer.client_app(&draft).await;

    let http = http_client();
    let client = discovered_client(&app, &http, &registered, site.redirect_uri()).await;
    let start = start_authorization(&client, &["email"]);

    let browser = Browser::start().await;
    browser.goto(start.url.as_str()).await;
    sign_in_on_the_authorization_page(&browser, "person@example.com", PASSWORD).await;
    browser.wait_for_text("h1", "Enter a code").await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = 'person@example.com')")
            .await,
        1,
        "no new session before the code (only the one signing up made)"
    );
    let submit = r#"form[action="/oauth/second-factor"] button[type="submit"]"#;
    browser.fill("#code", "１２３４５６").await;
    browser.click(submit).await;
    browser
        .wait_for_text(r#"[data-testid="code-error"]"#, "6 digits (0 to 9)")
        .await;
    browser.fill("#code", &app.code_now(&secret)).await;
    browser.click(submit).await;

    allow(&browser).await;
    let params = site.wait_for_callback(1).await;
    assert_eq!(param(&params, "state"), Some(start.csrf.secret().as_str()));
    let code = param(&params, "code").unwrap();
    let tokens = exchange(&client, &http, code, start.verifier).await;
    let claims = tokens
        .id_token()
        .expect("an ID token")
        .claims(&client.id_token_verifier(), &start.nonce)
        .expect("the ID token verifies");
    assert_eq!(claims.email().unwrap().as_str(), "person@example.com");
    let events: Vec<String> = app.scalars("SELECT event FROM account_audit").await;
    assert!(
        events
            .iter()
            .any(|e| e.contains("signed_in_with_second_factor")),
        "{events:?}"
    );
    browser.finish().await;
}
