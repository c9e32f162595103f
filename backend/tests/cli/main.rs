//! The `clientele` command as operators run it. One test binary for every command: each
//! integration-test file would otherwise link the whole server again.

mod cli_api;
mod cli_app;
mod cli_audit;
mod cli_db;
mod cli_keys;
mod cli_registration;
mod cli_team;
mod cli_user;

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// `clientele ARGS` on the database at `database_url`, with `stdin` as its input.
fn clientele_with_stdin(database_url: &str, args: &[&str], stdin: &str) -> Output {
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

/// `clientele ARGS` on the database at `database_url`, with nothing on its input.
fn clientele(database_url: &str, args: &[&str]) -> Output {
    clientele_with_stdin(database_url, args, "")
}

/// What `clientele ARGS` prints, which must succeed (the panic shows what it said on stderr).
fn clientele_ok(database_url: &str, args: &[&str]) -> String {
    let output = clientele(database_url, args);
    assert_succeeded(&output);
    String::from_utf8(output.stdout).unwrap()
}

/// What the command said on stderr.
fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// What a command that must fail said on stderr; the panic, when it succeeded, shows `what`
/// (the case or the step).
fn failure_stderr(output: &Output, what: &str) -> String {
    assert!(!output.status.success(), "{what}");
    stderr(output)
}

/// Checks the command succeeded; the panic shows what it said on stderr.
fn assert_succeeded(output: &Output) {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `clientele user create --email EMAIL --password-stdin`, with `password` on its input.
fn user_create(database_url: &str, email: &str, password: &str) -> Output {
    clientele_with_stdin(
        database_url,
        &["user", "create", "--email", email, "--password-stdin"],
        password,
    )
}

/// A new SQLite database (`cli.db`) in a temporary folder, and its URL.
fn temp_database() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/cli.db", dir.path().display());
    (dir, url)
}
