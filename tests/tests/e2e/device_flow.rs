//! The device authorization grant (RFC 8628): a device (the `oauth2` crate's device-flow client,
//! or plain requests) asks for codes and polls; the person enters the code at `/device` in
//! headless Chromium, signs in and decides.

use std::time::Duration;

use clientele_tests::authorization_ui::{allow, deny};
use clientele_tests::browser::Browser;
use clientele_tests::console_api::{app_draft, spawn_app_with_developer, PASSWORD};
use clientele_tests::console_ui::browser_at;
use clientele_tests::oauth::{granted_scopes, ClientApp};
use clientele_tests::{status_and_json, TestApp};
use oauth2::basic::BasicClient;
use oauth2::{
    ClientId, ClientSecret, DeviceAuthorizationUrl, Scope, StandardDeviceAuthorizationResponse,
    TokenResponse, TokenUrl,
};
use reqwest::StatusCode;
use serde_json::{json, Value};

const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// A server, a developer's app registered for the device grant (`public` or confidential), and
/// a person with an account.
async fn setting(client_type: &str) -> (TestApp, ClientApp) {
    let (app, developer) = spawn_app_with_developer().await;
    let mut draft = app_draft("TV App");
    draft["client_type"] = json!(client_type);
    draft["grant_types"] = json!([DEVICE_GRANT, "refresh_token"]);
    draft["scopes"] = json!("files:read openid");
    let client = developer.client_app(&draft).await;
    app.sign_up("person@example.com").await;
    (app, client)
}

/// `POST /oauth/device_authorization`; (status, body).
async fn device_authorization(
    app: &TestApp,
    client: &ClientApp,
    form: &[(&str, &str)],
) -> (StatusCode, Value) {
    let response = app_request(app, client, "/oauth/device_authorization", form).await;
    status_and_json(response).await
}

async fn app_request(
    app: &TestApp,
    client: &ClientApp,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let mut fields = form.to_vec();
    let mut request = reqwest::Client::new().post(app.url(path));
    match &client.client_secret {
        Some(secret) => request = request.basic_auth(&client.client_id, Some(secret)),
        None => fields.push(("client_id", &client.client_id)),
    }
    request.form(&fields).send().await.unwrap()
}

/// One poll of the token endpoint; (status, body).
async fn poll(app: &TestApp, client: &ClientApp, device_code: &str) -> (StatusCode, Value) {
    let response = app_request(
        app,
        client,
        "/oauth/token",
        &[("grant_type", DEVICE_GRANT), ("device_code", device_code)],
    )
    .await;
    status_and_json(response).await
}

/// The device page asks a person who is not signed in to sign in first; person@example.com
/// does.
async fn sign_in_on_the_device_page(browser: &Browser) {
    browser
        .wait_for_text("h1", "Sign in to continue to your device")
        .await;
    browser.fill("#email", "person@example.com").await;
    browser.fill("#password", PASSWORD).await;
    browser
        .click(r#"form[action="/device/sign-in"] button[type="submit"]"#)
        .await;
}

/// The person's side in the browser: open the link, sign in, see the code, decide.
async fn person_decides(
    browser: &Browser,
    verification_uri_complete: &str,
    user_code: &str,
    allowing: bool,
) {
    browser.goto(verification_uri_complete).await;
    sign_in_on_the_device_page(browser).await;
    browser
        .wait_for_text(r#"[data-testid="consent-device"]"#, user_code)
        .await;
    browser
        .wait_for_text(r#"[data-testid="consent-app-name"]"#, "TV App")
        .await;
    if allowing {
        allow(browser).await;
        browser
            .wait_for_text(r#"[data-testid="device-done"]"#, "Device connected")
            .await;
    } else {
        deny(browser).await;
        browser
            .wait_for_text(r#"[data-testid="device-done"]"#, "Access denied")
            .await;
    }
}

#[tokio::test]
async fn the_oauth2_crate_device_client_gets_tokens_once_the_person_allows_through_the_browser() {
    let (app, registered) = setting("confidential").await;
    let metadata = app
        .get_json("/.well-known/oauth-authorization-server")
        .await;
    let device_url = metadata["device_authorization_endpoint"].as_str().unwrap();
    assert_eq!(device_url, app.url("/oauth/device_authorization"));
    let grants = metadata["grant_types_supported"].as_array().unwrap();
    assert!(grants.contains(&json!(DEVICE_GRANT)), "{grants:?}");
    let client = BasicClient::new(ClientId::new(registered.client_id.clone()))
        .set_client_secret(ClientSecret::new(registered.client_secret.clone().unwrap()))
        .set_device_authorization_url(DeviceAuthorizationUrl::new(device_url.to_owned()).unwrap())
        .set_token_uri(
            TokenUrl::new(metadata["token_endpoint"].as_str().unwrap().to_owned()).unwrap(),
        );
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let details: StandardDeviceAuthorizationResponse = client
        .exchange_device_code()
        .add_scope(Scope::new("files:read".into()))
        .add_scope(Scope::new("openid".into()))
        .request_async(&http)
        .await
        .expect("the device authorization request succeeds");
    let user_code = details.user_code().secret().clone();
    assert_eq!(user_code.len(), 9, "read aloud as two halves: {user_code}");
    assert_eq!(details.verification_uri().as_str(), app.url("/device"));
    let complete = details
        .verification_uri_complete()
        .expect("a link with the code filled in")
        .secret()
        .clone();

    let browser = Browser::start().await;
    // The device polls while the person decides; its waits move the server's clock instead of
    // the test's time.
    let clock = app.clock.clone();
    let sleep = move |wait: Duration| {
        clock.advance(wait.as_secs() as i64);
        tokio::time::sleep(Duration::from_millis(200))
    };
    let polling = client
        .exchange_device_access_token(&details)
        .request_async(&http, sleep, None);
    let (tokens, ()) = tokio::join!(
        polling,
        person_decides(&browser, &complete, &user_code, true)
    );
    let tokens = tokens.expect("the device gets its tokens");
    browser.finish().await;

    let scopes = granted_scopes(&tokens);
    assert_eq!(scopes, ["files:read", "openid"]);
    assert!(
        tokens.refresh_token().is_some(),
        "the app has the refresh grant"
    );
    let introspected = app
        .introspect(&registered, tokens.access_token().secret())
        .await;
    assert_eq!(introspected["active"], true);
    assert_eq!(introspected["username"], "person@example.com");
    let stored: String = app.scalar("SELECT status FROM device_codes").await;
    assert_eq!(stored, "redeemed");
}

#[tokio::test]
async fn polling_answers_pending_slow_down_denied_and_expired_as_rfc_8628_says_through_the_browser()
{
    let (app, client) = setting("public").await;
    let (status, codes) = device_authorization(&app, &client, &[("scope", "files:read")]).await;
    assert_eq!(status, 200, "{codes}");
    assert_eq!(codes["interval"], 5);
    assert_eq!(codes["expires_in"], 600);
    let device_code = codes["device_code"].as_str().unwrap();

    let (status, body) = poll(&app, &client, device_code).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("authorization_pending"))
    );
    let (_, body) = poll(&app, &client, device_code).await;
    assert_eq!(body["error"], "slow_down", "polled again at once");
    app.clock.advance(6);
    let (_, body) = poll(&app, &client, device_code).await;
    assert_eq!(
        body["error"], "slow_down",
        "the interval grew to 10 seconds (and now to 15)"
    );
    app.clock.advance(16);
    let (_, body) = poll(&app, &client, device_code).await;
    assert_eq!(body["error"], "authorization_pending");

    let browser = Browser::start().await;
    person_decides(
        &browser,
        codes["verification_uri_complete"].as_str().unwrap(),
        codes["user_code"].as_str().unwrap(),
        false,
    )
    .await;
    browser.finish().await;
    app.clock.advance(30);
    let (_, body) = poll(&app, &client, device_code).await;
    assert_eq!(body["error"], "access_denied");

    // A second request that nobody answers expires.
    let (_, codes) = device_authorization(&app, &client, &[]).await;
    app.clock.advance(601);
    let (_, body) = poll(&app, &client, codes["device_code"].as_str().unwrap()).await;
    assert_eq!(body["error"], "expired_token");
}

#[tokio::test]
async fn bad_device_requests_are_refused_in_rfc_form() {
    let (app, client) = setting("confidential").await;
    let developer = app.sign_in("dev@example.com", PASSWORD).await;
    let other = developer.client_app(&app_draft("Web App")).await;
    let (_, codes) = device_authorization(&app, &client, &[]).await;
    let device_code = codes["device_code"].as_str().unwrap();
    // (what, who asks, form, status, error)
    type Case<'a> = (
        &'a str,
        &'a ClientApp,
        &'a str,
        Vec<(&'a str, &'a str)>,
        u16,
        &'a str,
    );
    let table: Vec<Case> = vec![
        (
            "an app without the device grant",
            &other,
            "/oauth/device_authorization",
            vec![],
            400,
            "unauthorized_client",
        ),
        (
            "a scope the app lacks",
            &client,
            "/oauth/device_authorization",
            vec![("scope", "rooms:write")],
            400,
            "invalid_scope",
        ),
        (
            "an unknown resource",
            &client,
            "/oauth/device_authorization",
            vec![("resource", "https://nowhere.example.com")],
            400,
            "invalid_target",
        ),
        (
            "no device code",
            &client,
            "/oauth/token",
            vec![("grant_type", DEVICE_GRANT)],
            400,
            "invalid_request",
        ),
        (
            "an unknown device code",
            &client,
            "/oauth/token",
            vec![("grant_type", DEVICE_GRANT), ("device_code", "cdc_nothing")],
            400,
            "invalid_grant",
        ),
        (
            "another app's device code",
            &other,
            "/oauth/token",
            vec![("grant_type", DEVICE_GRANT), ("device_code", device_code)],
            400,
            "unauthorized_client",
        ),
    ];
    for (what, asking, path, form, status, error) in table {
        let response = app_request(&app, asking, path, &form).await;
        assert_eq!(response.status(), status, "{what}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"], error, "{what}: {body}");
    }
}

#[tokio::test]
async fn guessing_user_codes_is_limited_per_address_through_the_browser() {
    let (app, _) = setting("public").await;
    let browser = browser_at(&app, "/device").await;
    sign_in_on_the_device_page(&browser).await;
    browser.wait_for_text("h1", "Connect a device").await;
    let guess = app.url("/device?user_code=BBBB-BBBB");
    for _ in 0..20 {
        browser.goto(&guess).await;
        browser
            .wait_for_text(
                r#"[data-testid="device-error"]"#,
                "not valid or has expired",
            )
            .await;
    }
    browser.goto(&guess).await;
    browser
        .wait_for_text(r#"[data-testid="device-error"]"#, "Too many codes tried")
        .await;
    browser.close().await;
}
