//! `clientele audit export` as operators run it: the same JSON lines as the API, to standard
//! output or a file, with the API's filters under their flags' names.

use super::cli_app::{with_owner, CREATE};
use super::{clientele, clientele_ok, failure_stderr};

fn lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|err| panic!("{err}: {line}")))
        .collect()
}

#[test]
fn audit_export_writes_both_logs_as_json_lines_and_filters_by_app_and_time() {
    let (dir, url) = with_owner();
    let mut create = CREATE.to_vec();
    create.push("--json");
    let created = clientele_ok(&url, &create);
    let created: serde_json::Value = serde_json::from_str(&created).unwrap();
    let client_id = created["app"]["client_id"].as_str().unwrap();
    clientele_ok(
        &url,
        &[
            "team",
            "create",
            "--owner",
            "owner@example.com",
            "--name",
            "Acme Labs",
        ],
    );

    let all = lines(&clientele_ok(&url, &["audit", "export"]));
    let logs: Vec<&str> = all
        .iter()
        .map(|line| line["log"].as_str().unwrap())
        .collect();
    assert_eq!(logs, ["app", "app", "team"], "{all:?}");
    assert!(all
        .iter()
        .all(|line| line["actor"]["email"] == "command line"));
    assert_eq!(all[0]["app"], client_id);
    assert_eq!(all[0]["event"]["kind"], "app_created");
    assert_eq!(all[2]["team"], "acme-labs");

    let file = dir.path().join("audit.jsonl");
    let written = clientele(
        &url,
        &[
            "audit",
            "export",
            "--app",
            client_id,
            "--output",
            file.to_str().unwrap(),
        ],
    );
    assert!(written.status.success());
    assert!(String::from_utf8_lossy(&written.stderr).contains("Exported 2 audit entries"));
    let from_file = lines(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(from_file, all[..2]);

    let future = clientele_ok(
        &url,
        &["audit", "export", "--since", "2999-01-01T00:00:00Z"],
    );
    assert_eq!(future, "");
    let past = clientele_ok(
        &url,
        &["audit", "export", "--until", "2000-01-01T00:00:00Z"],
    );
    assert_eq!(past, "");
}

#[test]
fn audit_export_with_bad_filters_fails_naming_the_flag_and_writes_nothing() {
    let (dir, url) = with_owner();
    let file = dir.path().join("never.jsonl");
    let cases: [(&[&str], &str); 4] = [
        (&["--since", "yesterday"], "--since: Use an RFC 3339 time"),
        (
            &["--until", "2026-12-01 00:00"],
            "--until: Use an RFC 3339 time",
        ),
        (
            &[
                "--since",
                "2026-12-02T00:00:00Z",
                "--until",
                "2026-12-01T00:00:00Z",
            ],
            "--since: Must not be after",
        ),
        (
            &["--app", "no-such-app"],
            "--app: No app has this client id",
        ),
    ];
    for (flags, message) in cases {
        let mut args = vec!["audit", "export", "--output", file.to_str().unwrap()];
        args.extend_from_slice(flags);
        let output = clientele(&url, &args);
        let stderr = failure_stderr(&output, &format!("{flags:?}"));
        assert!(stderr.contains(message), "{flags:?}: {stderr}");
        assert!(!file.exists(), "{flags:?} wrote a file");
    }
}
