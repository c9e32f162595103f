//! Passkeys in the real browser, with Chromium's virtual authenticator standing in for the
//! device: adding, naming and renaming one on "Your account", signing in with it on the
//! console and on the authorization pages (a full code flow driven by the `openidconnect`
//! crate), removing it, and the sign-in it then refuses. The server is reached at
//! `localhost`: a WebAuthn relying party id is a domain, never an IP address.

use clientele_tests::authorization_ui::{allow, param, sign_in_on_the_authorization_page};
use clientele_tests::browser::Browser;
use clientele_tests::client_site::ClientSite;
use clientele_tests::console_api::{app_draft, app_draft_with_scopes, PASSWORD};
use clientele_tests::console_ui::{id, sign_in_through_the_page};
use clientele_tests::oidc::{
    discovered_client, exchange, http_client, start_authorization, AuthorizationStart,
    DiscoveredClient,
};
use clientele_tests::spawn_app_at_localhost;
use clientele_tests::steps::Step::{AtPath, Click, Fill, Found, Shows};
use clientele_tests::virtual_authenticator::{add_platform_authenticator, credentials};
use clientele_tests::{send_for_json, TestApp};
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

/// A server at `localhost` with an OpenID app (the `openidconnect` crate's client, from
/// discovery) and user@example.com, who added a passkey "Phone" in the browser and signed out;
/// the app's authorization request, started.
struct PasskeyFlow {
    app: TestApp,
    site: ClientSite,
    browser: Browser,
    http: reqwest::Client,
    client: DiscoveredClient,
    start: AuthorizationStart,
}

impl PasskeyFlow {
    async fn start() -> PasskeyFlow {
        let app = spawn_app_at_localhost().await;
        let site = ClientSite::start(&app.address).await;
        let developer = app.sign_up("dev@example.com").await;
        app.sign_up("user@example.com").await;
        let draft = app_draft_with_scopes("Passkey Client", "openid email");
        let registered = developer.client_app(&draft).await;

        let browser = Browser::start().await;
        add_platform_authenticator(&browser).await;
        sign_in_through_the_page(&browser, &app, "user@example.com").await;
        add_passkey_through_the_account_page(&browser, &app, "Phone").await;
        sign_out(&browser).await;

        let http = http_client();
        let client = discovered_client(&app, &http, &registered, site.redirect_uri()).await;
        let start = start_authorization(&client, &["email"]);
        PasskeyFlow {
            app,
            site,
            browser,
            http,
            client,
            start,
        }
    }

    /// After consent: the app's callback checked, its code exchanged, the ID token verified;
    /// the server, the browser, and the email the token names.
    async fn signed_in_email(self) -> (TestApp, Browser, String) {
        let params = self.site.wait_for_callback(1).await;
        let AuthorizationStart {
            csrf,
            nonce,
            verifier,
            ..
        } = self.start;
        assert_eq!(param(&params, "state"), Some(csrf.secret().as_str()));
        let code = param(&params, "code").expect("a code");
        let tokens = exchange(&self.client, &self.http, code, verifier).await;
        let claims = tokens
            .id_token()
            .expect("an ID token")
            .claims(&self.client.id_token_verifier(), &nonce)
            .expect("the ID token verifies");
        let email = claims.email().unwrap().as_str().to_owned();
        (self.app, self.browser, email)
    }
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
    let flow = PasskeyFlow::start().await;
    let authorize_url = flow.start.url.clone();

    // The sign-in page allows its own script and nothing inline.
    let page = flow.http.get(authorize_url.as_str()).send().await.unwrap();
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");

    flow.browser.goto(authorize_url.as_str()).await;
    flow.browser.click(&id("passkey-sign-in")).await;
    allow(&flow.browser).await;
    let (app, browser, email) = flow.signed_in_email().await;
    assert_eq!(email, "user@example.com");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM account_audit WHERE event LIKE '%signed_in_with_passkey%'")
            .await,
        1
    );
    browser.finish().await;
}

#[tokio::test]
async fn after_the_password_a_passkey_is_the_second_step_on_the_console_and_the_authorization_pages(
) {
    let flow = PasskeyFlow::start().await;
    let authorize_url = flow.start.url.clone();
    let (app, browser) = (&flow.app, &flow.browser);

    // The console: a right password alone no longer signs in; the passkey finishes it.
    browser.goto(&app.url("/sign-in")).await;
    browser
        .steps(&[
            Fill("input-email", "user@example.com"),
            Fill("input-password", PASSWORD),
            Click("sign-in-submit"),
            Shows("second-factor-step", "protected by a passkey"),
            Click("passkey-second-factor"),
            AtPath("/apps"),
            Found("account-name"),
        ])
        .await;
    sign_out(browser).await;

    // The authorization pages: the password form, then the passkey page.
    browser.goto(authorize_url.as_str()).await;
    sign_in_on_the_authorization_page(browser, "user@example.com", PASSWORD).await;
    browser.wait_for_text("h1", "Use your passkey").await;
    browser.click(&id("passkey-second-factor")).await;
    allow(browser).await;
    let (app, browser, email) = flow.signed_in_email().await;
    assert_eq!(email, "user@example.com");
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM account_audit \
             WHERE event LIKE '%signed_in_with_second_factor%' AND event LIKE '%passkey%'"
        )
        .await,
        2,
        "both sign-ins recorded with their method"
    );
    browser.finish().await;
}

#[tokio::test]
async fn a_passkey_signs_a_person_in_on_the_device_page_and_the_device_gets_its_token() {
    const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
    let app = spawn_app_at_localhost().await;
    let developer = app.sign_up("dev@example.com").await;
    app.sign_up("user@example.com").await;
    let mut draft = app_draft("TV App");
    draft["client_type"] = json!("public");
    draft["grant_types"] = json!([DEVICE_GRANT]);
    draft["scopes"] = json!("files:read");
    let tv = developer.client_app(&draft).await;
    let device = reqwest::Client::new();
    let codes: serde_json::Value =
        send_for_json(device.post(app.url("/oauth/device_authorization")).form(&[
            ("client_id", tv.client_id.as_str()),
            ("scope", "files:read"),
        ]))
        .await;

    let browser = Browser::start().await;
    add_platform_authenticator(&browser).await;
    sign_in_through_the_page(&browser, &app, "user@example.com").await;
    add_passkey_through_the_account_page(&browser, &app, "Phone").await;
    sign_out(&browser).await;

    browser
        .goto(codes["verification_uri_complete"].as_str().unwrap())
        .await;
    browser
        .wait_for_text("h1", "Sign in to continue to your device")
        .await;
    browser.click(&id("passkey-sign-in")).await;
    browser
        .wait_for_text(
            r#"[data-testid="consent-device"]"#,
            codes["user_code"].as_str().unwrap(),
        )
        .await;
    allow(&browser).await;
    browser
        .wait_for_text(r#"[data-testid="device-done"]"#, "Device connected")
        .await;
    let answer = device
        .post(app.url("/oauth/token"))
        .form(&[
            ("grant_type", DEVICE_GRANT),
            ("device_code", codes["device_code"].as_str().unwrap()),
            ("client_id", tv.client_id.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let tokens: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(tokens["scope"], "files:read", "{tokens}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM account_audit WHERE event LIKE '%signed_in_with_passkey%'")
            .await,
        1
    );
    browser.finish().await;
}
