//! Several nodes on one PostgreSQL database behave as one server; `db copy` moves a SQLite
//! instance to PostgreSQL; a node killed mid-traffic loses nothing it acknowledged.
//! They need PostgreSQL: the test command skips them in its SQLite pass (`--skip multi_node::`)
//! and runs them inside scripts/with-postgres.sh; run anywhere else, they fail saying so.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use clientele_tests::console_api::{draft_with_client_credentials, PASSWORD};
use clientele_tests::{
    backend_under_test, eventually, fresh_database_url, spawn_app, spawn_app_on, TestApp,
};
use serde_json::Value;

/// Several nodes share one database only on PostgreSQL; on SQLite these tests would prove
/// nothing, so running them there is a mistake worth a loud failure.
fn require_postgres() {
    assert_eq!(
        backend_under_test(),
        "postgres",
        "run inside scripts/with-postgres.sh with CLIENTELE_TEST_BACKEND=postgres"
    );
}

/// A second node on the same database as `node`.
async fn second_node(node: &TestApp) -> TestApp {
    spawn_app_on(node.database_url.clone(), tempfile::tempdir().unwrap()).await
}

#[tokio::test]
async fn a_session_a_code_and_revocations_cross_nodes_at_once() {
    require_postgres();
    let a = spawn_app().await;
    let b = second_node(&a).await;

    // Sign in on A; the session cookie works on B.
    let developer = a.sign_up("dev@example.com").await;
    let on_b = developer
        .client
        .get(b.url("/api/v1/session"))
        .send()
        .await
        .unwrap();
    assert_eq!(on_b.status(), 200);

    // Authorize on A, redeem the code on B.
    let client = developer
        .client_app(&draft_with_client_credentials("Two Nodes"))
        .await;
    let user = a.sign_up("user@example.com").await;
    let code = a
        .authorization_code(&user, &client, "files:read", None)
        .await;
    let tokens = b.exchange(&client, &code).await;
    let access = tokens["access_token"].as_str().unwrap();

    // Revoke on B, inactive on A at once.
    let revoked = b.revoke(&client, access).await;
    assert_eq!(revoked.status(), 200);
    assert!(!a.is_active(&client, access).await);

    // Revoke the secret through A: B refuses it within a second.
    developer.revoke_first_secret(&client.client_id).await;
    let (on_b, client) = (&b, &client);
    let refused = move || async move {
        let status = on_b
            .token_request(client, &[("grant_type", "client_credentials")])
            .await
            .status();
        match status {
            reqwest::StatusCode::UNAUTHORIZED => Ok(()),
            _ => Err("node B still accepts a secret revoked on node A".to_owned()),
        }
    };
    eventually(Duration::from_secs(1), Duration::from_millis(50), refused).await;
}

#[tokio::test]
async fn two_nodes_started_together_make_one_set_of_keys_and_migrate_once() {
    require_postgres();
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(&dir).await;
    let (a, b) = tokio::join!(
        spawn_app_on(url.clone(), tempfile::tempdir().unwrap()),
        spawn_app_on(url.clone(), tempfile::tempdir().unwrap())
    );
    let keys = a.count("SELECT COUNT(*) FROM signing_keys").await;
    assert_eq!(keys, 3);
    let migrations = a.count("SELECT COUNT(*) FROM _sqlx_migrations").await;
    let distinct = a
        .count("SELECT COUNT(DISTINCT version) FROM _sqlx_migrations")
        .await;
    assert_eq!(migrations, distinct);
    let files = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../backend/migrations/postgres"
    ))
    .unwrap()
    .count() as i64;
    assert_eq!(migrations, files);
    let jwks_a: Value = a.get_json("/oauth/jwks.json").await;
    let jwks_b: Value = b.get_json("/oauth/jwks.json").await;
    assert_eq!(jwks_a, jwks_b, "both nodes publish the same keys");
}

#[tokio::test]
async fn db_copy_moves_a_sqlite_instance_to_postgres_and_everything_keeps_working() {
    require_postgres();
    let sqlite_dir = tempfile::tempdir().unwrap();
    let sqlite_url = format!("sqlite://{}/old.db", sqlite_dir.path().display());
    let old = spawn_app_on(sqlite_url.clone(), tempfile::tempdir().unwrap()).await;
    let (_, client, user) = old
        .developer_app_and_user(&draft_with_client_credentials("Moving App"))
        .await;
    let tokens = old.user_tokens(&user, &client, "files:read").await;
    drop(old);
    tokio::time::sleep(Duration::from_millis(200)).await;

    let pg_dir = tempfile::tempdir().unwrap();
    let pg_url = fresh_database_url(&pg_dir).await;
    let source = clientele::store::open(&sqlite_url, Default::default())
        .await
        .unwrap();
    let target = clientele::store::connect(&pg_url).await.unwrap();
    let report = clientele::store::copy::copy_all(&source, &target)
        .await
        .unwrap();
    assert!(
        report
            .iter()
            .any(|(table, rows)| *table == "tokens" && *rows == 2),
        "{report:?}"
    );
    assert!(matches!(
        clientele::store::copy::copy_all(&source, &target).await,
        Err(clientele::store::copy::CopyError::TargetNotEmpty(_))
    ));

    let new = spawn_app_on(pg_url, pg_dir).await;
    assert!(
        new.is_active(&client, tokens["access_token"].as_str().unwrap())
            .await
    );
    let refreshed = new
        .refreshed(&client, tokens["refresh_token"].as_str().unwrap())
        .await;
    assert!(
        refreshed["access_token"].is_string(),
        "the secret and refresh token work after the move"
    );
    let user = new.sign_in("user@example.com", PASSWORD).await;
    let again = new.authorize_scope(&user, &client, "files:read").await;
    assert_eq!(again.status(), 303, "the consent was carried over");
}

struct Node(Child);

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn clientele_binary() -> std::path::PathBuf {
    // target/<profile>/deps/e2e-… → target/<profile>/clientele (built by the test command).
    let exe = std::env::current_exe().unwrap();
    exe.parent()
        .and_then(|deps| deps.parent())
        .unwrap()
        .join("clientele")
}

#[tokio::test]
async fn a_node_killed_mid_traffic_loses_no_token_it_acknowledged() {
    require_postgres();
    let b = spawn_app().await;
    let (_, client) = b
        .developer_with_app(&draft_with_client_credentials("Survivor"))
        .await;
    let port = clientele_tests::serving::free_port();
    let address = format!("http://127.0.0.1:{port}");
    let node = Node(
        Command::new(clientele_binary())
            .args([
                "serve",
                "--bind",
                &format!("127.0.0.1:{port}"),
                "--public-url",
                &b.address,
            ])
            .env("CLIENTELE_DATABASE_URL", &b.database_url)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting node A"),
    );
    let http = reqwest::Client::new();
    let (ready_http, readyz) = (&http, &format!("{address}/readyz"));
    let ready = move || async move {
        match ready_http.get(readyz).send().await {
            Ok(answer) if answer.status() == 200 => Ok(()),
            _ => Err("node A did not start".to_owned()),
        }
    };
    eventually(Duration::from_secs(20), Duration::from_millis(50), ready).await;

    let secret = client.client_secret.clone().unwrap();
    let traffic = {
        let (http, address, client_id) = (http.clone(), address.clone(), client.client_id.clone());
        tokio::spawn(async move {
            let mut acknowledged = Vec::new();
            for _ in 0..2000 {
                let response = http
                    .post(format!("{address}/oauth/token"))
                    .basic_auth(&client_id, Some(&secret))
                    .form(&[("grant_type", "client_credentials")])
                    .send()
                    .await;
                let Ok(response) = response else { break };
                let Ok(body) = response.json::<Value>().await else {
                    break;
                };
                if let Some(token) = body["access_token"].as_str() {
                    acknowledged.push(token.to_owned());
                }
            }
            acknowledged
        })
    };
    tokio::time::sleep(Duration::from_millis(400)).await;
    let mut node = node;
    // SIGKILL: no graceful shutdown, no flushing.
    node.0.kill().unwrap();
    let _ = node.0.wait();
    let acknowledged = traffic.await.unwrap();
    assert!(
        acknowledged.len() > 5,
        "the node served traffic before it was killed"
    );
    for token in &acknowledged {
        assert!(
            b.is_active(&client, token).await,
            "a token acknowledged by the killed node is lost"
        );
    }
}
