//! Client secrets through the console API: generate (shown once), list, revoke, expire, reset,
//! and the audit log that records it all without ever holding a secret.

use clientele_tests::console_api::{
    app_draft, app_draft_with_scopes, public_draft, spawn_app_with_developer, ConsoleUser,
};
use clientele_tests::{json_with_status, spawn_app, text_at, texts_of, TestApp};
use serde_json::{json, Value};

/// A fresh server where dev@example.com has registered a confidential app: the server, the
/// developer, the app's client id and its first secret.
async fn a_developer_with_a_confidential_app() -> (TestApp, ConsoleUser, String, String) {
    let (app, user) = spawn_app_with_developer().await;
    let (client_id, secret) = confidential_app(&user).await;
    (app, user, client_id, secret)
}

async fn confidential_app(user: &ConsoleUser) -> (String, String) {
    let created = user.register_app(&app_draft("Rotating App")).await;
    (
        created["app"]["client_id"].as_str().unwrap().to_owned(),
        created["client_secret"].as_str().unwrap().to_owned(),
    )
}

/// Asks for a new secret for the app with `body` (label, lifetime), whatever the answer.
async fn generate_secret(user: &ConsoleUser, client_id: &str, body: Value) -> reqwest::Response {
    user.post(&format!("/api/v1/apps/{client_id}/secrets"), &body)
        .await
}

async fn secrets(user: &ConsoleUser, client_id: &str) -> Vec<Value> {
    let response = user.get(&format!("/api/v1/apps/{client_id}/secrets")).await;
    assert_eq!(response.status(), 200);
    response.json::<Vec<Value>>().await.unwrap()
}

#[tokio::test]
async fn a_new_secret_is_shown_once_and_then_only_by_its_prefix() {
    let (_app, user, client_id, _) = a_developer_with_a_confidential_app().await;

    let response = generate_secret(
        &user,
        &client_id,
        json!({"label": "CI deploy", "expires_in_days": 90}),
    )
    .await;
    let created = json_with_status(response, 201).await;
    let secret = created["client_secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("cs_"));
    assert_eq!(created["secret"]["label"], "CI deploy");
    assert_eq!(created["secret"]["status"], "never_used");

    let listed = secrets(&user, &client_id).await;
    assert_eq!(listed.len(), 2);
    let text = serde_json::to_string(&listed).unwrap();
    assert!(!text.contains(&secret), "the list never repeats a secret");
    assert!(secret.starts_with(listed[1]["prefix"].as_str().unwrap()));
    let expires_at = listed[1]["expires_at"].as_i64().unwrap();
    assert_eq!(
        expires_at - listed[1]["created_at"].as_i64().unwrap(),
        90 * 24 * 60 * 60
    );
}

#[tokio::test]
async fn a_sixth_active_secret_is_refused_with_a_message() {
    let (_app, user, client_id, _) = a_developer_with_a_confidential_app().await;
    for _ in 0..4 {
        assert_eq!(
            generate_secret(&user, &client_id, json!({})).await.status(),
            201
        );
    }
    let refused = generate_secret(&user, &client_id, json!({})).await;
    let error = json_with_status(refused, 409).await;
    assert!(
        text_at(&error, "/message").contains("5 active secrets"),
        "{error}"
    );
    assert_eq!(secrets(&user, &client_id).await.len(), 5);
}

#[tokio::test]
async fn bad_labels_and_lifetimes_are_refused_per_field() {
    let (_app, user, client_id, _) = a_developer_with_a_confidential_app().await;
    let response = generate_secret(
        &user,
        &client_id,
        json!({"label": "x".repeat(65), "expires_in_days": 7}),
    )
    .await;
    let error = json_with_status(response, 422).await;
    assert!(error["fields"]["label"].is_string());
    assert!(error["fields"]["expires_in_days"].is_string());
    assert_eq!(secrets(&user, &client_id).await.len(), 1);
}

#[tokio::test]
async fn a_public_app_has_no_secrets_to_generate() {
    let (_app, user) = spawn_app_with_developer().await;
    let draft = public_draft("Public App");
    let created = user.register_app(&draft).await;
    let client_id = created["app"]["client_id"].as_str().unwrap();
    let response = generate_secret(&user, client_id, json!({})).await;
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn revoking_twice_is_a_clear_error_and_another_users_secret_is_not_found() {
    let app = spawn_app().await;
    let owner = app.sign_up("owner@example.com").await;
    let stranger = app.sign_up("stranger@example.com").await;
    let (client_id, _) = confidential_app(&owner).await;
    let secret_id = secrets(&owner, &client_id).await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/v1/apps/{client_id}/secrets/{secret_id}");

    assert_eq!(stranger.delete(&path).await.status(), 404);
    let revoked = owner.delete(&path).await;
    let revoked = json_with_status(revoked, 200).await;
    assert_eq!(revoked["status"], "revoked");

    let again = owner.delete(&path).await;
    let error = json_with_status(again, 409).await;
    assert!(text_at(&error, "/message").contains("already revoked"));
}

#[tokio::test]
async fn a_secret_expires_on_the_servers_clock_and_frees_its_place() {
    let (app, user, client_id, _) = a_developer_with_a_confidential_app().await;
    for _ in 0..4 {
        generate_secret(&user, &client_id, json!({"expires_in_days": 30})).await;
    }
    app.clock.advance(30 * 24 * 60 * 60);
    // Console sessions last a week, so the developer signs in again.
    let user = app
        .sign_in("dev@example.com", clientele_tests::console_api::PASSWORD)
        .await;
    let listed = secrets(&user, &client_id).await;
    let statuses = texts_of(&listed, "status");
    assert_eq!(
        statuses,
        ["never_used", "expired", "expired", "expired", "expired"]
    );
    assert_eq!(
        generate_secret(&user, &client_id, json!({})).await.status(),
        201
    );
}

#[tokio::test]
async fn reset_revokes_every_secret_and_shows_one_new_secret() {
    let (_app, user, client_id, first_secret) = a_developer_with_a_confidential_app().await;
    generate_secret(&user, &client_id, json!({})).await;

    let response = user
        .post(&format!("/api/v1/apps/{client_id}/reset"), &json!({}))
        .await;
    let reset = json_with_status(response, 200).await;
    assert_eq!(reset["revoked_secrets"], 2);
    let new_secret = reset["new_secret"]["client_secret"].as_str().unwrap();
    assert_ne!(new_secret, first_secret);

    let statuses: Vec<String> = secrets(&user, &client_id)
        .await
        .iter()
        .map(|s| s["status"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(statuses, ["revoked", "revoked", "never_used"]);
}

/// The app's audit log as the console API lists it, newest first.
async fn audit(user: &ConsoleUser, client_id: &str) -> Vec<Value> {
    user.get_json(&format!("/api/v1/apps/{client_id}/audit"))
        .await
}

async fn audit_kinds(user: &ConsoleUser, client_id: &str) -> Vec<String> {
    audit(user, client_id)
        .await
        .iter()
        .map(|entry| entry["event"]["kind"].as_str().unwrap().to_owned())
        .collect()
}

async fn all_audit_text(app: &TestApp) -> String {
    let rows: Vec<(String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT event, actor_email, ip FROM audit_events")
            .fetch_all(app.state.store.pool())
            .await
            .unwrap();
    format!("{rows:?}")
}

#[tokio::test]
async fn the_audit_log_records_who_did_what_and_never_a_secret() {
    let (app, user, client_id, first_secret) = a_developer_with_a_confidential_app().await;
    let mut issued = vec![first_secret];

    let edited = app_draft_with_scopes("Renamed App", "files:read");
    assert_eq!(
        user.put(&format!("/api/v1/apps/{client_id}"), &edited)
            .await
            .status(),
        200
    );
    let created: Value = user
        .post_json(&format!("/api/v1/apps/{client_id}/secrets"), &json!({}))
        .await;
    issued.push(created["client_secret"].as_str().unwrap().to_owned());
    let first_id = secrets(&user, &client_id).await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    user.delete(&format!("/api/v1/apps/{client_id}/secrets/{first_id}"))
        .await;
    let reset: Value = user
        .post_json(&format!("/api/v1/apps/{client_id}/reset"), &json!({}))
        .await;
    issued.push(
        reset["new_secret"]["client_secret"]
            .as_str()
            .unwrap()
            .to_owned(),
    );

    assert_eq!(
        audit_kinds(&user, &client_id).await,
        [
            "o_auth_values_reset",
            "secret_revoked",
            "secret_generated",
            "settings_changed",
            "secret_generated",
            "app_created"
        ]
    );
    let entries = audit(&user, &client_id).await;
    let settings = entries
        .iter()
        .find(|e| e["event"]["kind"] == "settings_changed")
        .unwrap();
    let changes = settings["event"]["changes"].as_array().unwrap();
    assert!(
        changes
            .contains(&json!({"field": "name", "before": "Rotating App", "after": "Renamed App"})),
        "{changes:?}"
    );
    assert!(changes
        .iter()
        .any(|c| c["field"] == "scopes" && c["after"] == "files:read"));
    assert_eq!(entries[0]["actor_email"], "dev@example.com");
    assert_eq!(entries[0]["ip"], "127.0.0.1");

    assert_eq!(
        user.delete(&format!("/api/v1/apps/{client_id}"))
            .await
            .status(),
        204
    );
    let text = all_audit_text(&app).await;
    assert!(text.contains("app_deleted"), "the deletion stays on record");
    let hashes: Vec<String> = app.scalars("SELECT secret_hash FROM client_secrets").await;
    for secret in issued.iter().chain(hashes.iter()) {
        assert!(
            !text.contains(secret.as_str()),
            "a secret or hash reached the audit log"
        );
    }
    for secret in &issued {
        let hash = clientele::crypto::token_hash(secret);
        assert!(!text.contains(&hash));
    }
}
