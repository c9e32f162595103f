//! `clientele registration list|delete|take-over` and `clientele api visibility builtin …` as
//! operators run them: the same operations and messages as the administrators' console.

use serde_json::Value;

use super::{clientele, clientele_ok, failure_stderr};
use crate::cli_app::{with_owner, with_owner_and_dev};

/// Two apps made by `app create`, then turned (in the database, as dynamic registration leaves
/// them) into clients that registered themselves.
fn with_self_registered(url: &str) -> Vec<String> {
    let ids: Vec<String> = ["First Client", "Second Client"]
        .iter()
        .map(|name| {
            let created = clientele_ok(
                url,
                &[
                    "app",
                    "create",
                    "--owner",
                    "owner@example.com",
                    "--name",
                    name,
                    "--website",
                    "https://example.com",
                    "--redirect-uri",
                    "https://example.com/cb",
                    "--scope",
                    "files:read",
                    "--json",
                ],
            );
            let created: Value = serde_json::from_str(&created).unwrap();
            created["app"]["client_id"].as_str().unwrap().to_owned()
        })
        .collect();
    let path = url.trim_start_matches("sqlite://");
    let db = rusqlite::Connection::open(path).unwrap();
    db.execute(
        "INSERT INTO users (id, email, display_name, password_hash, is_admin, created_at) \
         VALUES ('usr_self_registered', 'self-registered@clientele.invalid', 'Self-registered clients', '!', 0, 0)",
        [],
    )
    .unwrap();
    db.execute(
        "UPDATE apps SET owner_id = 'usr_self_registered', registration = 'dynamic', \
         registration_token_hash = 'hash', registered_with = 'open'",
        [],
    )
    .unwrap();
    ids
}

fn sql_text(url: &str, sql: &str, client_id: &str) -> Option<String> {
    let db = rusqlite::Connection::open(url.trim_start_matches("sqlite://")).unwrap();
    db.query_row(sql, [client_id], |row| row.get(0)).unwrap()
}

#[test]
fn registration_commands_list_take_over_and_delete_self_registered_clients() {
    let (_dir, url) = with_owner_and_dev();
    let ids = with_self_registered(&url);

    let listed: Value =
        serde_json::from_str(&clientele_ok(&url, &["registration", "list", "--json"])).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert_eq!(listed[0]["registered_with"], "open");
    assert_eq!(listed[0]["management_token_active"], true);
    let text = clientele_ok(&url, &["registration", "list"]);
    assert!(
        text.contains("First Client") && text.contains("open registration"),
        "{text}"
    );

    // Bad takes change nothing.
    for (args, said) in [
        (vec!["--to", "nobody@example.com"], "No console account"),
        (vec!["--to", "not an email"], "--to:"),
    ] {
        let mut command = vec!["registration", "take-over", ids[0].as_str()];
        command.extend(args);
        let output = clientele(&url, &command);
        let stderr = failure_stderr(&output, said);
        assert!(stderr.contains(said), "{stderr}");
    }

    let said = clientele_ok(
        &url,
        &[
            "registration",
            "take-over",
            &ids[0],
            "--to",
            "dev@example.com",
        ],
    );
    assert!(
        said.contains("registration access token no longer works"),
        "{said}"
    );
    let owner = sql_text(
        &url,
        "SELECT u.email FROM apps a JOIN users u ON u.id = a.owner_id WHERE a.client_id = ?1",
        &ids[0],
    );
    assert_eq!(owner.as_deref(), Some("dev@example.com"));
    let hash = sql_text(
        &url,
        "SELECT registration_token_hash FROM apps WHERE client_id = ?1",
        &ids[0],
    );
    assert_eq!(hash, None, "RFC 7592 management ended");
    let audit = sql_text(
        &url,
        "SELECT event FROM audit_events WHERE client_id = ?1 AND event LIKE '%taken_over%'",
        &ids[0],
    );
    assert!(audit.unwrap().contains("dev@example.com"));
    let mine = clientele_ok(
        &url,
        &["app", "list", "--owner", "dev@example.com", "--json"],
    );
    assert!(mine.contains(&ids[0]), "{mine}");
    let again = clientele(
        &url,
        &[
            "registration",
            "take-over",
            &ids[0],
            "--to",
            "owner@example.com",
        ],
    );
    let said = failure_stderr(&again, "a second take-over");
    assert!(said.contains("no longer self-registered"));
    // A taken-over client is a developer's app: not deleted as a self-registered one.
    let refused = clientele(&url, &["registration", "delete", &ids[0]]);
    assert!(!refused.status.success());

    let said = clientele_ok(&url, &["registration", "delete", &ids[1]]);
    assert!(said.contains("Deleted"), "{said}");
    let gone = clientele(&url, &["registration", "delete", &ids[1]]);
    assert!(String::from_utf8_lossy(&gone.stderr).contains("no self-registered client"));
    assert_eq!(
        clientele_ok(&url, &["registration", "list"]).trim(),
        "No self-registered clients."
    );
}

#[test]
fn api_visibility_sets_the_built_in_api_s_visibility_and_nothing_else() {
    let (_dir, url) = with_owner();
    let said = clientele_ok(&url, &["api", "visibility", "builtin", "developers"]);
    assert!(said.contains("now developers"), "{said}");
    let apis: Value =
        serde_json::from_str(&clientele_ok(&url, &["api", "list", "--json"])).unwrap();
    assert_eq!(apis[0]["id"], "builtin");
    assert_eq!(apis[0]["visibility"], "developers");

    let other = clientele(&url, &["api", "visibility", "calendar", "anyone"]);
    let said = failure_stderr(&other, "another API's visibility");
    assert!(said.contains("only the built-in API"));
    let bad = clientele(&url, &["api", "visibility", "builtin", "everyone"]);
    let said = failure_stderr(&bad, "an unknown visibility");
    assert!(said.contains("private, developers or anyone"));
}
