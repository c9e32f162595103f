//! Expired codes, tokens and sessions are removed (issue 15: a 10-second load test left 145,721
//! token rows that nothing removed), on SQLite and PostgreSQL alike; live rows and rows still
//! needed stay.

use std::time::Duration;

use clientele::store::prune::PruneReport;
use clientele_tests::console_api::app_draft;
use clientele_tests::teams::link_of;
use clientele_tests::{eventually, spawn_app, spawn_app_with, TestApp};

struct Fixture {
    client_id: String,
    user_id: String,
    now: i64,
}

async fn fixture(app: &TestApp) -> Fixture {
    let developer = app.sign_up("dev@example.com").await;
    let created = developer.register_app(&app_draft("Busy Client")).await;
    let user_id: String = app
        .scalar("SELECT id FROM users WHERE email = 'dev@example.com'")
        .await;
    let now = clientele::clock::Clock::now(app.clock.as_ref());
    Fixture {
        client_id: created["app"]["client_id"].as_str().unwrap().to_owned(),
        user_id,
        now,
    }
}

async fn insert_token(
    app: &TestApp,
    f: &Fixture,
    hash: &str,
    kind: &str,
    grant_id: &str,
    expires_at: i64,
    used_at: Option<i64>,
) {
    sqlx::query(
        "INSERT INTO tokens (token_hash, kind, client_id, user_id, secret_id, grant_id, grant_type, scopes, auth_time, \
         created_at, expires_at, used_at) VALUES ($1, $2, $3, $4, NULL, $5, 'authorization_code', 'files:read', $6, $7, $8, $9)",
    )
    .bind(hash)
    .bind(kind)
    .bind(&f.client_id)
    .bind(&f.user_id)
    .bind(grant_id)
    .bind(f.now - 7200)
    .bind(f.now - 7200)
    .bind(expires_at)
    .bind(used_at)
    .execute(app.state.store.pool())
    .await
    .unwrap();
}

async fn insert_code(
    app: &TestApp,
    f: &Fixture,
    hash: &str,
    expires_at: i64,
    redeemed_at: Option<i64>,
) {
    sqlx::query(
        "INSERT INTO authorization_codes (code_hash, client_id, user_id, redirect_uri, scopes, code_challenge, nonce, \
         auth_time, created_at, expires_at, redeemed_at) VALUES ($1, $2, $3, 'https://example.com/callback', 'files:read', \
         NULL, NULL, $4, $4, $5, $6)",
    )
    .bind(hash)
    .bind(&f.client_id)
    .bind(&f.user_id)
    .bind(f.now - 7200)
    .bind(expires_at)
    .bind(redeemed_at)
    .execute(app.state.store.pool())
    .await
    .unwrap();
}

async fn insert_session(app: &TestApp, f: &Fixture, hash: &str, expires_at: i64) {
    sqlx::query("INSERT INTO sessions (token_hash, id, user_id, csrf_token, user_agent, address, created_at, last_seen_at, expires_at) VALUES ($1, $1, $2, 'csrf', '', '127.0.0.1', $3, $3, $4)")
        .bind(hash)
        .bind(&f.user_id)
        .bind(f.now - 7200)
        .bind(expires_at)
        .execute(app.state.store.pool())
        .await
        .unwrap();
}

async fn hashes(app: &TestApp, sql: &str) -> Vec<String> {
    let mut rows: Vec<String> = sqlx::query_scalar(sql)
        .fetch_all(app.state.store.pool())
        .await
        .unwrap();
    rows.sort();
    rows
}

#[tokio::test]
async fn a_prune_removes_expired_rows_and_keeps_live_ones_and_those_still_needed() {
    let app = spawn_app().await;
    let f = fixture(&app).await;
    let (past, future) = (f.now - 60, f.now + 3600);
    insert_token(&app, &f, "access-expired", "access", "grant-a", past, None).await;
    insert_token(&app, &f, "access-live", "access", "grant-a", future, None).await;
    insert_token(
        &app,
        &f,
        "refresh-expired",
        "refresh",
        "grant-b",
        past,
        None,
    )
    .await;
    // Spent but not expired: replaying it must still revoke its family (RFC 9700 4.14.2).
    insert_token(
        &app,
        &f,
        "refresh-spent-live",
        "refresh",
        "grant-a",
        future,
        Some(past),
    )
    .await;
    insert_code(&app, &f, "code-expired", past, None).await;
    insert_code(&app, &f, "code-live", future, None).await;
    // Redeemed and expired, but its tokens live: replaying it must revoke them (RFC 6749 4.1.2).
    insert_code(&app, &f, "code-redeemed-with-tokens", past, Some(past)).await;
    insert_token(
        &app,
        &f,
        "access-of-code",
        "refresh",
        "code-redeemed-with-tokens",
        future,
        None,
    )
    .await;
    insert_code(&app, &f, "code-redeemed-tokens-gone", past, Some(past)).await;
    insert_token(
        &app,
        &f,
        "expired-of-code",
        "access",
        "code-redeemed-tokens-gone",
        past,
        None,
    )
    .await;
    insert_session(&app, &f, "session-expired", past).await;
    insert_session(&app, &f, "session-live", future).await;

    let report = app.state.store.prune_expired(f.now).await.unwrap();
    assert_eq!(
        report,
        PruneReport {
            tokens: 3,
            codes: 2,
            sessions: 1,
            invitations: 0,
        }
    );
    assert_eq!(
        hashes(&app, "SELECT token_hash FROM tokens").await,
        ["access-live", "access-of-code", "refresh-spent-live"]
    );
    assert_eq!(
        hashes(&app, "SELECT code_hash FROM authorization_codes").await,
        ["code-live", "code-redeemed-with-tokens"]
    );
    let sessions = hashes(&app, "SELECT token_hash FROM sessions").await;
    assert!(
        sessions.contains(&"session-live".to_owned())
            && !sessions.contains(&"session-expired".to_owned()),
        "{sessions:?}"
    );

    // Once the last token of the code expires, the code goes too.
    let later = app.state.store.prune_expired(future).await.unwrap();
    assert_eq!(later.codes, 2);
    assert_eq!(
        hashes(&app, "SELECT code_hash FROM authorization_codes").await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn a_prune_works_through_many_rows_in_bounded_batches() {
    let app = spawn_app().await;
    let f = fixture(&app).await;
    let rows = 2 * clientele::store::prune::BATCH as usize + 500;
    let mut tx = app.state.store.pool().begin().await.unwrap();
    for n in 0..rows {
        sqlx::query(
            "INSERT INTO tokens (token_hash, kind, client_id, user_id, grant_id, grant_type, scopes, created_at, expires_at) \
             VALUES ($1, 'access', $2, $3, 'grant', 'authorization_code', 'files:read', $4, $5)",
        )
        .bind(format!("expired-{n}"))
        .bind(&f.client_id)
        .bind(&f.user_id)
        .bind(f.now - 7200)
        .bind(f.now - 1)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    insert_token(&app, &f, "live", "access", "grant", f.now + 60, None).await;

    let report = app.state.store.prune_expired(f.now).await.unwrap();
    assert_eq!(report.tokens, rows as u64);
    assert_eq!(
        hashes(&app, "SELECT token_hash FROM tokens").await,
        ["live"]
    );
}

#[tokio::test]
async fn the_server_prunes_in_the_background_at_the_configured_interval() {
    let app = spawn_app_with(|config| config.housekeeping.prune_interval = 1).await;
    let f = fixture(&app).await;
    insert_token(&app, &f, "expired", "access", "grant", f.now - 1, None).await;
    insert_token(
        &app,
        &f,
        "live",
        "refresh",
        "grant",
        f.now + 30 * 24 * 3600,
        None,
    )
    .await;
    insert_session(&app, &f, "session-expired", f.now - 1).await;
    let app = &app;
    let pruned = move || async move {
        let tokens = hashes(app, "SELECT token_hash FROM tokens").await;
        let sessions = hashes(app, "SELECT token_hash FROM sessions").await;
        if tokens == ["live"] && !sessions.contains(&"session-expired".to_owned()) {
            Ok(())
        } else {
            Err(format!("not pruned: {tokens:?} {sessions:?}"))
        }
    };
    eventually(Duration::from_secs(10), Duration::from_millis(200), pruned).await;
}

#[tokio::test]
async fn spent_team_invitations_are_pruned_and_pending_ones_stay() {
    let app = spawn_app().await;
    let owner = app.sign_up("owner@example.com").await;
    let slug = owner.team_slug("Pruned").await;
    let path = format!("/api/v1/teams/{slug}/invitations");
    let accepted = owner.invite(&slug, "accepted@example.com", "viewer").await;
    let revoked = owner.invite(&slug, "revoked@example.com", "viewer").await;
    owner.invite(&slug, "expiring@example.com", "viewer").await;
    let id = revoked["id"].as_str().unwrap();
    assert_eq!(owner.delete(&format!("{path}/{id}")).await.status(), 204);
    let person = app.sign_up("accepted@example.com").await;
    assert_eq!(person.accept(link_of(&accepted)).await.status(), 200);
    // A day before the last one expires, one more is made.
    app.clock.advance(6 * 86_400);
    owner.invite(&slug, "pending@example.com", "viewer").await;
    app.clock.advance(86_400);

    let now = clientele::clock::Clock::now(app.clock.as_ref());
    let report = app.state.store.prune_expired(now).await.unwrap();
    assert_eq!(report.invitations, 3);
    let left: Vec<String> = app.scalars("SELECT email FROM team_invitations").await;
    assert_eq!(left, ["pending@example.com"]);
    // The team's log keeps what happened to them.
    let log = app
        .count("SELECT COUNT(*) FROM team_audit WHERE event LIKE '%invitation%'")
        .await;
    assert_eq!(log, 6);
}
