//! `clientele user create` run as a real process, as operators use it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn clientele(database_url: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_clientele"))
        .args(args)
        .env("CLIENTELE_DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting clientele");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().expect("waiting for clientele")
}

fn temp_database() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/cli.db", dir.path().display());
    (dir, url)
}

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
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let user: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    assert_eq!(user["email"], "ops@example.com");
    assert_eq!(user["is_admin"], true);
    assert_eq!(user["display_name"], "ops");
    assert!(user["id"].as_str().unwrap().starts_with("usr_"));
}

#[test]
fn user_create_refuses_a_duplicate_email_with_a_non_zero_exit() {
    let (_dir, url) = temp_database();
    let args = [
        "user",
        "create",
        "--email",
        "ops@example.com",
        "--password-stdin",
    ];
    assert!(clientele(&url, &args, "a long passphrase").status.success());
    let again = clientele(&url, &args, "another long passphrase");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn user_create_refuses_bad_input_with_the_rule_broken() {
    let (_dir, url) = temp_database();
    let cases = [
        (
            [
                "user",
                "create",
                "--email",
                "not an email",
                "--password-stdin",
            ],
            "a long passphrase",
            "email:",
        ),
        (
            [
                "user",
                "create",
                "--email",
                "ops@example.com",
                "--password-stdin",
            ],
            "short",
            "password:",
        ),
    ];
    for (args, password, expected) in cases {
        let output = clientele(&url, &args, password);
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
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
