//! `clientele keys list|rotate`.

use std::process::Command;

fn clientele(database_url: &str, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_clientele"))
        .args(args)
        .env("CLIENTELE_DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn keys_are_created_once_and_rotation_retires_the_previous_ones() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/keys.db", dir.path().display());
    let first = clientele(&url, &["keys", "list"]);
    assert_eq!(first.matches("current").count(), 3, "{first}");
    assert_eq!(
        clientele(&url, &["keys", "list"]),
        first,
        "listing again creates nothing"
    );
    for alg in ["RS256", "ES256", "EdDSA"] {
        assert!(first.contains(alg), "{alg}");
    }

    let rotated = clientele(&url, &["keys", "rotate"]);
    assert!(rotated.starts_with("New current keys:"));
    let after = clientele(&url, &["keys", "list"]);
    assert_eq!(after.lines().count(), 7, "a header and six keys:\n{after}");
    assert_eq!(after.matches("current").count(), 3);
}
