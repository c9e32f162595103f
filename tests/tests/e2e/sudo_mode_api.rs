//! Sudo mode through the console API: every sensitive route refuses a session whose password
//! was entered more than `--sudo-minutes` ago (403 `reauthentication_required`, nothing
//! changed in the database) and works once that session re-authenticates; renaming an app
//! needs no fresh password; re-authentication goes through the throttled sign-in check and
//! refreshes only its own session.

use std::sync::Arc;

use clientele_tests::apis::api_draft;
use clientele_tests::console_api::{app_draft, ConsoleUser, RouteCase as Case, PASSWORD};
use clientele_tests::{json_with_status, spawn_app, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

/// Past the default window of 10 minutes.
const STALE: i64 = 10 * 60 + 1;

/// Everything a sensitive action could change, read straight from the database.
async fn snapshot(app: &TestApp) -> Vec<Vec<String>> {
    let queries = [
        "SELECT id || ':' || COALESCE(CAST(revoked_at AS TEXT), '-') FROM client_secrets ORDER BY id",
        "SELECT client_id || ':' || name || ':' || redirect_uris || ':' || allowed_origins FROM apps ORDER BY client_id",
        "SELECT id FROM apis ORDER BY id",
        "SELECT user_id || ':' || role FROM team_members ORDER BY user_id",
        "SELECT id FROM sessions ORDER BY id",
    ];
    let mut state = Vec::new();
    for sql in queries {
        state.push(app.scalars::<String>(sql).await);
    }
    state
}

async fn reauthenticate(user: &ConsoleUser, password: &str) -> reqwest::Response {
    user.reauthenticate(password).await
}

async fn send(user: &ConsoleUser, case: &Case) -> reqwest::Response {
    user.send_case(case).await
}

/// A developer (signed in twice: `here` and `elsewhere`) with two confidential apps, an API and
/// a team with a second member, and the guarded requests on them, in an order that works.
async fn guarded_cases() -> (TestApp, ConsoleUser, ConsoleUser, Vec<Case>) {
    let app = spawn_app().await;
    let here = app.sign_up("dev@example.com").await;
    let elsewhere = app.sign_in("dev@example.com", PASSWORD).await;
    app.sign_up("mate@example.com").await;
    let kept = here.client_app(&app_draft("Kept")).await.client_id;
    let doomed = here.client_app(&app_draft("Doomed")).await.client_id;
    let api = here
        .api_id(&api_draft("Notes", "https://notes.example", &["notes"]))
        .await;
    let slug = here.team_slug("Platform").await;
    here.add_to_team(&slug, "mate@example.com", "developer")
        .await;

    let mut redirects = app_draft("Kept");
    redirects["redirect_uris"] = json!(["https://attacker.example/callback"]);
    let mut origins = app_draft("Kept");
    origins["allowed_origins"] = json!(["https://attacker.example"]);
    let case = |what, method, path: String, body, fresh_status| Case {
        what,
        method,
        path,
        body,
        fresh_status,
    };
    let cases = vec![
        case(
            "generating a secret",
            Method::POST,
            format!("/api/v1/apps/{kept}/secrets"),
            Some(json!({})),
            201,
        ),
        case(
            "resetting an app",
            Method::POST,
            format!("/api/v1/apps/{kept}/reset"),
            None,
            200,
        ),
        case(
            "changing redirect URIs",
            Method::PUT,
            format!("/api/v1/apps/{kept}"),
            Some(redirects),
            200,
        ),
        case(
            "changing allowed origins",
            Method::PUT,
            format!("/api/v1/apps/{kept}"),
            Some(origins),
            200,
        ),
        case(
            "deleting an app",
            Method::DELETE,
            format!("/api/v1/apps/{doomed}"),
            None,
            204,
        ),
        case(
            "deleting an API",
            Method::DELETE,
            format!("/api/v1/apis/{api}"),
            None,
            204,
        ),
        case(
            "changing a member's role",
            Method::PUT,
            format!("/api/v1/teams/{slug}/members/mate@example.com"),
            Some(json!({ "role": "admin" })),
            204,
        ),
        case(
            "removing a member",
            Method::DELETE,
            format!("/api/v1/teams/{slug}/members/mate@example.com"),
            None,
            204,
        ),
        case(
            "signing out every other session",
            Method::DELETE,
            "/api/v1/account/sessions".to_owned(),
            None,
            204,
        ),
    ];
    (app, here, elsewhere, cases)
}

#[tokio::test]
async fn every_sensitive_route_refuses_a_stale_session_changing_nothing_and_works_once_it_reauthenticates(
) {
    let (app, here, _elsewhere, cases) = guarded_cases().await;
    app.clock.advance(STALE);
    for case in &cases {
        let before = snapshot(&app).await;
        let body = json_with_status(send(&here, case).await, 403).await;
        assert_eq!(
            body["error"], "reauthentication_required",
            "{}: {body}",
            case.what
        );
        assert!(
            body["message"].as_str().unwrap().contains("password again"),
            "{}: {body}",
            case.what
        );
        assert_eq!(
            snapshot(&app).await,
            before,
            "{}: nothing changed",
            case.what
        );
    }

    assert_eq!(reauthenticate(&here, PASSWORD).await.status(), 204);
    for case in &cases {
        let before = snapshot(&app).await;
        let response = send(&here, case).await;
        let status = response.status().as_u16();
        let body = response.text().await.unwrap();
        assert_eq!(status, case.fresh_status, "{}: {body}", case.what);
        assert_ne!(snapshot(&app).await, before, "{}: done", case.what);
    }
}

#[tokio::test]
async fn a_fresh_sign_in_may_act_at_once_and_the_window_closes_after_ten_minutes() {
    let (app, here, _elsewhere, cases) = guarded_cases().await;
    let secret = &cases[0];
    app.clock.advance(STALE - 2);
    assert_eq!(
        send(&here, secret).await.status(),
        201,
        "still within the window"
    );
    app.clock.advance(2);
    assert_eq!(send(&here, secret).await.status(), 403, "past it");
    let later = app.sign_in("dev@example.com", PASSWORD).await;
    assert_eq!(
        send(&later, secret).await.status(),
        201,
        "a new sign-in is fresh"
    );
}

#[tokio::test]
async fn renaming_an_app_or_keeping_its_redirect_uris_needs_no_fresh_password() {
    let (app, here, _elsewhere, cases) = guarded_cases().await;
    app.clock.advance(STALE);
    let path = &cases[0].path.replace("/secrets", "");
    let mut renamed = app_draft("Kept, renamed");
    renamed["description"] = json!("A new description.");
    let body = json_with_status(here.put(path, &renamed).await, 200).await;
    assert_eq!(body["name"], "Kept, renamed");
    let mut moved = renamed.clone();
    moved["redirect_uris"] = json!(["https://example.com/other"]);
    let body = json_with_status(here.put(path, &moved).await, 403).await;
    assert_eq!(body["error"], "reauthentication_required");
    let names: Vec<String> = app
        .scalars("SELECT redirect_uris FROM apps ORDER BY name")
        .await;
    assert!(
        names.iter().all(|uris| !uris.contains("/other")),
        "{names:?}"
    );
}

#[tokio::test]
async fn another_sessions_fresh_password_does_not_count_for_this_one() {
    let (app, here, elsewhere, cases) = guarded_cases().await;
    app.clock.advance(STALE);
    assert_eq!(reauthenticate(&elsewhere, PASSWORD).await.status(), 204);
    let body = json_with_status(send(&here, &cases[0]).await, 403).await;
    assert_eq!(body["error"], "reauthentication_required");
    assert_eq!(send(&elsewhere, &cases[0]).await.status(), 201);
}

#[tokio::test]
async fn reauthentication_refuses_wrong_huge_and_malformed_passwords_without_refreshing_anything() {
    let (app, here, _elsewhere, cases) = guarded_cases().await;
    app.clock.advance(STALE);
    let cases_of_refusal: [(Value, u16); 6] = [
        (
            json!({ "method": "password", "password": "not my password" }),
            422,
        ),
        (json!({ "method": "password", "password": "" }), 422),
        // Longer than any password may be: refused without hashing.
        (
            json!({ "method": "password", "password": "x".repeat(8_000) }),
            422,
        ),
        // Past the small body limit: refused unread.
        (
            json!({ "method": "password", "password": "x".repeat(20_000) }),
            413,
        ),
        (
            json!({ "method": "carrier_pigeon", "password": PASSWORD }),
            422,
        ),
        (json!({ "password": PASSWORD }), 400),
    ];
    for (body, status) in cases_of_refusal {
        let response = here.post("/api/v1/session/reauthenticate", &body).await;
        let shown: String = body.to_string().chars().take(60).collect();
        assert_eq!(response.status().as_u16(), status, "{shown}");
    }
    let wrong = json_with_status(reauthenticate(&here, "not my password").await, 422).await;
    assert_eq!(wrong["fields"]["password"], "This is not your password.");
    // A look-alike of the password (Cyrillic "о") is another password.
    let look_alike = PASSWORD.replace('o', "\u{43e}");
    assert_eq!(reauthenticate(&here, &look_alike).await.status(), 422);
    let throttled = reauthenticate(&here, PASSWORD).await;
    assert_eq!(
        throttled.status(),
        429,
        "five wrong ones were all this address may try"
    );
    assert_eq!(send(&here, &cases[0]).await.status(), 403, "still stale");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM account_audit WHERE event LIKE '%reauthenticated%'")
            .await,
        0
    );
    // `app.post` sends no session cookie.
    let body = json!({ "method": "password", "password": PASSWORD });
    let refused = app.post("/api/v1/session/reauthenticate", &body).await;
    assert_eq!(refused.status(), 401);
}

#[tokio::test]
async fn reauthentication_is_throttled_with_sign_in_counting_parallel_guesses_first() {
    let app = spawn_app().await;
    let here = Arc::new(app.sign_up("dev@example.com").await);
    let guesses = (0..12).map(|i| {
        let here = Arc::clone(&here);
        tokio::spawn(async move {
            reauthenticate(&here, &format!("guess number {i}"))
                .await
                .status()
                .as_u16()
        })
    });
    let mut statuses = Vec::new();
    for guess in guesses {
        statuses.push(guess.await.unwrap());
    }
    let answered = |status: u16| statuses.iter().filter(|s| **s == status).count();
    assert_eq!((answered(422), answered(429)), (5, 7), "{statuses:?}");
    let right = reauthenticate(&here, PASSWORD).await;
    assert_eq!(right.status(), 429, "the right password waits too");
    assert!(right.headers().get("retry-after").is_some());
    // The same budget as signing in: this address may not sign in to the account either.
    let body = json!({ "email": "dev@example.com", "password": PASSWORD });
    assert_eq!(app.post("/api/v1/session", &body).await.status(), 429);
}

#[tokio::test]
async fn a_reauthentication_refreshes_its_session_and_is_recorded_in_the_account_log() {
    let app = spawn_app().await;
    let here = app.sign_up("dev@example.com").await;
    let started: i64 = app.scalar("SELECT authenticated_at FROM sessions").await;
    app.clock.advance(STALE);
    assert_eq!(reauthenticate(&here, PASSWORD).await.status(), 204);
    let refreshed: i64 = app.scalar("SELECT authenticated_at FROM sessions").await;
    assert_eq!(refreshed, started + STALE);
    let log = json_with_status(here.get("/api/v1/account/audit").await, 200).await;
    let entry = &log["items"][0];
    assert_eq!(
        entry["event"],
        json!({ "kind": "reauthenticated", "with": "password" })
    );
    assert_eq!(entry["address"], "127.0.0.1");
    assert_eq!(entry["actor_email"], "dev@example.com");
    let stored: Vec<String> = app.scalars("SELECT event FROM account_audit").await;
    assert!(
        stored.iter().all(|event| !event.contains(PASSWORD)),
        "{stored:?}"
    );
}
