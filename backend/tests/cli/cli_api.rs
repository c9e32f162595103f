//! `clientele api create|list|show|delete` as operators run them: the same rules and messages
//! as the console, JSON for scripts, the secret shown once.

use crate::cli_app::with_owner;
use crate::{clientele, failure_stderr};

fn create_args<'a>(identifier: &'a str, resource: &'a str) -> Vec<&'a str> {
    vec![
        "api",
        "create",
        "--owner",
        "owner@example.com",
        "--name",
        "Calendar API",
        "--identifier",
        identifier,
        "--resource",
        resource,
        "--resource",
        "events",
        "--visibility",
        "developers",
        "--jwt",
        "--token-lifetime",
        "600",
        "--json",
    ]
}

#[test]
fn api_create_prints_the_identifier_and_introspection_credentials_and_the_api_can_be_listed_shown_and_deleted(
) {
    let (_dir, url) = with_owner();
    let output = clientele(
        &url,
        &create_args("https://calendar.example.com", "calendar"),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let created: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let api = &created["api"];
    assert_eq!(api["identifier"], "https://calendar.example.com");
    assert_eq!(api["resources"], serde_json::json!(["calendar", "events"]));
    assert_eq!(api["visibility"], "developers");
    assert_eq!(api["token_format"], "jwt");
    assert_eq!(api["token_lifetime"], 600);
    assert!(api["client_id"].as_str().unwrap().starts_with("rs_"));
    assert!(created["client_secret"]
        .as_str()
        .unwrap()
        .starts_with("ras_"));
    let id = api["id"].as_str().unwrap().to_owned();

    let listed = clientele(&url, &["api", "list", "--json"]);
    let apis: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(apis[0]["id"], "builtin", "the built-in API comes first");
    assert_eq!(apis[0]["identifier"], "http://127.0.0.1:8080/api/v1");
    assert_eq!(apis[1]["id"], id.as_str());

    let shown = clientele(&url, &["api", "show", &id, "--json"]);
    let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(
        shown["metadata"]["scopes_supported"],
        serde_json::json!([
            "calendar:read",
            "calendar:write",
            "events:read",
            "events:write"
        ])
    );
    assert!(
        shown.to_string().find("ras_").is_none(),
        "the secret is never shown again"
    );

    let deleted = clientele(&url, &["api", "delete", &id]);
    assert!(deleted.status.success());
    let listed = clientele(&url, &["api", "list", "--json"]);
    let apis: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(
        apis.as_array().unwrap().len(),
        1,
        "only the built-in API is left"
    );
}

#[test]
fn api_create_refuses_what_the_console_refuses_with_the_same_messages() {
    let (_dir, url) = with_owner();
    // (identifier, resource, message on standard error)
    let table = [
        (
            "http://calendar.example.com",
            "calendar",
            "identifier: URLs must use https, except http on 127.0.0.1, [::1] or localhost.",
        ),
        (
            "https://calendar.example.com",
            "Calendar",
            "resources.0: Resource names may contain only lowercase letters a-z, digits, '.', '-' and '_'; \"C\" is not allowed.",
        ),
        (
            "https://calendar.example.com",
            "files",
            "resources.0: \"files\" is already a resource of Clientele API; scope names must be unique, so choose another name.",
        ),
        (
            "http://127.0.0.1:8080/api/v1",
            "calendar",
            "identifier: Another API already uses this identifier.",
        ),
    ];
    for (identifier, resource, message) in table {
        let output = clientele(&url, &create_args(identifier, resource));
        let stderr = failure_stderr(&output, &format!("{identifier} {resource}"));
        assert!(stderr.contains(message), "{message:?} not in {stderr}");
    }
    let listed = clientele(&url, &["api", "list", "--json"]);
    let apis: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(apis.as_array().unwrap().len(), 1, "nothing was created");
}
