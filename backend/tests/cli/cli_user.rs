//! `clientele user create` run as a real process, as operators use it.

use std::process::Command;

use super::{
    assert_succeeded, clientele_ok, clientele_with_stdin as clientele, failure_stderr,
    temp_database, user_create,
};

#[test]
fn user_create_prints_the_new_admin_as_json() {
    let (_dir, url) = temp_database();
    let output = clientele(
        &url,
        &[
            "user",
            "create",
            "--email",
            "Ops@Example.com",
            "--password-stdin",
            "--admin",
        ],
        "a long passphrase\n",
    );
    assert_succeeded(&output);
    let user: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    assert_eq!(user["email"], "ops@example.com");
    assert_eq!(user["is_admin"], true);
    assert_eq!(user["display_name"], "ops");
    assert!(user["id"].as_str().unwrap().starts_with("usr_"));
}

#[test]
fn user_create_refuses_a_duplicate_email_with_a_non_zero_exit() {
    let (_dir, url) = temp_database();
    let email = "ops@example.com";
    assert!(user_create(&url, email, "a long passphrase")
        .status
        .success());
    let again = user_create(&url, email, "another long passphrase");
    assert!(failure_stderr(&again, "a second user create").contains("already exists"));
}

#[test]
fn user_create_refuses_bad_input_with_the_rule_broken() {
    let (_dir, url) = temp_database();
    let cases = [
        ("not an email", "a long passphrase", "email:"),
        ("ops@example.com", "short", "password:"),
    ];
    for (email, password, expected) in cases {
        let output = user_create(&url, email, password);
        let stderr = failure_stderr(&output, expected);
        assert!(stderr.contains(expected), "{stderr}");
    }
}

#[test]
fn help_lists_the_configuration_variables() {
    let output = Command::new(env!("CARGO_BIN_EXE_clientele"))
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&output.stdout);
    for variable in [
        "CLIENTELE_BIND",
        "CLIENTELE_PUBLIC_URL",
        "CLIENTELE_DATABASE_URL",
        "CLIENTELE_STATIC_DIR",
    ] {
        assert!(help.contains(variable), "{variable} missing from:\n{help}");
    }
}

#[test]
fn user_set_password_replaces_the_password_and_refuses_unknown_accounts_and_short_passwords() {
    let (_dir, url) = temp_database();
    let created = user_create(&url, "forgetful@example.com", "the first passphrase\n");
    assert_succeeded(&created);
    let set = clientele(
        &url,
        &[
            "user",
            "set-password",
            "--email",
            "Forgetful@example.com",
            "--password-stdin",
        ],
        "a brand new passphrase\n",
    );
    assert_succeeded(&set);
    assert!(String::from_utf8_lossy(&set.stderr).contains("sessions have ended"));

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let hash: String = runtime.block_on(async {
        let store = clientele::store::connect(&url).await.unwrap();
        store
            .user_by_email("forgetful@example.com")
            .await
            .unwrap()
            .unwrap()
            .password_hash
    });
    let parsed = argon2::PasswordHash::new(&hash).unwrap();
    use argon2::PasswordVerifier;
    assert!(argon2::Argon2::default()
        .verify_password(b"a brand new passphrase", &parsed)
        .is_ok());
    assert!(argon2::Argon2::default()
        .verify_password(b"the first passphrase", &parsed)
        .is_err());

    for (email, password, expected) in [
        (
            "nobody@example.com",
            "a long passphrase",
            "no account has the email nobody@example.com",
        ),
        (
            "forgetful@example.com",
            "short",
            "password: Passwords must be at least 12 characters long.",
        ),
    ] {
        let refused = clientele(
            &url,
            &["user", "set-password", "--email", email, "--password-stdin"],
            password,
        );
        let stderr = failure_stderr(&refused, expected);
        assert!(stderr.contains(expected), "{stderr}");
    }
}

#[test]
fn user_set_password_ends_every_session_and_is_recorded_in_the_account_log() {
    let (_dir, url) = temp_database();
    assert_succeeded(&user_create(
        &url,
        "ops@example.com",
        "the first passphrase",
    ));
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let store = runtime.block_on(clientele::store::connect(&url)).unwrap();
    let user = runtime
        .block_on(store.user_by_email("ops@example.com"))
        .unwrap()
        .unwrap();
    for n in 0..2 {
        let hash = format!("session-{n}");
        let session = clientele::store::sessions::NewSession {
            token_hash: &hash,
            id: &hash,
            user_id: &user.id,
            csrf_token: "csrf",
            user_agent: "",
            address: "127.0.0.1",
            created_at: 0,
            expires_at: i64::MAX,
            setup_only: false,
        };
        runtime.block_on(store.insert_session(&session)).unwrap();
    }
    let set = clientele(
        &url,
        &[
            "user",
            "set-password",
            "--email",
            "ops@example.com",
            "--password-stdin",
        ],
        "a brand new passphrase\n",
    );
    assert_succeeded(&set);
    assert!(String::from_utf8_lossy(&set.stderr).contains("sessions have ended (2)"));
    let (sessions, events): (i64, Vec<(Option<String>, String)>) = runtime.block_on(async {
        let sessions = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
            .fetch_one(store.pool())
            .await
            .unwrap();
        let events = sqlx::query_as("SELECT actor_email, event FROM account_audit")
            .fetch_all(store.pool())
            .await
            .unwrap();
        (sessions, events)
    });
    assert_eq!(sessions, 0);
    assert_eq!(
        events,
        [(
            Some("command line".to_owned()),
            r#"{"kind":"password_set_by_operator","sessions_ended":2}"#.to_owned()
        )]
    );
    assert!(!events[0].1.contains("brand new"));
}

#[test]
fn second_factor_policy_is_printed_set_and_lifted_from_the_command_line() {
    let (_dir, url) = temp_database();
    let shown = clientele_ok(&url, &["user", "second-factor-policy"]);
    assert_eq!(shown.trim(), r#"{"required":false}"#);
    let set = clientele_ok(
        &url,
        &["user", "second-factor-policy", "--required", "true"],
    );
    assert_eq!(set.trim(), r#"{"required":true}"#);
    let shown = clientele_ok(&url, &["user", "second-factor-policy"]);
    assert_eq!(shown.trim(), r#"{"required":true}"#, "kept in the database");
    let lifted = clientele_ok(
        &url,
        &["user", "second-factor-policy", "--required", "false"],
    );
    assert_eq!(lifted.trim(), r#"{"required":false}"#);
    let refused = super::clientele(&url, &["user", "second-factor-policy", "--required", "yes"]);
    assert!(!refused.status.success());
}
