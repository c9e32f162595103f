//! A person's own console sessions and password through the console API: listing and ending
//! sessions (only one's own), the last-seen time written at most once a minute, and changing
//! the password (the current one first; the other sessions end).

use clientele_tests::console_api::{ConsoleUser, PASSWORD};
use clientele_tests::{json_with_status, send_for_json, spawn_app, text_at, TestApp};
use serde_json::{json, Value};

const NEW_PASSWORD: &str = "seven orange kites over quiet harbours";

async fn sessions(user: &ConsoleUser) -> Vec<Value> {
    let body = json_with_status(user.get("/api/v1/account/sessions").await, 200).await;
    body.as_array().expect("a list of sessions").clone()
}

/// The id of the session in `list` that is (or is not) the asking one.
fn id_of(list: &[Value], current: bool) -> String {
    list.iter()
        .find(|session| session["current"] == current)
        .and_then(|session| session["id"].as_str())
        .expect("such a session")
        .to_owned()
}

async fn stored(app: &TestApp, sql: &str) -> i64 {
    app.count(sql).await
}

#[tokio::test]
async fn a_person_lists_their_sessions_by_public_id_and_ends_another_one() {
    let app = spawn_app().await;
    let laptop = app.sign_up("dev@example.com").await;
    let phone = app.sign_in("dev@example.com", PASSWORD).await;

    let list = sessions(&laptop).await;
    assert_eq!(list.len(), 2, "{list:?}");
    assert_eq!(list.iter().filter(|s| s["current"] == true).count(), 1);
    for session in &list {
        let id = session["id"].as_str().unwrap();
        assert!(id.starts_with("sid_"), "{id}");
        assert_eq!(session["address"], "127.0.0.1");
        assert!(session["browser"].as_str().is_some());
    }
    // The public id is not the cookie's token, nor its stored hash.
    let hashes: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM sessions")
        .fetch_all(app.state.store.pool())
        .await
        .unwrap();
    let text = serde_json::to_string(&list).unwrap();
    assert!(hashes.iter().all(|hash| !text.contains(hash.as_str())));

    let phone_id = id_of(&list, false);
    let ended = laptop
        .delete(&format!("/api/v1/account/sessions/{phone_id}"))
        .await;
    assert_eq!(ended.status(), 204);
    assert_eq!(phone.get("/api/v1/account/sessions").await.status(), 401);
    let again = laptop
        .delete(&format!("/api/v1/account/sessions/{phone_id}"))
        .await;
    assert_eq!(again.status(), 404, "an ended session is gone");
    assert_eq!(sessions(&laptop).await.len(), 1);
}

#[tokio::test]
async fn nobody_sees_or_ends_a_session_of_someone_else() {
    let app = spawn_app().await;
    let owner = app.sign_up("owner@example.com").await;
    let stranger = app.sign_up("stranger@example.com").await;
    let owner_id = id_of(&sessions(&owner).await, true);

    let list = sessions(&stranger).await;
    assert_eq!(list.len(), 1, "only their own: {list:?}");
    assert_ne!(list[0]["id"], owner_id.as_str());
    for id in [owner_id.as_str(), "sid_unknown", "", "../session"] {
        let response = stranger
            .delete(&format!("/api/v1/account/sessions/{id}"))
            .await;
        assert!(
            matches!(response.status().as_u16(), 404 | 405),
            "{id}: {}",
            response.status()
        );
    }
    assert_eq!(
        sessions(&owner).await.len(),
        1,
        "the owner is still signed in"
    );
    let signed_out = app.new_client();
    let refused = signed_out
        .delete(app.url(&format!("/api/v1/account/sessions/{owner_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
}

#[tokio::test]
async fn signing_out_all_other_sessions_keeps_this_one() {
    let app = spawn_app().await;
    let here = app.sign_up("dev@example.com").await;
    let mut others = Vec::new();
    for _ in 0..3 {
        others.push(app.sign_in("dev@example.com", PASSWORD).await);
    }
    let elsewhere = app.sign_up("someone@example.com").await;
    assert_eq!(here.delete("/api/v1/account/sessions").await.status(), 204);
    for other in &others {
        assert_eq!(other.get("/api/v1/account/sessions").await.status(), 401);
    }
    let list = sessions(&here).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["current"], true);
    assert_eq!(
        sessions(&elsewhere).await.len(),
        1,
        "other people keep theirs"
    );
}

#[tokio::test]
async fn last_seen_is_written_at_most_once_a_minute() {
    let app = spawn_app().await;
    let user = app.sign_up("dev@example.com").await;
    let last_seen = || stored(&app, "SELECT last_seen_at FROM sessions");
    let created = last_seen().await;
    app.clock.advance(30);
    sessions(&user).await;
    assert_eq!(last_seen().await, created, "not again within the minute");
    app.clock.advance(31);
    sessions(&user).await;
    assert_eq!(last_seen().await, created + 61);
    let list = sessions(&user).await;
    assert_eq!(list[0]["last_seen_at"], created + 61);
    assert_eq!(list[0]["created_at"], created);
}

#[tokio::test]
async fn a_huge_user_agent_is_stored_cut_and_shown_as_a_short_label() {
    let app = spawn_app().await;
    app.sign_up("dev@example.com").await;
    let client = app.new_client();
    let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 ";
    let huge = format!("{chrome}{}", "x".repeat(6000));
    let response = client
        .post(app.url("/api/v1/session"))
        .header("user-agent", &huge)
        .json(&json!({ "email": "dev@example.com", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    let session = json_with_status(response, 200).await;
    let csrf = session["csrf_token"].as_str().unwrap();
    let longest = stored(
        &app,
        "SELECT CAST(MAX(LENGTH(user_agent)) AS BIGINT) FROM sessions",
    )
    .await;
    assert_eq!(longest, 256);
    let list: Vec<Value> = send_for_json(
        client
            .get(app.url("/api/v1/account/sessions"))
            .header("x-csrf-token", csrf),
    )
    .await;
    let mine = list.iter().find(|s| s["current"] == true).unwrap();
    assert_eq!(mine["browser"], "Chrome on Linux");
}

async fn change(user: &ConsoleUser, current: &str, new: &str) -> reqwest::Response {
    user.put(
        "/api/v1/account/password",
        &json!({ "current_password": current, "new_password": new }),
    )
    .await
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_the_other_sessions() {
    let app = spawn_app().await;
    let here = app.sign_up("dev@example.com").await;
    let other = app.sign_in("dev@example.com", PASSWORD).await;

    let cases = [
        (
            "not my password",
            NEW_PASSWORD,
            "current_password",
            "not your current password",
        ),
        (PASSWORD, "short", "new_password", "at least 12 characters"),
        (
            PASSWORD,
            "password1234",
            "new_password",
            "too easy to guess",
        ),
        (
            PASSWORD,
            "dev@example.com!",
            "new_password",
            "too easy to guess",
        ),
    ];
    for (current, new, field, message) in cases {
        let body = json_with_status(change(&here, current, new).await, 422).await;
        let shown = text_at(&body, &format!("/fields/{field}"));
        assert!(shown.contains(message), "{current} / {new}: {body}");
    }
    assert_eq!(other.get("/api/v1/account/sessions").await.status(), 200);

    assert_eq!(change(&here, PASSWORD, NEW_PASSWORD).await.status(), 204);
    assert_eq!(other.get("/api/v1/account/sessions").await.status(), 401);
    assert_eq!(sessions(&here).await.len(), 1, "this session stays");
    app.sign_in("dev@example.com", NEW_PASSWORD).await;
    let old = app
        .session_attempt(&app.client, "dev@example.com", PASSWORD)
        .await;
    assert_eq!(old.status(), 401);

    let events: Vec<String> = app.scalars("SELECT event FROM account_audit").await;
    assert_eq!(events.len(), 1, "{events:?}");
    assert!(events[0].contains("password_changed"), "{events:?}");
    assert!(!events[0].contains(NEW_PASSWORD) && !events[0].contains(PASSWORD));
}

#[tokio::test]
async fn wrong_current_passwords_are_throttled_like_sign_ins_and_huge_ones_refused() {
    let app = spawn_app().await;
    let user = app.sign_up("dev@example.com").await;
    let huge = "x".repeat(20_000);
    let response = change(&user, &huge, NEW_PASSWORD).await;
    assert_eq!(response.status(), 413, "beyond the small body limit");
    let long = "x".repeat(5_000);
    let body = json_with_status(change(&user, &long, NEW_PASSWORD).await, 422).await;
    assert!(body["fields"]["current_password"].is_string(), "{body}");

    let mut statuses = Vec::new();
    for attempt in 0..12 {
        let response = change(&user, &format!("wrong guess {attempt}"), NEW_PASSWORD).await;
        statuses.push(response.status().as_u16());
        if response.status() == 429 {
            break;
        }
    }
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    // Throttled means throttled: the right password waits too, and nothing changed.
    let right = change(&user, PASSWORD, NEW_PASSWORD).await;
    assert_eq!(right.status(), 429);
    assert_eq!(app.count("SELECT COUNT(*) FROM account_audit").await, 0);
}
