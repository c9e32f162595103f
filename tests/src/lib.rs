//! Helpers shared by the end-to-end tests: `spawn_app` starts the real server on port 0 with a
//! fresh SQLite database; `browser::Browser` drives headless Chromium through chromedriver.

pub mod apis;
pub mod authorization_ui;
pub mod browser;
pub mod client_site;
pub mod console_api;
pub mod console_ui;
pub mod fixtures;
pub mod jwks;
pub mod mcp_server;
pub mod oauth;
pub mod registration;
pub mod resource_server;
mod spawn;
pub mod teams;

pub use spawn::{
    backend_under_test, fresh_database_url, spawn_app, spawn_app_on, spawn_app_with, TestApp,
};

/// The JSON body of `response`, after checking its status is `status`.
pub async fn json_with_status<S>(response: reqwest::Response, status: S) -> serde_json::Value
where
    reqwest::StatusCode: PartialEq<S>,
    S: std::fmt::Debug,
{
    assert_eq!(response.status(), status);
    response.json().await.unwrap()
}
