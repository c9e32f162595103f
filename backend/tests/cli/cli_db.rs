//! `clientele db prune`.

use super::clientele_ok;

fn count(db: &rusqlite::Connection, sql: &str) -> i64 {
    db.query_row(sql, [], |row| row.get(0)).unwrap()
}

#[test]
fn db_prune_removes_expired_rows_at_once_and_says_how_many() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prune.db");
    let url = format!("sqlite://{}", path.display());
    clientele_ok(&url, &["migrate"]);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let db = rusqlite::Connection::open(&path).unwrap();
    db.execute_batch("PRAGMA foreign_keys = OFF;").unwrap();
    for (hash, expires_at) in [
        ("gone-1", now - 10),
        ("gone-2", now - 100_000),
        ("kept", now + 3600),
    ] {
        db.execute(
            "INSERT INTO tokens (token_hash, kind, client_id, user_id, grant_id, grant_type, scopes, created_at, expires_at) \
             VALUES (?1, 'access', 'app', 'user', 'grant', 'authorization_code', 'files:read', ?2, ?3)",
            rusqlite::params![hash, now - 200_000, expires_at],
        )
        .unwrap();
    }
    db.execute(
        "INSERT INTO authorization_codes (code_hash, client_id, user_id, redirect_uri, scopes, auth_time, created_at, expires_at) \
         VALUES ('code', 'app', 'user', 'https://example.com/cb', 'files:read', ?1, ?1, ?2)",
        rusqlite::params![now - 200, now - 100],
    )
    .unwrap();
    db.execute(
        "INSERT INTO sessions (token_hash, id, user_id, csrf_token, user_agent, address, created_at, last_seen_at, expires_at) \
         VALUES ('session', 'sid', 'user', 'c', '', '127.0.0.1', ?1, ?1, ?2)",
        rusqlite::params![now - 200, now - 100],
    )
    .unwrap();
    drop(db);

    let output = clientele_ok(&url, &["db", "prune"]);
    assert_eq!(
        output.trim(),
        "Removed 2 expired tokens, 1 authorization codes, 1 sessions and 0 team invitations."
    );
    let db = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM tokens WHERE token_hash = 'kept'"),
        1
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM tokens"), 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM authorization_codes"), 0);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM sessions"), 0);

    let again = clientele_ok(&url, &["db", "prune"]);
    assert_eq!(
        again.trim(),
        "Removed 0 expired tokens, 0 authorization codes, 0 sessions and 0 team invitations."
    );
}
