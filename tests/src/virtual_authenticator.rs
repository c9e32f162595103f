//! Chromium's virtual authenticator, through the WebDriver "Virtual Authenticators" extension
//! commands (WebAuthn Level 3 section 11): a platform authenticator with discoverable
//! credentials and user verification that always succeeds, so the browser's own passkey
//! dialogs complete without a person.

use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{json, Value};

use crate::browser::Browser;

/// Adds an internal CTAP2 authenticator with resident keys and user verification to the
/// browser; its id.
pub async fn add_platform_authenticator(browser: &Browser) -> String {
    let answer = browser
        .client
        .issue_cmd(Command::AddAuthenticator)
        .await
        .expect("adding a virtual authenticator");
    answer.as_str().expect("the authenticator's id").to_owned()
}

/// The credentials the authenticator holds (section 11.7), as chromedriver describes them.
pub async fn credentials(browser: &Browser, authenticator: &str) -> Vec<Value> {
    let answer = browser
        .client
        .issue_cmd(Command::Credentials(authenticator.to_owned()))
        .await
        .expect("reading the virtual authenticator's credentials");
    answer.as_array().cloned().unwrap_or_default()
}

#[derive(Debug)]
enum Command {
    AddAuthenticator,
    Credentials(String),
}

impl WebDriverCompatibleCommand for Command {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        let session = session_id.unwrap_or_default();
        match self {
            Command::AddAuthenticator => {
                base_url.join(&format!("session/{session}/webauthn/authenticator"))
            }
            Command::Credentials(id) => base_url.join(&format!(
                "session/{session}/webauthn/authenticator/{id}/credentials"
            )),
        }
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        match self {
            Command::AddAuthenticator => (
                http::Method::POST,
                Some(
                    json!({
                        "protocol": "ctap2",
                        "transport": "internal",
                        "hasResidentKey": true,
                        "hasUserVerification": true,
                        "isUserVerified": true,
                        "isUserConsenting": true,
                    })
                    .to_string(),
                ),
            ),
            Command::Credentials(_) => (http::Method::GET, None),
        }
    }
}
