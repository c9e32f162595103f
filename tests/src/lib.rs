//! Helpers shared by the end-to-end tests: `spawn_app` starts the real server on port 0 with a
//! fresh SQLite database; `browser::Browser` drives headless Chromium through chromedriver.

pub mod apis;
pub mod authorization_ui;
pub mod browser;
pub mod client_site;
pub mod console_api;
pub mod console_ui;
pub mod document_site;
pub mod fixtures;
pub mod jwks;
pub mod mcp_server;
pub mod metrics_text;
pub mod oauth;
pub mod oidc;
pub mod registration;
pub mod resource_server;
pub mod serving;
pub mod smtp_sink;
pub mod software_passkey;
mod spawn;
pub mod steps;
pub mod teams;
pub mod two_factor;
pub mod virtual_authenticator;

pub use spawn::{
    backend_under_test, fresh_database_url, spawn_app, spawn_app_at_localhost, spawn_app_on,
    spawn_app_with, spawn_configured_app_on, TestApp,
};

/// The project's own tool folder (`CLIENTELE_TOOLS`, as scripts/tool-env.sh sets it), where
/// scripts/install-tools.sh puts the MCP SDK and schemathesis.
pub fn tool_dir() -> std::path::PathBuf {
    let tools = std::env::var("CLIENTELE_TOOLS").unwrap_or_else(|_| {
        format!(
            "{}/.cache/clientele-tools",
            std::env::var("HOME").expect("HOME")
        )
    });
    std::path::PathBuf::from(tools)
}

/// The status and JSON body of `response`, for tests that assert on both.
pub async fn status_and_json(
    response: reqwest::Response,
) -> (reqwest::StatusCode, serde_json::Value) {
    let status = response.status();
    (status, response.json().await.unwrap())
}

/// Sends `request` and reads its answer's JSON body (a `Value`, or what the caller reads it
/// as), whatever the status.
pub async fn send_for_json<T: serde::de::DeserializeOwned>(request: reqwest::RequestBuilder) -> T {
    let response = request.send().await.expect("sending the request");
    response.json().await.expect("a JSON body")
}

/// Runs `attempt` every `every` until it answers `Ok`, and returns that; panics when `within`
/// has passed, with what the last attempt saw instead (its `Err`). For what happens on its own
/// time: another node, a background task, the browser's log.
pub async fn eventually<T, F, Fut>(
    within: std::time::Duration,
    every: std::time::Duration,
    mut attempt: F,
) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, String>>,
{
    let started = std::time::Instant::now();
    loop {
        match attempt().await {
            Ok(done) => return done,
            Err(seen) => assert!(started.elapsed() < within, "{seen}"),
        }
        tokio::time::sleep(every).await;
    }
}

/// The JSON body of `response`, after checking its status is `status`.
pub async fn json_with_status<S>(response: reqwest::Response, status: S) -> serde_json::Value
where
    reqwest::StatusCode: PartialEq<S>,
    S: std::fmt::Debug,
{
    assert_eq!(response.status(), status);
    response.json().await.unwrap()
}

/// The header `name` of `response` as text; panics when it is missing or not visible ASCII.
pub fn header_text(response: &reqwest::Response, name: reqwest::header::HeaderName) -> String {
    response.headers()[&name]
        .to_str()
        .unwrap_or_else(|err| panic!("the {name} header: {err}"))
        .to_owned()
}

/// Asserts that `text` (a page, a row, a snippet) contains each of `expected`; the panic names
/// the first that is missing.
pub fn assert_contains_all(text: &str, expected: &[&str]) {
    for words in expected {
        assert!(text.contains(words), "{words:?} missing from {text}");
    }
}

/// The text at `pointer` (a JSON pointer: `/message`, `/error_description`, `/fields/email`)
/// of an answer's body; panics, showing the body, when there is no text there.
pub fn text_at<'a>(body: &'a serde_json::Value, pointer: &str) -> &'a str {
    body.pointer(pointer)
        .and_then(serde_json::Value::as_str)
        .unwrap_or_else(|| panic!("no text at {pointer} in {body}"))
}

/// The text at `key` of each of `items`, in order; panics, showing the item, when one has no
/// text there.
pub fn texts_of<'a>(
    items: impl IntoIterator<Item = &'a serde_json::Value>,
    key: &str,
) -> Vec<&'a str> {
    items
        .into_iter()
        .map(|item| {
            item[key]
                .as_str()
                .unwrap_or_else(|| panic!("no text at {key} in {item}"))
        })
        .collect()
}
