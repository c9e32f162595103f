//! A person's own account log through the console API (`GET /api/v1/account/audit`): only
//! their entries, newest first, a keyset page at a time, and cursors that are not the
//! server's refused.

use clientele::accounts::audit::record;
use clientele::audit::Actor;
use clientele_tests::console_api::{spawn_app_with_developer, ConsoleUser};
use clientele_tests::{json_with_status, spawn_app, TestApp};
use serde_json::Value;
use shared::api::AccountEvent;

/// `n` operator entries in the log of `user`, one a second from `start`.
async fn operator_entries(app: &TestApp, user: &ConsoleUser, start: i64, n: u64) {
    let user_id = user.account["id"].as_str().unwrap();
    for i in 0..n {
        let event = AccountEvent::PasswordSetByOperator { sessions_ended: i };
        record(
            &app.state.store,
            user_id,
            &Actor::command_line(),
            start + i as i64,
            event,
        )
        .await
        .unwrap();
    }
}

fn ended_counts(page: &Value) -> Vec<u64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["event"]["sessions_ended"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn the_account_log_lists_only_ones_own_entries_newest_first_a_page_at_a_time() {
    let (app, dev) = spawn_app_with_developer().await;
    operator_entries(&app, &dev, 1_000, 60).await;
    let other = app.sign_up("other@example.com").await;
    operator_entries(&app, &other, 1_000, 3).await;

    let first = json_with_status(dev.get("/api/v1/account/audit").await, 200).await;
    let newest: Vec<u64> = (10..60).rev().collect();
    assert_eq!(ended_counts(&first), newest);
    assert_eq!(first["items"][0]["actor_email"], "command line");
    assert_eq!(first["items"][0]["address"], Value::Null);
    let cursor = first["next_cursor"].as_str().expect("a next page");
    let second = json_with_status(
        dev.get(&format!("/api/v1/account/audit?cursor={cursor}"))
            .await,
        200,
    )
    .await;
    assert_eq!(ended_counts(&second), (0..10).rev().collect::<Vec<_>>());
    assert_eq!(second["next_cursor"], Value::Null);

    let small = json_with_status(dev.get("/api/v1/account/audit?limit=2").await, 200).await;
    assert_eq!(ended_counts(&small), vec![59, 58]);
    let theirs = json_with_status(other.get("/api/v1/account/audit").await, 200).await;
    assert_eq!(ended_counts(&theirs), vec![2, 1, 0]);
}

#[tokio::test]
async fn the_account_log_refuses_cursors_it_did_not_make_and_strangers() {
    let app = spawn_app().await;
    let dev = app.sign_up("dev@example.com").await;
    let huge = "A".repeat(5_000);
    for cursor in ["nonsense", "%00", "YWJjOng", huge.as_str()] {
        let response = dev
            .get(&format!("/api/v1/account/audit?cursor={cursor}"))
            .await;
        assert_eq!(
            response.status(),
            400,
            "{}",
            &cursor[..cursor.len().min(20)]
        );
    }
    assert_eq!(app.get("/api/v1/account/audit").await.status(), 401);
}
