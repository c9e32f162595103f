//! What the console does to live tokens takes effect at once: deleting an app, resetting its
//! OAuth values, revoking a consent or the secret a token was issued under. And secret
//! rotation under load loses no request.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use clientele_tests::console_api::{app_draft, draft_with_client_credentials};
use clientele_tests::oauth::ClientApp;
use clientele_tests::oauth::{spawn_with_app, spawn_with_user_tokens};
use clientele_tests::{json_with_status, spawn_app};
use serde_json::{json, Value};

/// The scopes the users of these tests allow.
const SCOPE: &str = "files:read accounts.self:read";

#[tokio::test]
async fn deleting_an_app_ends_its_tokens_at_once() {
    let (app, developer, client, _, tokens) =
        spawn_with_user_tokens(&app_draft("Doomed"), SCOPE).await;
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(app.resource(access, "/api/v1/me").await.status(), 200);

    assert_eq!(developer.delete_app(&client.client_id).await.status(), 204);
    assert_eq!(app.resource(access, "/api/v1/me").await.status(), 401);
    let left = app.count("SELECT COUNT(*) FROM tokens").await;
    assert_eq!(left, 0, "tokens, codes and consents go with the app");
}

#[tokio::test]
async fn resetting_oauth_values_ends_every_token_consent_and_secret() {
    let (app, developer, client, user, tokens) =
        spawn_with_user_tokens(&app_draft("Leaky"), SCOPE).await;
    let access = tokens["access_token"].as_str().unwrap();

    let reset: Value = developer
        .post_json(
            &format!("/api/v1/apps/{}/reset", client.client_id),
            &json!({}),
        )
        .await;
    assert_eq!(reset["revoked_tokens"], 2);
    assert_eq!(reset["revoked_consents"], 1);
    let renewed = ClientApp {
        client_id: client.client_id.clone(),
        client_secret: reset["new_secret"]["client_secret"]
            .as_str()
            .map(str::to_owned),
    };
    assert!(!app.is_active(&renewed, access).await);
    assert_eq!(app.resource(access, "/api/v1/me").await.status(), 401);
    let old_secret = app
        .refresh_request(&client, tokens["refresh_token"].as_str().unwrap())
        .await;
    assert_eq!(
        old_secret.status(),
        401,
        "the old secret no longer authenticates"
    );

    let again = app.authorize_scope(&user, &client, "files:read").await;
    assert_eq!(
        again.status(),
        200,
        "every user must authorize the app again"
    );
}

#[tokio::test]
async fn revoking_a_connection_ends_that_users_tokens_for_the_app() {
    let (app, _, client, user, tokens) =
        spawn_with_user_tokens(&app_draft("Connected"), SCOPE).await;
    let access = tokens["access_token"].as_str().unwrap();

    let connections: Vec<Value> = user.get_json("/api/v1/connections").await;
    assert_eq!(connections.len(), 1);
    assert_eq!(connections[0]["app_name"], "Connected");
    assert_eq!(connections[0]["scopes"], "accounts.self:read files:read");
    assert!(connections[0]["last_used_at"].is_i64());

    assert_eq!(
        user.delete(&format!("/api/v1/connections/{}", client.client_id))
            .await
            .status(),
        204
    );
    assert!(!app.is_active(&client, access).await);
    assert_eq!(app.resource(access, "/api/v1/me").await.status(), 401);
    let connections: Vec<Value> = user.get_json("/api/v1/connections").await;
    assert!(connections.is_empty());
    assert_eq!(
        user.delete(&format!("/api/v1/connections/{}", client.client_id))
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn a_revoked_secret_fails_at_once_and_takes_its_client_credentials_tokens_along() {
    let (app, developer, client) = spawn_with_app(&draft_with_client_credentials("Rotating")).await;
    let issued = app
        .tokens(&client, &[("grant_type", "client_credentials")])
        .await;
    let access = issued["access_token"].as_str().unwrap();

    assert_eq!(
        developer
            .revoke_first_secret(&client.client_id)
            .await
            .status(),
        200
    );

    let refused = app
        .token_request(&client, &[("grant_type", "client_credentials")])
        .await;
    let error = json_with_status(refused, 401).await;
    assert_eq!(error["error"], "invalid_client");
    let introspected = reqwest::Client::new()
        .post(app.url("/oauth/introspect"))
        .form(&[("token", access)])
        .send()
        .await
        .unwrap();
    assert_eq!(
        introspected.status(),
        401,
        "the app has no working secret left to introspect with"
    );
    let active: Option<i64> = app
        .scalar("SELECT revoked_at FROM tokens WHERE kind = 'access'")
        .await;
    assert!(
        active.is_some(),
        "the client-credentials token was revoked with its secret"
    );
}

#[tokio::test]
async fn an_older_secret_is_marked_safe_to_revoke_once_the_newest_is_in_use() {
    let (app, developer, client) = spawn_with_app(&draft_with_client_credentials("Rotating")).await;
    app.tokens(&client, &[("grant_type", "client_credentials")])
        .await;
    app.clock.advance(120);

    let created: Value = developer
        .post_json(
            &format!("/api/v1/apps/{}/secrets", client.client_id),
            &json!({"label": "next"}),
        )
        .await;
    let statuses = |secrets: &Vec<Value>| {
        secrets
            .iter()
            .map(|s| s["status"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        statuses(&developer.secrets_of(&client.client_id).await),
        ["active", "never_used"]
    );

    app.clock.advance(60);
    let next = ClientApp {
        client_id: client.client_id.clone(),
        client_secret: created["client_secret"].as_str().map(str::to_owned),
    };
    app.tokens(&next, &[("grant_type", "client_credentials")])
        .await;
    let secrets = developer.secrets_of(&client.client_id).await;
    assert_eq!(statuses(&secrets), ["safe_to_revoke", "active"]);
    assert_eq!(secrets[1]["use_count"], 1);
    assert_eq!(secrets[1]["last_used_ip"], "127.0.0.1");
}

#[tokio::test]
async fn rotating_a_secret_under_load_fails_no_request_made_with_an_active_secret() {
    let app = Arc::new(spawn_app().await);
    let (developer, client) = app
        .developer_with_app(&draft_with_client_credentials("Busy"))
        .await;
    let current = Arc::new(std::sync::RwLock::new(client.clone()));
    let stop = Arc::new(AtomicBool::new(false));
    let (sent, failed) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));

    let mut workers = Vec::new();
    for _ in 0..4 {
        let (app, current, stop, sent, failed) = (
            app.clone(),
            current.clone(),
            stop.clone(),
            sent.clone(),
            failed.clone(),
        );
        workers.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let client = current.read().unwrap().clone();
                let response = app
                    .token_request(&client, &[("grant_type", "client_credentials")])
                    .await;
                sent.fetch_add(1, Ordering::Relaxed);
                if response.status() != 200 {
                    failed.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    // Deploy the new secret first, then revoke the old one: the order a team follows.
    let created: Value = developer
        .post_json(
            &format!("/api/v1/apps/{}/secrets", client.client_id),
            &json!({}),
        )
        .await;
    *current.write().unwrap() = ClientApp {
        client_id: client.client_id.clone(),
        client_secret: created["client_secret"].as_str().map(str::to_owned),
    };
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    developer.revoke_first_secret(&client.client_id).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    stop.store(true, Ordering::Relaxed);
    for worker in workers {
        worker.await.unwrap();
    }
    assert!(sent.load(Ordering::Relaxed) > 20, "the load kept running");
    assert_eq!(failed.load(Ordering::Relaxed), 0);
}

/// Revoking a secret while the app is busy getting tokens: the token writer commits between the
/// revocation's statements, which on SQLite once failed the revocation (`database is locked`,
/// a 500) instead of waiting its turn.
#[tokio::test]
async fn a_secret_revoked_while_the_app_mints_tokens_is_revoked_every_time() {
    let (app, developer, client) = spawn_with_app(&draft_with_client_credentials("Busy")).await;
    for round in 0..8 {
        let created = developer
            .post(
                &format!("/api/v1/apps/{}/secrets", client.client_id),
                &json!({}),
            )
            .await;
        let created = json_with_status(created, 201).await;
        let secret_id = created["secret"]["id"].as_str().unwrap().to_owned();
        let minting = futures::future::join_all(
            (0..12).map(|_| app.token_request(&client, &[("grant_type", "client_credentials")])),
        );
        let path = format!("/api/v1/apps/{}/secrets/{secret_id}", client.client_id);
        let (minted, revoked) = tokio::join!(minting, developer.delete(&path));
        assert_eq!(revoked.status(), 200, "round {round}");
        assert!(minted.iter().all(|response| response.status() == 200));
    }
}
