//! Steps the console's browser tests share: finding elements by `data-testid` and signing in
//! through the sign-in page, as a person would.

use std::io::Write;
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::json;

use crate::browser::Browser;
use crate::console_api::PASSWORD;
use crate::steps::Step::{AtPath, Click, Fill, Found};
use crate::TestApp;

/// How long the focus, title and dialog waits wait.
const WAIT: Duration = Duration::from_secs(20);

/// The selector of an element by its `data-testid`.
pub fn id(testid: &str) -> String {
    format!(r#"[data-testid="{testid}"]"#)
}

/// Signs in through the console's sign-in page with the test password; lands on "My apps".
pub async fn sign_in_through_the_page(browser: &Browser, app: &TestApp, email: &str) {
    browser.goto(&app.url("/sign-in")).await;
    browser
        .steps(&[
            Fill("input-email", email),
            Fill("input-password", PASSWORD),
            Click("sign-in-submit"),
            AtPath("/apps"),
            Found("account-name"),
        ])
        .await;
}

/// Fills the register-an-app form with a valid confidential app that asks for `openid` and
/// sends people back to `redirect_uri`.
pub async fn fill_valid_app_form(browser: &Browser, name: &str, redirect_uri: &str) {
    browser
        .steps(&[
            Fill("input-name", name),
            Fill("input-website", "https://example.com"),
            Fill("input-redirect_uris.0", redirect_uri),
            Fill("input-privacy_policy_url", "https://example.com/privacy"),
            Fill("input-terms_url", "https://example.com/terms"),
            Click("scope-openid"),
        ])
        .await;
}

/// Types `refused` into the field `field` (its test id without `input-`), waits for the shared
/// rules' `message` under it, then types `accepted` and waits until the message is gone: the
/// console checks a field as the person types, before anything is sent.
pub async fn field_refuses_then_accepts(
    browser: &Browser,
    field: &str,
    refused: &str,
    message: &str,
    accepted: &str,
) {
    let (input, error) = (id(&format!("input-{field}")), id(&format!("error-{field}")));
    browser.fill(&input, refused).await;
    browser.wait_for_text(&error, message).await;
    browser.fill(&input, accepted).await;
    browser.wait_until_gone(&error).await;
}

/// Waits until the form's summary says everything is filled in correctly (the shared rules
/// ran in the browser), then clicks the submit button `submit` (a test id).
pub async fn submit_when_complete(browser: &Browser, submit: &str) {
    browser
        .shows("form-problems", "Everything is filled in correctly")
        .await;
    browser.click(&id(submit)).await;
}

/// Chooses `bytes` as the icon file, as the file picker would; the file lives as long as the
/// returned handle.
pub async fn choose_icon(browser: &Browser, bytes: &[u8]) -> tempfile::NamedTempFile {
    let file = tempfile::Builder::new()
        .suffix(".png")
        .tempfile()
        .expect("a temporary file");
    file.as_file().write_all(bytes).expect("writing the icon");
    browser
        .find(&id("input-icon"))
        .await
        .send_keys(&file.path().display().to_string())
        .await
        .expect("choosing the icon");
    file
}

/// A new browser, signed in through the sign-in page (see `sign_in_through_the_page`).
pub async fn signed_in_browser(app: &TestApp, email: &str) -> Browser {
    let browser = Browser::start().await;
    sign_in_through_the_page(&browser, app, email).await;
    browser
}

/// A confirmation whose `focused` control (a selector) has the focus closes on Escape: `dialog`
/// (a selector) leaves the page and the focus goes back to `opener` (a selector), the button
/// that opened it.
pub async fn escape_closes(browser: &Browser, focused: &str, dialog: &str, opener: &str) {
    wait_for_focus(browser, focused).await;
    press(browser, Key::Escape).await;
    browser.wait_until_gone(dialog).await;
    wait_for_focus(browser, opener).await;
}

/// A new browser, signed out, on the console's page `path`.
pub async fn browser_at(app: &TestApp, path: &str) -> Browser {
    let browser = Browser::start().await;
    browser.goto(&app.url(path)).await;
    browser
}

/// [`signed_in_browser`], then the console's page `path`.
pub async fn signed_in_browser_at(app: &TestApp, email: &str, path: &str) -> Browser {
    let browser = signed_in_browser(app, email).await;
    browser.goto(&app.url(path)).await;
    browser
}

/// The panel (`panel`, a test id) that shows new credentials once: it warns that they cannot be
/// shown again, holds a client id and a secret, and offers to copy the secret. Returns (client
/// id, secret).
pub async fn credentials_shown_once(browser: &Browser, panel: &str) -> (String, String) {
    let text = browser
        .wait_for_text(&id(panel), "shown only this once")
        .await;
    assert!(text.contains("cannot be shown again"), "{text}");
    let client_id = browser.text(&id("client-id")).await;
    let secret = browser.text(&id("client-secret")).await;
    assert!(
        !client_id.is_empty() && secret.len() > 20,
        "{client_id} {secret}"
    );
    browser.find(&id("copy-client-secret")).await;
    (client_id, secret)
}

/// Waits until the focused element (`document.activeElement`) matches `css`; the panic says
/// what has the focus instead.
pub async fn wait_for_focus(browser: &Browser, css: &str) {
    let started = Instant::now();
    let mut focused = String::new();
    while started.elapsed() < WAIT {
        let answer = browser
            .client
            .execute(
                "const e = document.activeElement;
                 const what = e ? `${e.tagName.toLowerCase()}#${e.id} [${e.getAttribute('data-testid') || ''}] ${(e.textContent || '').trim().slice(0, 60)}` : 'nothing';
                 return [!!e && e.matches(arguments[0]), what];",
                vec![json!(css)],
            )
            .await
            .expect("reading document.activeElement");
        if answer[0] == true {
            return;
        }
        focused = answer[1].as_str().unwrap_or_default().to_owned();
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the focus never reached `{css}`; it is on {focused}");
}

/// Waits until the document's title is `expected`.
pub async fn wait_for_title(browser: &Browser, expected: &str) {
    let started = Instant::now();
    let mut title = String::new();
    while started.elapsed() < WAIT {
        title = browser.client.title().await.expect("reading the title");
        if title == expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the title never became {expected:?}; it is {title:?}");
}

/// Presses and releases one key, as a person at the keyboard would (it goes to whatever has
/// the focus).
pub async fn press(browser: &Browser, key: Key) {
    let value = key.chars().next().expect("a key code");
    let keys = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down { value })
        .then(KeyAction::Up { value });
    browser
        .client
        .perform_actions(keys)
        .await
        .unwrap_or_else(|err| panic!("pressing {key:?}: {err}"));
}

/// The text of the browser's dialog (`confirm`, or "Leave site?"), waiting for it to open.
pub async fn wait_for_dialog(browser: &Browser) -> String {
    let started = Instant::now();
    loop {
        match browser.client.get_alert_text().await {
            Ok(text) => return text,
            Err(_) if started.elapsed() < WAIT => {
                tokio::time::sleep(Duration::from_millis(50)).await
            }
            Err(err) => panic!("no dialog opened: {err}"),
        }
    }
}

/// Whether a browser dialog is open right now.
pub async fn dialog_is_open(browser: &Browser) -> bool {
    browser.client.get_alert_text().await.is_ok()
}
