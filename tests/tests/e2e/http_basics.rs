//! Health, the API's error shape, and how the console's files are served.

use clientele_tests::{header_text, json_with_status, spawn_app, TestApp};
use reqwest::header;
use serde_json::Value;

/// A fresh server's JSON answer to `GET path`, which must have `status`; the server stays up
/// while the caller holds it.
async fn json_answer(path: &str, status: u16) -> (TestApp, Value) {
    let app = spawn_app().await;
    let response = app.get(path).await;
    (app, json_with_status(response, status).await)
}

#[tokio::test]
async fn healthz_answers_ok() {
    let (_app, body) = json_answer("/healthz", 200).await;
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn the_server_info_names_the_issuer() {
    let (app, body) = json_answer("/api/v1/server", 200).await;
    assert_eq!(body["name"], "Clientele");
    assert_eq!(body["issuer"], app.address.as_str());
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn an_unknown_api_path_is_a_json_404_not_the_console() {
    let (_app, body) = json_answer("/api/v1/nothing-here", 404).await;
    assert_eq!(body["error"], "not_found");
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(body["fields"].is_object());
}

#[tokio::test]
async fn client_side_routes_get_the_console_page_revalidated_on_every_load() {
    let app = spawn_app().await;
    let response = app.get("/apps/some-client").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()[header::CACHE_CONTROL],
        "private, no-cache"
    );
    let csp = header_text(&response, header::CONTENT_SECURITY_POLICY);
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let body = response.text().await.unwrap();
    assert!(body.contains("<title>Clientele console</title>"), "{body}");
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_and_sent_compressed() {
    let app = spawn_app().await;
    let index = app.get("/").await.text().await.unwrap();
    let wasm_path = index
        .split(['"', '\''])
        .find(|part| part.ends_with("_bg.wasm"))
        .expect("index.html references the wasm module")
        .to_owned();

    for encoding in ["br", "gzip"] {
        let response = app
            .client
            .get(app.url(&wasm_path))
            .header(header::ACCEPT_ENCODING, encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()[header::CONTENT_ENCODING], encoding);
        assert_eq!(
            response.headers()[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
    }
}

#[tokio::test]
async fn a_missing_asset_is_a_404_not_the_console_page() {
    let app = spawn_app().await;
    let response = app.get("/frontend-0000.js").await;
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn the_sqlite_database_file_is_created_with_its_folder() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("nested/deeper/clientele.db");
    let url = format!("sqlite://{}", path.display());
    clientele::store::connect(&url).await.unwrap();
    assert!(path.exists());
}

#[tokio::test]
async fn the_sqlite_database_runs_in_wal_mode_with_foreign_keys() {
    let folder = tempfile::tempdir().unwrap();
    let store = clientele::store::connect(&format!("sqlite://{}/wal.db", folder.path().display()))
        .await
        .unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(foreign_keys, 1);
}
