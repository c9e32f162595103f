//! `clientele app create|list|show|delete` as operators run them.

use super::{assert_succeeded, clientele, failure_stderr, temp_database, user_create};

pub(crate) fn with_owner() -> (tempfile::TempDir, String) {
    let (dir, url) = temp_database();
    let created = user_create(&url, "owner@example.com", "a long passphrase");
    assert!(created.status.success());
    (dir, url)
}

/// [`with_owner`], and dev@example.com, an account that owns nothing yet.
pub(crate) fn with_owner_and_dev() -> (tempfile::TempDir, String) {
    let (dir, url) = with_owner();
    let created = user_create(&url, "dev@example.com", "a long passphrase");
    assert!(created.status.success());
    (dir, url)
}

pub(crate) const CREATE: [&str; 12] = [
    "app",
    "create",
    "--owner",
    "owner@example.com",
    "--name",
    "Nightly Sync",
    "--website",
    "https://example.com",
    "--redirect-uri",
    "https://example.com/cb",
    "--scope",
    "files:write openid",
];

#[test]
fn app_create_prints_the_client_id_and_first_secret_and_the_app_can_be_listed_shown_and_deleted() {
    let (_dir, url) = with_owner();
    let mut args = CREATE.to_vec();
    args.extend(["--grant", "client_credentials", "--json"]);
    let output = clientele(&url, &args);
    assert_succeeded(&output);
    let created: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let client_id = created["app"]["client_id"].as_str().unwrap().to_owned();
    assert!(created["client_secret"]
        .as_str()
        .unwrap()
        .starts_with("cs_"));
    assert_eq!(created["app"]["scopes"], "files:read files:write openid");
    assert_eq!(created["app"]["privacy_policy_url"], "https://example.com");

    let listed = clientele(
        &url,
        &["app", "list", "--owner", "owner@example.com", "--json"],
    );
    let apps: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(apps.as_array().unwrap().len(), 1);

    let shown = clientele(&url, &["app", "show", &client_id]);
    assert!(String::from_utf8_lossy(&shown.stdout).contains("Nightly Sync"));

    assert!(clientele(&url, &["app", "delete", &client_id])
        .status
        .success());
    let gone = clientele(&url, &["app", "show", &client_id]);
    assert!(!gone.status.success());
}

#[test]
fn app_create_with_bad_input_prints_the_same_field_messages_as_the_api_and_fails() {
    let (_dir, url) = with_owner();
    let args = [
        "app",
        "create",
        "--owner",
        "owner@example.com",
        "--name",
        "x",
        "--website",
        "https://example.com",
        "--redirect-uri",
        "http://example.com/cb",
        "--scope",
        "files:read",
        "--public",
        "--grant",
        "client_credentials",
    ];
    let output = clientele(&url, &args);
    let stderr = failure_stderr(&output, "an app with bad input");
    for field in ["name:", "redirect_uris.0:", "grant_types:"] {
        assert!(stderr.contains(field), "{field} missing in:\n{stderr}");
    }
    let listed = clientele(&url, &["app", "list", "--json"]);
    assert_eq!(String::from_utf8_lossy(&listed.stdout).trim(), "[]");
}

#[test]
fn app_create_for_an_unknown_owner_fails_with_a_clear_message() {
    let (_dir, url) = with_owner();
    let mut args = CREATE.to_vec();
    args[3] = "nobody@example.com";
    let output = clientele(&url, &args);
    assert!(failure_stderr(&output, "an app for an unknown owner").contains("no console account"));
}
