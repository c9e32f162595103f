//! `clientele team …` as operators run it: creating a team prints its slug, members are added,
//! re-roled and removed under the console's rules (one owner remains, look-alike slugs are
//! refused), and `--team` registers apps and APIs into a team.

use std::process::Output;

use serde_json::Value;

use crate::cli_app::{with_owner, with_owner_and_dev};
use crate::{assert_succeeded, clientele, failure_stderr, stderr};

/// `clientele` with `line`'s words as arguments (none of them has a space), then `extra`.
fn run(url: &str, line: &str, extra: &[&str]) -> Output {
    let mut args: Vec<&str> = line.split_whitespace().collect();
    args.extend_from_slice(extra);
    clientele(url, &args)
}

/// What a command that must succeed prints.
fn ok(url: &str, line: &str, extra: &[&str]) -> String {
    let output = run(url, line, extra);
    assert_succeeded(&output);
    String::from_utf8(output.stdout).unwrap()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// The text at `pointer` (a JSON pointer) in each entry of the list `list`, in order.
fn texts_at<'a>(list: &'a Value, pointer: &str) -> Vec<&'a str> {
    let entries = list.as_array().expect("a JSON list");
    entries
        .iter()
        .map(|entry| entry.pointer(pointer).and_then(Value::as_str).unwrap())
        .collect()
}

const CREATE: &str = "team create --owner owner@example.com";

/// A database with owner@example.com, dev@example.com and the team `acme`, which the owner
/// owns: where the transfer tests start.
fn with_owner_dev_and_team_acme() -> (tempfile::TempDir, String) {
    let (dir, url) = with_owner_and_dev();
    ok(&url, CREATE, &["--name", "Acme"]);
    (dir, url)
}

/// `{kind} transfer` (`app` or `api`) moves `id` into the team `acme`, refuses to move it there
/// again, then moves it to dev@example.com, out of every team.
fn moves_into_acme_then_to_dev(url: &str, kind: &str, id: &str) {
    let moved = json(&ok(
        url,
        &format!("{kind} transfer --team acme --json"),
        &[id],
    ));
    assert_eq!(moved["team"], "acme");
    let same = run(url, &format!("{kind} transfer --team acme"), &[id]);
    assert!(
        stderr(&same).contains("already belongs"),
        "{}",
        stderr(&same)
    );
    let to_dev = json(&ok(
        url,
        &format!("{kind} transfer --to dev@example.com --json"),
        &[id],
    ));
    assert_eq!(to_dev["team"], Value::Null);
    assert_eq!(to_dev["owner_email"], "dev@example.com");
}

#[test]
fn a_team_is_created_filled_shown_listed_and_keeps_an_owner() {
    let (_dir, url) = with_owner_and_dev();
    let slug = ok(&url, CREATE, &["--name", "Acme Labs"]);
    assert_eq!(slug.trim(), "acme-labs");
    let again = ok(&url, CREATE, &["--name", "ACME labs", "--json"]);
    assert_eq!(json(&again)["slug"], "acme-labs-2");

    let added = ok(
        &url,
        "team add-member --team acme-labs --email dev@example.com --role developer --json",
        &[],
    );
    let members = &json(&added)["members"];
    assert_eq!(members[0]["email"], "owner@example.com");
    assert_eq!(members[0]["role"], "owner");
    assert_eq!(members[1]["email"], "dev@example.com");
    assert_eq!(members[1]["role"], "developer");

    let shown = ok(&url, "team show acme-labs", &[]);
    assert!(shown.contains("developer  dev@example.com"), "{shown}");
    let listed = json(&ok(&url, "team list --member dev@example.com --json", &[]));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["role"], "developer");
    let all = json(&ok(&url, "team list --json", &[]));
    assert_eq!(all.as_array().unwrap().len(), 2);

    // The only owner stays.
    let remove_owner = "team remove-member --team acme-labs --email owner@example.com";
    let last = run(&url, remove_owner, &[]);
    assert!(failure_stderr(&last, "removing the only owner").contains("at least one owner"));
    ok(
        &url,
        "team set-role --team acme-labs --email dev@example.com --role owner",
        &[],
    );
    ok(&url, remove_owner, &[]);
    let after = json(&ok(&url, "team show acme-labs --json", &[]));
    assert_eq!(after["members"].as_array().unwrap().len(), 1);
    assert_eq!(after["members"][0]["email"], "dev@example.com");
}

#[test]
fn look_alike_slugs_unknown_roles_and_accounts_are_refused() {
    let (_dir, url) = with_owner();
    for (line, extra) in [
        (
            CREATE,
            ["--name", "Acme", "--slug", "\u{0430}cme"].as_slice(),
        ),
        (CREATE, ["--name", "Ac\u{200D}me"].as_slice()),
        (
            "team create --owner nobody@example.com --name Acme",
            [].as_slice(),
        ),
        ("team show", ["\u{0430}cme"].as_slice()),
    ] {
        assert!(!run(&url, line, extra).status.success(), "{line} {extra:?}");
    }
    ok(&url, CREATE, &["--name", "Acme"]);
    let add = "team add-member --team acme --email";
    let role = run(&url, add, &["owner@example.com", "--role", "boss"]);
    assert!(stderr(&role).contains("owner, admin, developer or viewer"));
    let nobody = run(&url, add, &["nobody@example.com", "--role", "viewer"]);
    assert!(stderr(&nobody).contains("no account"));
}

#[test]
fn apps_and_apis_are_created_into_a_team_which_then_cannot_be_deleted() {
    let (_dir, url) = with_owner();
    ok(&url, CREATE, &["--name", "Acme"]);
    let app_create = "app create --owner owner@example.com --website https://example.com \
                      --redirect-uri https://example.com/callback --scope openid --team";
    let app = json(&ok(
        &url,
        app_create,
        &["acme", "--name", "Nightly Sync", "--json"],
    ));
    assert_eq!(app["app"]["team"], "acme");
    let api = json(&ok(
        &url,
        "api create --owner owner@example.com --team acme --identifier \
         https://calendar.example.com --resource calendar --json",
        &["--name", "Calendar API"],
    ));
    assert_eq!(api["api"]["team"], "acme");
    let unknown = run(&url, app_create, &["nope", "--name", "Other Sync"]);
    let said = failure_stderr(&unknown, "an app for an unknown team");
    assert!(said.contains("team"), "{said}");
    let refused = run(&url, "team delete acme", &[]);
    assert!(stderr(&refused).contains("still owns"));
}

#[test]
fn app_transfer_moves_an_app_into_a_team_and_to_a_person() {
    let (_dir, url) = with_owner_dev_and_team_acme();
    let created = json(&ok(
        &url,
        "app create --owner owner@example.com --website https://example.com \
         --redirect-uri https://example.com/callback --scope openid --json",
        &["--name", "Nightly Sync"],
    ));
    let client_id = created["app"]["client_id"].as_str().unwrap().to_owned();
    moves_into_acme_then_to_dev(&url, "app", &client_id);
    let neither = run(&url, "app transfer", &[&client_id]);
    assert!(!neither.status.success());
    let both = run(
        &url,
        "app transfer --team acme --to dev@example.com",
        &[&client_id],
    );
    assert!(!both.status.success());
}

#[test]
fn invitations_are_made_listed_and_logged_at_the_command_line() {
    let (_dir, url) = with_owner();
    ok(&url, CREATE, &["--name", "Acme"]);
    let invite = "team invite --team acme --role developer --email";
    let created = json(&ok(&url, invite, &["new@example.com", "--json"]));
    let link = created["link"].as_str().unwrap();
    assert!(
        link.starts_with("http://127.0.0.1:8080/invitations/inv_"),
        "{link}"
    );
    assert_eq!(created["mailed"], false);
    assert_eq!(created["invited_by"], "the server's operator");

    // Text: the link on a line of its own, and that it was not mailed.
    let text = ok(
        &url,
        invite,
        &[
            "other@example.com",
            "--public-url",
            "https://auth.example.com/",
        ],
    );
    let line = text
        .lines()
        .find(|line| line.starts_with("https://auth.example.com/invitations/inv_"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(!line.contains(' '), "{line}");
    assert!(text.contains("not mailed"), "{text}");

    // An SMTP server that cannot be reached: the link all the same.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let smtp = format!("smtp://127.0.0.1:{port}");
    let unmailed = json(&ok(
        &url,
        invite,
        &["third@example.com", "--smtp-url", &smtp, "--json"],
    ));
    assert_eq!(unmailed["mailed"], false);
    assert!(unmailed["link"]
        .as_str()
        .unwrap()
        .contains("/invitations/inv_"));

    let member = run(&url, invite, &["owner@example.com"]);
    assert!(!member.status.success());
    assert!(
        stderr(&member).contains("already a member"),
        "{}",
        stderr(&member)
    );
    let bad_days = run(&url, invite, &["x@example.com", "--invitation-days", "0"]);
    assert!(!bad_days.status.success());

    let pending = json(&ok(&url, "team invitations --team acme --json", &[]));
    let emails = texts_at(&pending, "/email");
    assert_eq!(emails.len(), 3);
    for email in ["new@example.com", "other@example.com", "third@example.com"] {
        assert!(emails.contains(&email), "{emails:?}");
    }
    let text = ok(&url, "team invitations --team acme", &[]);
    assert!(text.contains("new@example.com  developer"), "{text}");

    let log = json(&ok(&url, "team audit acme --json", &[]));
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 4, "{log:?}");
    assert!(
        log.iter().all(|entry| entry["actor"].is_null()),
        "the command line"
    );
    assert_eq!(log[0]["event"]["kind"], "invitation_sent");
    assert_eq!(log[3]["event"]["kind"], "team_created");
    assert!(!serde_json::to_string(log).unwrap().contains("inv_"));
}

#[test]
fn api_transfer_moves_an_api_into_a_team_and_to_a_person() {
    let (_dir, url) = with_owner_dev_and_team_acme();
    let created = json(&ok(
        &url,
        "api create --owner owner@example.com --identifier https://calendar.example.com \
         --resource calendar --json",
        &["--name", "Calendar API"],
    ));
    let id = created["api"]["id"].as_str().unwrap().to_owned();
    moves_into_acme_then_to_dev(&url, "api", &id);
    for line in [
        "api transfer",
        "api transfer --team acme --to dev@example.com",
        "api transfer --team nope",
        "api transfer --to nobody@example.com",
    ] {
        assert!(!run(&url, line, &[&id]).status.success(), "{line}");
    }
    let builtin = run(&url, "api transfer --team acme builtin", &[]);
    assert!(!builtin.status.success());
    let log = json(&ok(&url, "team audit acme --json", &[]));
    let kinds = texts_at(&log, "/event/kind");
    assert_eq!(
        kinds,
        ["api_transferred", "api_transferred", "team_created"]
    );
    assert_eq!(log[0]["event"]["into_team"], false);
    assert_eq!(log[1]["event"]["into_team"], true);
}
