//! The authorization pages as a person meets them, in headless Chromium: an app sends the
//! browser to `/oauth/authorize`, the person signs in and decides, and the app's own website
//! (a real server on loopback) receives the answer. Nothing here sets a browser header or a
//! cookie by hand, and every test fails when a page logs an error or a CSP violation.

use std::time::Duration;

use clientele_tests::authorization_ui::{
    allow, authorize_url, deny, param, sign_in_on_the_authorization_page,
};
use clientele_tests::browser::Browser;
use clientele_tests::client_site::ClientSite;
use clientele_tests::console_api::{app_draft, PASSWORD};
use clientele_tests::console_ui::{id, sign_in_through_the_page};
use clientele_tests::fixtures::png_base64;
use clientele_tests::oauth::ClientApp;
use clientele_tests::steps::Step::{Click, Fill, Gone, Shows};
use clientele_tests::{assert_contains_all, eventually, spawn_app, TestApp};
use serde_json::Value;

const SCOPES: &str = "openid profile files:write accounts.self:read";

/// What every test starts from: the server, the app's website, and a developer's app with an
/// icon, with a person who has an account and has never used the app.
struct Setting {
    app: TestApp,
    site: ClientSite,
    client: ClientApp,
}

impl Setting {
    async fn new() -> Setting {
        let app = spawn_app().await;
        let site = ClientSite::start(&app.address).await;
        let mut draft = app_draft("Photo Sync");
        draft["icon"] = png_base64(64, 64).into();
        draft["scopes"] = SCOPES.into();
        let (_, client) = app.developer_with_app(&draft).await;
        app.sign_up("person@example.com").await;
        Setting { app, site, client }
    }

    /// The URL the app sends the browser to, back to the app's website.
    fn authorize(&self, scope: &str, extra: &[(&str, &str)]) -> String {
        authorize_url(
            &self.app,
            &self.client.client_id,
            &self.site.redirect_uri(),
            scope,
            extra,
        )
    }

    /// A new browser, which the app has sent to the authorization endpoint (see `authorize`).
    async fn browser_at(&self, scope: &str, extra: &[(&str, &str)]) -> Browser {
        let browser = Browser::start().await;
        browser.goto(&self.authorize(scope, extra)).await;
        browser
    }

    /// [`Setting::browser_at`] `scope`, where the person then signed in.
    async fn signed_in_at(&self, scope: &str) -> Browser {
        let browser = self.browser_at(scope, &[]).await;
        sign_in_on_the_authorization_page(&browser, "person@example.com", PASSWORD).await;
        browser
    }

    /// The app's code exchange, as its server does it.
    async fn exchange(&self, code: &str) -> Value {
        self.app
            .exchange_at(&self.client, code, &self.site.redirect_uri())
            .await
    }
}

/// The `n`th request the app's site received carried a code and the state `xyz` back.
async fn code_came_back_with_state(site: &ClientSite, n: usize) {
    let params = site.wait_for_callback(n).await;
    assert_eq!(param(&params, "state"), Some("xyz"));
    assert!(param(&params, "code").is_some());
}

#[tokio::test]
async fn a_signed_out_person_signs_in_consents_and_the_app_receives_code_state_and_issuer() {
    let setting = Setting::new().await;
    let Setting { app, site, .. } = &setting;
    let browser = setting.browser_at(SCOPES, &[]).await;
    let heading = browser.wait_for_text("h1", "Sign in to continue to").await;
    assert!(heading.contains("Photo Sync"), "{heading}");
    browser
        .wait_for_text(
            r#"[data-testid="forgot-password"]"#,
            "Forgot your password?",
        )
        .await;
    let sign_up = browser
        .attr(r#"[data-testid="sign-up-link"]"#, "href")
        .await
        .unwrap();
    assert!(
        sign_up.starts_with("/sign-up?next=%2Foauth%2Fauthorize%3F"),
        "{sign_up}"
    );

    // A wrong password: the error is shown and the request is kept, so the right one carries on.
    sign_in_on_the_authorization_page(&browser, "person@example.com", "not the password").await;
    browser
        .wait_for_text(r#"[data-testid="sign-in-error"]"#, "do not match")
        .await;
    assert_eq!(
        browser.value("#email").await,
        "person@example.com",
        "the email stays filled in"
    );
    assert_eq!(
        browser.value("#password").await,
        "",
        "the wrong password is not sent back"
    );
    sign_in_on_the_authorization_page(&browser, "person@example.com", PASSWORD).await;

    // Consent: who asks, for which account, and what it may do in words.
    browser
        .wait_for_text(r#"[data-testid="consent-app-name"]"#, "Photo Sync")
        .await;
    let icon = browser.attr("img.app-icon", "src").await.unwrap();
    assert!(icon.contains("size=64"), "the app's icon is shown: {icon}");
    browser
        .wait_for_text(r#"[data-testid="consent-website"]"#, "example.com")
        .await;
    browser
        .wait_for_text(r#"[data-testid="consent-account"]"#, "person@example.com")
        .await;
    let scopes = browser.text(r#"[data-testid="consent-scopes"]"#).await;
    assert_contains_all(&scopes, &[
        "Files & folders (read and write, which includes read) — View, create, change and delete your files and folders.",
        "Profile (read only) — View basic information about your profile.",
        "Sign you in with your account.",
    ]);
    assert!(
        !scopes.contains("files:write"),
        "scopes are in words, not tokens: {scopes}"
    );
    let connected = browser
        .attr(r#"[data-testid="connected-apps-link"]"#, "href")
        .await;
    assert_eq!(connected.as_deref(), Some("/connections"));
    allow(&browser).await;

    // The app receives the code, its state and the issuer, and the code works once.
    browser
        .wait_for_text(r#"[data-testid="callback"]"#, "Back at the app")
        .await;
    let params = site.wait_for_callback(1).await;
    assert_eq!(param(&params, "state"), Some("xyz"));
    assert_eq!(param(&params, "iss"), Some(app.address.as_str()));
    let tokens = setting.exchange(param(&params, "code").unwrap()).await;
    assert_eq!(
        tokens["scope"],
        "accounts.self:read files:read files:write openid profile"
    );

    browser.finish().await;
}

#[tokio::test]
async fn denying_sends_access_denied_to_the_app_and_no_code() {
    let setting = Setting::new().await;
    let Setting { app, site, .. } = &setting;
    let browser = setting.signed_in_at("files:read").await;
    deny(&browser).await;

    let params = site.wait_for_callback(1).await;
    assert_eq!(param(&params, "error"), Some("access_denied"));
    assert_eq!(param(&params, "state"), Some("xyz"));
    assert_eq!(param(&params, "iss"), Some(app.address.as_str()));
    assert_eq!(param(&params, "code"), None);
    let consents = app.count("SELECT COUNT(*) FROM consents").await;
    assert_eq!(consents, 0, "nothing is remembered after a denial");
    browser.finish().await;
}

#[tokio::test]
async fn a_returning_person_skips_consent_for_the_same_scopes_and_is_asked_again_for_more_or_when_the_app_insists(
) {
    let setting = Setting::new().await;
    let Setting { site, .. } = &setting;
    let url = |scope: &str, extra: &[(&str, &str)]| setting.authorize(scope, extra);

    let browser = setting.signed_in_at("files:read").await;
    allow(&browser).await;
    site.wait_for_callback(1).await;

    // Same scopes, same browser: straight back to the app.
    browser.goto(&url("files:read", &[])).await;
    assert!(param(&site.wait_for_callback(2).await, "code").is_some());

    // prompt=consent asks again although the scopes were granted.
    browser
        .goto(&url("files:read", &[("prompt", "consent")]))
        .await;
    allow(&browser).await;
    assert!(param(&site.wait_for_callback(3).await, "code").is_some());

    // A wider scope asks again, for the new scopes.
    browser.goto(&url("files:write", &[])).await;
    browser
        .wait_for_text(r#"[data-testid="consent-scopes"]"#, "read and write")
        .await;
    allow(&browser).await;
    assert!(param(&site.wait_for_callback(4).await, "code").is_some());

    // prompt=login asks who is signing in, although a session is open, then carries on.
    browser
        .goto(&url("files:read", &[("prompt", "login")]))
        .await;
    sign_in_on_the_authorization_page(&browser, "person@example.com", PASSWORD).await;
    assert!(param(&site.wait_for_callback(5).await, "code").is_some());
    browser.finish().await;

    // A new browser: after signing in, the remembered consent sends it straight to the app
    // (the sign-in form's redirect chain ends at the app, which the page's CSP must allow).
    let other = setting.browser_at("files:read", &[]).await;
    sign_in_on_the_authorization_page(&other, "person@example.com", PASSWORD).await;
    other
        .wait_for_text(r#"[data-testid="callback"]"#, "Back at the app")
        .await;
    code_came_back_with_state(site, 6).await;
    other.finish().await;
}

#[tokio::test]
async fn prompt_none_sends_login_required_to_the_app_when_nobody_is_signed_in() {
    let setting = Setting::new().await;
    let Setting { site, .. } = &setting;
    let browser = setting
        .browser_at("files:read", &[("prompt", "none")])
        .await;
    let params = site.wait_for_callback(1).await;
    assert_eq!(param(&params, "error"), Some("login_required"));
    assert_eq!(param(&params, "state"), Some("xyz"));
    browser
        .wait_for_text(r#"[data-testid="callback"]"#, "Back at the app")
        .await;
    browser.finish().await;
}

#[tokio::test]
async fn an_unknown_app_or_an_unregistered_redirect_url_gets_an_error_page_and_never_a_redirect() {
    let setting = Setting::new().await;
    let Setting { app, site, client } = &setting;
    let browser = Browser::start().await;

    browser
        .goto(&authorize_url(
            app,
            "cid_nobody",
            &site.redirect_uri(),
            "files:read",
            &[],
        ))
        .await;
    browser.wait_for_text("h1", "Unknown app").await;

    let unregistered = format!("{}/elsewhere", site.base);
    browser
        .goto(&authorize_url(
            app,
            &client.client_id,
            &unregistered,
            "files:read",
            &[],
        ))
        .await;
    browser
        .wait_for_text("h1", "This redirect URL is not registered")
        .await;
    let detail = browser.text(r#"[data-testid="error-detail"]"#).await;
    assert!(detail.contains(&unregistered), "{detail}");
    assert_eq!(
        detail.matches(&unregistered).count(),
        1,
        "the page says it once: {detail}"
    );

    assert_eq!(site.callbacks(), 0, "the app's site was never reached");
    // The error pages answer 4xx, which Chromium logs; nothing else may be logged.
    browser
        .finish_with_refusals("/oauth/authorize?", "status of 400")
        .await;
}

#[tokio::test]
async fn forms_on_another_site_cannot_sign_in_or_consent() {
    let setting = Setting::new().await;
    let Setting { app, site, .. } = &setting;
    let browser = Browser::start().await;

    for button in ["forged-sign-in", "forged-consent"] {
        browser.goto(&format!("{}/other-site", site.base)).await;
        browser.click(&id(button)).await;
        browser.wait_for_text("h1", "Request refused").await;
        browser
            .wait_for_text(r#"[data-testid="error-detail"]"#, "not sent from this site")
            .await;
    }
    let sessions = app.count("SELECT COUNT(*) FROM sessions").await;
    assert_eq!(sessions, 2, "only the two sign-ups' sessions exist");
    browser.close().await;
}

#[tokio::test]
async fn not_you_on_the_consent_page_signs_out_and_asks_who_is_signing_in() {
    let setting = Setting::new().await;
    let Setting { app, site, .. } = &setting;
    app.sign_up("other@example.com").await;
    let browser = setting.signed_in_at("files:read").await;
    browser
        .wait_for_text(r#"[data-testid="consent-account"]"#, "person@example.com")
        .await;
    browser.click(&id("not-you")).await;
    sign_in_on_the_authorization_page(&browser, "other@example.com", PASSWORD).await;
    browser
        .wait_for_text(r#"[data-testid="consent-account"]"#, "other@example.com")
        .await;
    allow(&browser).await;
    assert!(param(&site.wait_for_callback(1).await, "code").is_some());
    browser.finish().await;
}

#[tokio::test]
async fn revoking_on_connected_apps_stops_the_refresh_token_at_once_and_the_next_authorization_asks_again(
) {
    let setting = Setting::new().await;
    let Setting { app, site, client } = &setting;
    let url = setting.authorize("files:read", &[]);
    let browser = Browser::start().await;

    // Signed in to the console first: the authorization pages share its session.
    sign_in_through_the_page(&browser, app, "person@example.com").await;
    browser.goto(&url).await;
    allow(&browser).await;
    let tokens = setting
        .exchange(param(&site.wait_for_callback(1).await, "code").unwrap())
        .await;
    let refresh = tokens["refresh_token"].as_str().unwrap().to_owned();

    browser.goto(&app.url("/connections")).await;
    browser
        .steps(&[
            Shows("connection-row", "Photo Sync"),
            Click("revoke-connection"),
            Click("revoke-access-confirm"),
            Shows("no-connections", "No apps are connected"),
        ])
        .await;

    let refused = app.refresh_request(client, &refresh).await;
    assert_eq!(refused.status(), 400);
    assert_eq!(
        refused.json::<Value>().await.unwrap()["error"],
        "invalid_grant"
    );

    browser.goto(&url).await;
    browser
        .wait_for_text(r#"[data-testid="consent-app-name"]"#, "Photo Sync")
        .await;
    assert_eq!(site.callbacks(), 1, "no code without asking again");
    browser.finish().await;
}

#[tokio::test]
async fn signing_out_of_the_console_also_ends_the_session_of_the_authorization_pages() {
    let setting = Setting::new().await;
    let Setting { app, .. } = &setting;
    let url = setting.authorize("files:read", &[]);
    let browser = Browser::start().await;

    sign_in_through_the_page(&browser, app, "person@example.com").await;
    browser.goto(&url).await;
    browser
        .wait_for_text(r#"[data-testid="consent-account"]"#, "person@example.com")
        .await;

    browser.goto(&app.url("/apps")).await;
    browser.steps(&[Click("sign-out"), Gone("sign-out")]).await;
    browser.goto(&url).await;
    browser.wait_for_text("h1", "Sign in to continue to").await;
    browser.finish().await;
}

#[tokio::test]
async fn after_five_wrong_passwords_the_sign_in_page_says_how_long_to_wait_and_keeps_the_request() {
    let setting = Setting::new().await;
    let Setting { app, site, .. } = &setting;
    let browser = setting.browser_at("files:read", &[]).await;
    for attempt in 1..=5 {
        sign_in_on_the_authorization_page(
            &browser,
            "person@example.com",
            &format!("wrong password {attempt}"),
        )
        .await;
        browser
            .wait_for_text(r#"[data-testid="sign-in-error"]"#, "do not match")
            .await;
    }
    sign_in_on_the_authorization_page(&browser, "person@example.com", PASSWORD).await;
    browser
        .wait_for_text(
            r#"[data-testid="sign-in-error"]"#,
            "Too many attempts. Try again in 900 seconds.",
        )
        .await;
    let heading = browser.text("h1").await;
    assert!(
        heading.contains("Photo Sync"),
        "the request is kept: {heading}"
    );

    // Once the window has passed, the same page signs in and carries on to consent.
    app.clock.advance(15 * 60);
    sign_in_on_the_authorization_page(&browser, "person@example.com", PASSWORD).await;
    allow(&browser).await;
    assert!(param(&site.wait_for_callback(1).await, "code").is_some());
    // The 429 answer is logged by Chromium as a failed load; nothing else may be.
    browser
        .finish_with_refusals("/oauth/sign-in - ", "status of 429")
        .await;
}

#[tokio::test]
async fn a_newcomer_creates_an_account_from_the_sign_in_page_and_comes_back_to_the_same_request() {
    let setting = Setting::new().await;
    let Setting { site, .. } = &setting;
    let browser = setting.browser_at("files:read", &[]).await;
    browser.wait_for_text("h1", "Sign in to continue to").await;
    browser.click(r#"[data-testid="sign-up-link"]"#).await;
    browser
        .steps(&[
            Fill("input-email", "newcomer@example.com"),
            Fill("input-display_name", "New Comer"),
            Fill("input-password", "violet tractor sings at noon"),
            Click("sign-up-submit"),
        ])
        .await;

    // Straight back to the app's request, signed in as the new account.
    browser
        .wait_for_text(r#"[data-testid="consent-account"]"#, "newcomer@example.com")
        .await;
    allow(&browser).await;
    code_came_back_with_state(site, 1).await;
    browser.finish().await;
}

#[tokio::test]
async fn another_site_cannot_show_the_authorization_pages_in_a_frame() {
    let setting = Setting::new().await;
    let Setting { app, site, .. } = &setting;
    let browser = Browser::start().await;

    let page = setting.authorize("files:read", &[]);
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("src", &page)
        .finish();
    browser.goto(&format!("{}/frame?{query}", site.base)).await;
    browser.shows("framing", "Click the button").await;
    let framed = &browser;
    let refused = move || async move {
        let errors = framed.console_errors().await;
        errors
            .into_iter()
            .find(|error| error.contains("frame-ancestors") || error.contains("X-Frame-Options"))
            .ok_or_else(|| "Chromium showed the page in the frame".to_owned())
    };
    let (within, every) = (Duration::from_secs(10), Duration::from_millis(100));
    let refusal = eventually(within, every, refused).await;
    assert!(
        refusal.contains(&format!("Framing '{}/'", app.address))
            && refusal.contains("frame-ancestors 'none'"),
        "{refusal}"
    );
    browser.close().await;
}
