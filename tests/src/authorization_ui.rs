//! Steps a person takes on the server-rendered authorization pages (sign-in, consent), in the
//! real browser: the selectors are the pages' own form fields and buttons.

use crate::browser::Browser;
use crate::oauth::Pkce;
use crate::TestApp;

/// The URL an app sends the browser to: code flow, `state=xyz`, PKCE S256, plus `extra`.
pub fn authorize_url(
    app: &TestApp,
    client_id: &str,
    redirect_uri: &str,
    scope: &str,
    extra: &[(&str, &str)],
) -> String {
    let pkce = Pkce::new();
    let mut params = vec![
        ("response_type", "code"),
        ("client_id", client_id),
        ("redirect_uri", redirect_uri),
        ("scope", scope),
        ("state", "xyz"),
        ("code_challenge", pkce.challenge.as_str()),
        ("code_challenge_method", "S256"),
    ];
    params.extend_from_slice(extra);
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish();
    app.url(&format!("/oauth/authorize?{query}"))
}

/// Types the email and password on the authorization sign-in page and submits it.
pub async fn sign_in_on_the_authorization_page(browser: &Browser, email: &str, password: &str) {
    browser.wait_for_text("h1", "Sign in to continue to").await;
    browser.fill("#email", email).await;
    browser.fill("#password", password).await;
    browser
        .click(r#"form[action="/oauth/sign-in"] button[type="submit"]"#)
        .await;
}

/// Waits until the consent page lists the API `name` among those the app will reach, and
/// checks that it names the API's host (the tests' resource servers listen on 127.0.0.1).
pub async fn consent_names_the_api(browser: &Browser, name: &str) {
    let reach = browser
        .wait_for_text(r#"[data-testid="consent-apis"]"#, name)
        .await;
    assert!(
        reach.contains("127.0.0.1"),
        "the API's host is named: {reach}"
    );
}

/// Clicks Allow on the consent page.
pub async fn allow(browser: &Browser) {
    browser.wait_for_text("h2", "It will be able to").await;
    browser.click(r#"button[value="allow"]"#).await;
}

/// Clicks Deny on the consent page.
pub async fn deny(browser: &Browser) {
    browser.wait_for_text("h2", "It will be able to").await;
    browser.click(r#"button[value="deny"]"#).await;
}

/// The value of `name` among a callback's query parameters.
pub fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}
