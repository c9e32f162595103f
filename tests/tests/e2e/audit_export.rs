//! Exporting the audit logs (issue 22): `GET /api/v1/admin/audit/export` answers the apps' and
//! teams' logs as JSON lines, oldest first, to administrators only; time and app filters give
//! exactly their entries; bad filters are refused naming the field; and an export longer than a
//! page (entries of one second across the page boundaries) comes whole, once each, in order.

use clientele::audit::{record_as, Actor};
use clientele::audit_export::PAGE_ROWS;
use clientele::teams::Acting;
use clientele_tests::console_api::{app_draft, ConsoleUser};
use clientele_tests::{header_text, json_with_status, spawn_app, text_at, TestApp};
use reqwest::{header, Method, StatusCode};
use serde_json::{json, Value};
use shared::api::{AuditEvent, TeamEvent};

const EXPORT: &str = "/api/v1/admin/audit/export";

/// The export's lines as `admin` gets them with `query`.
async fn export(admin: &ConsoleUser, query: &str) -> Vec<Value> {
    let response = admin.get(&format!("{EXPORT}{query}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header_text(&response, header::CONTENT_TYPE),
        "application/x-ndjson"
    );
    let text = response.text().await.unwrap();
    assert!(text.is_empty() || text.ends_with('\n'), "{text}");
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|err| panic!("{err}: {line}")))
        .collect()
}

/// An exported entry in short: (log, app or team, event kind).
type Entry = (String, String, String);

/// Each line in short.
fn summary(lines: &[Value]) -> Vec<Entry> {
    lines
        .iter()
        .map(|line| {
            let log = line["log"].as_str().unwrap().to_owned();
            let subject = line[log.as_str()].as_str().unwrap().to_owned();
            (
                log,
                subject,
                line["event"]["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn client_id_of(created: &Value) -> String {
    created["app"]["client_id"].as_str().unwrap().to_owned()
}

/// A fresh server, its administrator and a developer (dev@example.com).
async fn admin_and_developer() -> (TestApp, ConsoleUser, ConsoleUser) {
    let app = spawn_app().await;
    let admin = app.sign_up_admin("admin@example.com").await;
    let developer = app.sign_up("dev@example.com").await;
    (app, admin, developer)
}

/// The slug of a team `developer` creates.
async fn new_team(developer: &ConsoleUser, name: &str) -> String {
    let team = developer.create_team(name).await;
    team["slug"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn administrators_export_both_logs_oldest_first_and_time_and_app_filters_give_exactly_their_entries(
) {
    let (app, admin, developer) = admin_and_developer().await;
    let first = client_id_of(&developer.register_app(&app_draft("First")).await);
    app.clock.advance(100);
    let slug = new_team(&developer, "Exported").await;
    app.clock.advance(100);
    let second = client_id_of(&developer.register_app(&app_draft("Second")).await);
    app.clock.advance(100);
    let deleted = developer.delete(&format!("/api/v1/apps/{first}")).await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);

    let all = export(&admin, "").await;
    let entry = |log: &str, subject: &str, kind: &str| (log.into(), subject.into(), kind.into());
    let expected = vec![
        entry("app", &first, "app_created"),
        entry("app", &first, "secret_generated"),
        entry("team", &slug, "team_created"),
        entry("app", &second, "app_created"),
        entry("app", &second, "secret_generated"),
        entry("app", &first, "app_deleted"),
    ];
    assert_eq!(summary(&all), expected);
    for line in &all {
        assert_eq!(line["actor"]["email"], "dev@example.com", "{line}");
        assert!(
            line["actor"]["id"].as_str().unwrap().starts_with("usr_"),
            "{line}"
        );
        let time = text_at(line, "/time");
        assert!(time.ends_with('Z') && time.contains('T'), "{time}");
        assert!(line["at"].is_i64() && line["id"].is_string(), "{line}");
    }
    assert_eq!(all[0]["actor"]["ip"], "127.0.0.1");
    assert_eq!(
        all[2]["actor"]["ip"],
        Value::Null,
        "the team log keeps no address"
    );
    assert_eq!(all[0]["event"]["name"], "First");

    let time = |n: usize| all[n]["time"].as_str().unwrap().to_owned();
    let first_only = [
        expected[0].clone(),
        expected[1].clone(),
        expected[5].clone(),
    ];
    let cases: Vec<(String, &[Entry])> = vec![
        (format!("?since={}", time(2)), &expected[2..]),
        (format!("?until={}", time(3)), &expected[..3]),
        (
            format!("?since={}&until={}", time(2), time(3)),
            &expected[2..3],
        ),
        (format!("?since={}&until={}", time(3), time(3)), &[]),
        (format!("?client_id={first}"), &first_only),
        (
            format!("?client_id={first}&since={}", time(3)),
            &expected[5..],
        ),
        (
            format!("?client_id={second}&until={}", time(5)),
            &expected[3..5],
        ),
    ];
    for (query, wanted) in cases {
        assert_eq!(summary(&export(&admin, &query).await), wanted, "{query}");
    }
}

#[tokio::test]
async fn the_export_answers_401_signed_out_403_to_developers_and_422_naming_each_bad_filter() {
    let (app, admin, developer) = admin_and_developer().await;
    let signed_out = app.new_client().get(app.url(EXPORT)).send().await.unwrap();
    assert_eq!(signed_out.status(), StatusCode::UNAUTHORIZED);
    let refused = developer.request(Method::GET, EXPORT).send().await.unwrap();
    assert_eq!(json_with_status(refused, 403).await["error"], "forbidden");

    let long_id = "x".repeat(10_000);
    // (query, the field refused, words of its message)
    let table = [
        ("?since=yesterday", "since", "RFC 3339"),
        ("?until=2026-13-01T00:00:00Z", "until", "RFC 3339"),
        ("?since=2026-12-01", "since", "RFC 3339"),
        ("?since=%EF%BC%92026-12-01T00:00:00Z", "since", "RFC 3339"),
        (
            "?since=2026-12-02T00:00:00Z&until=2026-12-01T00:00:00Z",
            "since",
            "after `until`",
        ),
        (
            "?client_id=no-such-app",
            "client_id",
            "No app has this client id",
        ),
        (
            &format!("?client_id={long_id}") as &str,
            "client_id",
            "No app",
        ),
    ];
    for (query, field, words) in table {
        let response = admin.get(&format!("{EXPORT}{query}")).await;
        let body = json_with_status(response, 422).await;
        assert!(
            text_at(&body, &format!("/fields/{field}")).contains(words),
            "{query}: {body}"
        );
    }
    let twice = admin.get(&format!("{EXPORT}?since=a&since=b")).await;
    assert_eq!(twice.status(), StatusCode::BAD_REQUEST);
    // A time with an offset is RFC 3339 too.
    export(&admin, "?since=2026-12-02T10:00:00%2B02:00").await;
}

#[tokio::test]
async fn an_export_longer_than_a_page_comes_whole_and_in_order_across_page_boundaries_within_one_second(
) {
    let (app, admin, developer) = admin_and_developer().await;
    let client_id = client_id_of(&developer.register_app(&app_draft("Busy")).await);
    let slug = new_team(&developer, "Busy team").await;
    let at = now(&app);
    let bulk = 2 * PAGE_ROWS as usize + 7;
    for n in 0..bulk {
        let event = AuditEvent::AppDisabled {
            disabled: n % 2 == 0,
        };
        record_as(
            &app.state.store,
            at,
            &client_id,
            &Actor::command_line(),
            event,
        )
        .await
        .unwrap();
    }
    let team_id: String = sqlx::query_scalar("SELECT id FROM teams WHERE slug = $1")
        .bind(&slug)
        .fetch_one(app.state.store.pool())
        .await
        .unwrap();
    for n in 0..25 {
        let event = TeamEvent::MemberRemoved {
            email: format!("gone{n}@example.com"),
        };
        clientele::teams::audit::record(&app.state.store, &team_id, Acting::CommandLine, at, event)
            .await
            .unwrap();
    }

    let response = admin.get(EXPORT).await;
    assert!(
        response.headers().get(header::CONTENT_LENGTH).is_none(),
        "streamed, not buffered"
    );
    let lines = export(&admin, "").await;
    let stored = app
        .count("SELECT (SELECT COUNT(*) FROM audit_events) + (SELECT COUNT(*) FROM team_audit)")
        .await;
    assert_eq!(lines.len() as i64, stored);
    assert_eq!(lines.len(), 2 + 1 + bulk + 25);
    let mut ids: Vec<&str> = lines
        .iter()
        .map(|line| line["id"].as_str().unwrap())
        .collect();
    let times: Vec<i64> = lines
        .iter()
        .map(|line| line["at"].as_i64().unwrap())
        .collect();
    assert!(
        times.windows(2).all(|pair| pair[0] <= pair[1]),
        "oldest first"
    );
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), lines.len(), "no entry twice");
    let command_line = lines
        .iter()
        .filter(|line| line["actor"]["email"] == "command line");
    assert_eq!(command_line.count(), bulk + 25);

    let one_app = export(&admin, &format!("?client_id={client_id}")).await;
    assert_eq!(one_app.len(), 2 + bulk);
    assert!(one_app.iter().all(|line| line["app"] == json!(client_id)));
}

fn now(app: &TestApp) -> i64 {
    use clientele::clock::Clock;
    app.clock.now()
}
