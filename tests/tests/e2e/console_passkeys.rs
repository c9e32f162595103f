//! Passkeys in the real browser, with Chromium's virtual authenticator standing in for the
//! device: adding, naming and renaming one on "Your account", signing in with it on the
//! console and on the authorization pages (a full code flow driven by the `openidconnect`
//! crate), removing it, and the sign-in it then refuses. The server is reached at
//! `localhost`: a WebAuthn relying party id is a domain, never an IP address.

use clientele_tests::authorization_ui::{allow, param};
use clientele_tests::browser::Browser;
use clientele_tests::client_site::ClientSite;
use clientele_tests::console_api::app_draft;
use clientele_tests::console_ui::{id, sign_in_through_the_page};
use clientele_tests::oidc::{
    discovered_client, exchange, http_client, start_authorization, AuthorizationStart,
};
use clientele_tests::spawn_app_at_localhost;
use clientele_tests::steps::Step::{AtPath, Click, Fill, Found, Shows};
use clientele_tests::virtual_authenticator::{add_platform_authenticator, credentials};
use clientele_tests::TestApp;
use openidconnect::TokenResponse;
use serde_json::json;

/// Signs `email` in through the console's page and adds a passkey named `name` on
/// "Your account"; the browser's authenticator then holds it.
async fn add_passkey_through_the_account_page(browser: &Browser, app: &TestApp, name: &str) {
    browser.goto(&app.url("/account")).await;
    browser
        .steps(&[
            Found("no-passkeys"),
            Fill("input-passkey_name", name),
            Click("add-passkey"),
            Shows(
                "passkeys-notice",
                &format!("The passkey “{name}” is added."),
            ),
            Shows("passkey-name", name),
            Shows("passkey-last-used", "Never used"),
        ])
        .await;
}

async fn sign_out(browser: &Browser) {
    browser
        .steps(&[Click("sign-out"), AtPath("/"), Found("home-sign-in")])
        .await;
}

#[tokio::test]
async fn a_person_adds_renames_signs_in_with_and_removes_a_passkey_in_the_console() {
    let app = spawn_app_at_localhost().await;
    app.sign_up("dev@example.com").await;
    let browser = Browser::start().await;
    let authenticator = add_platform_authenticator(&browser).await;
    sign_in_through_the_page(&browser, &app, "dev@example.com").await;

    // The name is checked as it is typed, by the shared rule: no hidden characters.
    browser.goto(&app.url("/account")).await;
    browser
        .steps(&[
            Fill("input-passkey_name", "Lap\u{200B}top"),
            Click("add-passkey"),
            Shows("error-passkey_name", "invisible characters"),
        ])
        .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM passkey_challenges").await,
        0
    );
    add_passkey_through_the_account_page(&browser, &app, "Laptop").await;
    let held = credentials(&browser, &authenticator).await;
    assert_eq!(held.len(), 1, "the authenticator holds one credential");
    assert_eq!(
        held[0]["isResidentCredential"],
        json!(true),
        "a discoverable credential"
    );

    let passkey: String = app.scalar("SELECT id FROM passkeys").await;
    browser
        .steps(&[
            Click("rename-passkey"),
            Fill(&format!("input-rename-{passkey}"), "Work laptop"),
            Click("save-passkey-name"),
            Shows("passkeys-notice", "The passkey is renamed “Work laptop”."),
            Shows("passkey-name", "Work laptop"),
        ])
        .await;

    sign_out(&browser).await;
    browser.goto(&app.url("/sign-in")).await;
    browser
        .steps(&[
            Click("passkey-sign-in"),
            AtPath("/apps"),
            Found("account-name"),
        ])
        .await;
    browser.goto(&app.url("/account")).await;
    browser
        .steps(&[Shows("passkey-last-used", "Last used")])
        .await;

    browser
        .steps(&[
            Click("remove-passkey"),
            Click("confirm-remove-passkey-confirm"),
            Shows("passkeys-notice", "The passkey “Work laptop” is removed."),
            Found("no-passkeys"),
        ])
        .await;
    sign_out(&browser).await;
    // The device still offers the credential; the server no longer knows it.
    browser.goto(&app.url("/sign-in")).await;
    browser.click(&id("passkey-sign-in")).await;
    browser
        .wait_for_text(
            ".passkey-sign-in .error",
            "This passkey is not registered here",
        )
        .await;
    assert_eq!(
        app.scalars::<String>("SELECT event FROM account_audit ORDER BY at, id")
            .await
            .iter()
            .map(
                |event| serde_json::from_str::<serde_json::Value>(event).unwrap()["kind"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            )
            .collect::<Vec<_>>(),
        [
            "passkey_added",
            "passkey_renamed",
            "signed_in_with_passkey",
            "passkey_removed"
        ]
    );
    browser
        .finish_with_refusals("/api/v1/session/passkey", "401")
        .await;
}

#[tokio::test]
async fn a_passkey_signs_a_person_in_on_the_authorization_pages_through_the_browser() {
    let app = spawn_app_at_localhost().await;
    let site = ClientSite::start(&app.address).await;
    let developer = app.sign_up("dev@example.com").await;
    app.sign_up("user@example.com").await;
    let mut draft = app_draft("Passkey Client");
    draft["scopes"] = json!("openid email");
    let registered = developer.client_app(&draft).await;

    let browser = Browser::start().await;
    add_platform_authenticator(&browser).await;
    sign_in_through_the_page(&browser, &app, "user@example.com").await;
    add_passkey_through_the_account_page(&browser, &app, "Phone").await;
    sign_out(&browser).await;

    let http = http_client();
    let client = discovered_client(&app, &http, &registered, site.redirect_uri()).await;
    let AuthorizationStart {
        url: authorize_url,
        csrf,
        nonce,
        verifier,
    } = start_authorization(&client, &["email"]);

    // The sign-in page allows its own script and nothing inline.
    let page = http.get(authorize_url.as_str()).send().await.unwrap();
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");

    browser.goto(authorize_url.as_str()).await;
    browser.click(&id("passkey-sign-in")).await;
    allow(&browser).await;
    let params = site.wait_for_callback(1).await;
    assert_eq!(param(&params, "state"), Some(csrf.secret().as_str()));
    let code = param(&params, "code").expect("a code");
    let tokens = exchange(&client, &http, code, verifier).await;
    let claims = tokens
        .id_token()
        .expect("an ID token")
        .claims(&client.id_token_verifier(), &nonce)
        .expect("the ID token verifies");
    assert_eq!(claims.email().unwrap().as_str(), "user@example.com");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM account_audit WHERE event LIKE '%signed_in_with_passkey%'")
            .await,
        1
    );
    browser.finish().await;
}
