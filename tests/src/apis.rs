//! Registering APIs (resource servers) through the console API, as the console does.

use serde_json::{json, Value};

use crate::console_api::ConsoleUser;
use crate::resource_server::ApiCredentials;

/// A complete, valid API registration form.
pub fn api_draft(name: &str, identifier: &str, resources: &[&str]) -> Value {
    json!({
        "name": name,
        "description": "Notes and more.",
        "identifier": identifier,
        "resources": resources,
        "visibility": "private",
        "token_format": "opaque",
        "token_lifetime": 3600
    })
}

/// [`api_draft`] for an API every developer may use (`"visibility": "developers"`), not only
/// its owner.
pub fn developers_api_draft(name: &str, identifier: &str, resources: &[&str]) -> Value {
    let mut draft = api_draft(name, identifier, resources);
    draft["visibility"] = json!("developers");
    draft
}

impl ConsoleUser {
    /// Registers an API from `draft` (201 expected) and returns the answer.
    pub async fn register_api(&self, draft: &Value) -> Value {
        let response = self.post("/api/v1/apis", draft).await;
        let status = response.status();
        let body: Value = response.json().await.unwrap();
        assert_eq!(status, 201, "registering the API failed: {body}");
        body
    }

    /// Registers an API from `draft` ([`ConsoleUser::register_api`]); its id.
    pub async fn api_id(&self, draft: &Value) -> String {
        let created = self.register_api(draft).await;
        created["api"]["id"]
            .as_str()
            .expect("an API's id")
            .to_owned()
    }
}

/// The introspection credentials of a registration answer.
pub fn credentials_of(created: &Value) -> ApiCredentials {
    ApiCredentials {
        client_id: created["api"]["client_id"].as_str().unwrap().to_owned(),
        client_secret: created["client_secret"].as_str().unwrap().to_owned(),
    }
}
