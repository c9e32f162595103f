//! A passkey as the second factor, through the console API: after a right password an account
//! with a passkey gets a pending sign-in that only one of its own passkeys finishes (another
//! account's passkey, a replayed answer and a spent sign-in are refused); under the
//! administrator's policy a passkey frees a setup-only session; and managing second factors
//! (an authenticator app, recovery codes, passkeys) needs a fresh password (sudo mode).

use clientele_tests::console_api::{RouteCase, PASSWORD};
use clientele_tests::software_passkey::{add_passkey, SoftwarePasskey};
use clientele_tests::two_factor::{assert_free_once_set_up, send_proof, set_policy, turn_on_totp};
use clientele_tests::{json_with_status, spawn_app_at_localhost, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

const DEV: &str = "dev@example.com";
/// Past the sudo window (ten minutes by default).
const STALE: i64 = 10 * 60 + 1;

/// A passkey's answer to a fresh sign-in challenge, as the second step's proof.
async fn passkey_proof(app: &TestApp, passkey: &mut SoftwarePasskey) -> Value {
    let challenge = app
        .post("/api/v1/session/passkey/options", &json!({}))
        .await;
    let challenge = json_with_status(challenge, 200).await;
    let credential = passkey.sign_in(&challenge["options"]);
    json!({ "method": "passkey", "challenge_id": challenge["challenge_id"], "credential": credential })
}

#[tokio::test]
async fn after_a_right_password_only_one_of_the_accounts_own_passkeys_finishes_the_sign_in() {
    let app = spawn_app_at_localhost().await;
    let dev = app.sign_up(DEV).await;
    let other = app.sign_up("other@example.com").await;
    let (mut own, _) = add_passkey(&app, &dev, "Laptop").await;
    let (mut others, _) = add_passkey(&app, &other, "Phone").await;

    let (client, outcome) = app.password_step(DEV).await;
    assert_eq!(outcome["outcome"], "second_factor_required", "{outcome}");
    assert_eq!(outcome["methods"], json!(["passkey"]));
    let pending = outcome["pending"].as_str().unwrap().to_owned();

    // Another account's passkey verifies, but not as this person.
    let wrong = send_proof(
        &app,
        &client,
        &pending,
        &passkey_proof(&app, &mut others).await,
    )
    .await;
    let wrong = json_with_status(wrong, 401).await;
    assert!(
        wrong["message"]
            .as_str()
            .unwrap()
            .contains("belongs to another account"),
        "{wrong}"
    );
    assert_eq!(app.session_of(&client).await, Value::Null);

    // Malformed and huge answers are refused in words.
    let malformed = json!({ "method": "passkey", "challenge_id": "x", "credential": { "id": 1 } });
    let answer = send_proof(&app, &client, &pending, &malformed).await;
    assert!(answer.status().is_client_error(), "{}", answer.status());
    let huge = json!({ "method": "passkey", "challenge_id": "x".repeat(20_000), "credential": {} });
    assert_eq!(
        send_proof(&app, &client, &pending, &huge).await.status(),
        413
    );

    let proof = passkey_proof(&app, &mut own).await;
    let signed_in = json_with_status(send_proof(&app, &client, &pending, &proof).await, 200).await;
    assert_eq!(signed_in["account"]["email"], DEV);
    assert_eq!(app.session_of(&client).await["account"]["email"], DEV);

    // The same answer again, on a new pending sign-in: its challenge was spent.
    let (again, pending) = app.pending_sign_in(DEV).await;
    let replayed = send_proof(&app, &again, &pending, &proof).await;
    assert_eq!(replayed.status(), 404);
    assert_eq!(app.session_of(&again).await, Value::Null);

    let events: Vec<String> = app
        .scalars(
            "SELECT event FROM account_audit WHERE event LIKE '%second_factor%' ORDER BY at, id",
        )
        .await;
    let kinds: Vec<(String, String)> = events
        .iter()
        .map(|event| {
            let event: Value = serde_json::from_str(event).unwrap();
            (
                event["kind"].as_str().unwrap().to_owned(),
                event["method"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        kinds.contains(&("second_factor_failed".into(), "passkey".into())),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("signed_in_with_second_factor".into(), "passkey".into())),
        "{kinds:?}"
    );
    assert!(
        events.iter().all(|event| !event.contains("credential")),
        "no key material in the log: {events:?}"
    );
}

#[tokio::test]
async fn an_account_with_an_app_and_a_passkey_may_finish_with_either() {
    let app = spawn_app_at_localhost().await;
    let dev = app.sign_up(DEV).await;
    let (secret, _) = turn_on_totp(&app, &dev).await;
    let (mut passkey, _) = add_passkey(&app, &dev, "Laptop").await;
    let (_, outcome) = app.password_step(DEV).await;
    assert_eq!(
        outcome["methods"],
        json!(["passkey", "totp", "recovery_code"])
    );

    let (client, pending) = app.pending_sign_in(DEV).await;
    let proof = passkey_proof(&app, &mut passkey).await;
    json_with_status(send_proof(&app, &client, &pending, &proof).await, 200).await;
    let (client, pending) = app.pending_sign_in(DEV).await;
    let code = json!({ "method": "totp", "code": app.code_now(&secret) });
    json_with_status(send_proof(&app, &client, &pending, &code).await, 200).await;
}

#[tokio::test]
async fn under_the_policy_adding_a_passkey_frees_a_setup_only_session() {
    let app = spawn_app_at_localhost().await;
    let admin = app.sign_up_admin("admin@example.com").await;
    app.sign_up(DEV).await;
    set_policy(&admin, true).await;
    let dev = app.sign_in(DEV, PASSWORD).await;
    assert_eq!(dev.get("/api/v1/apps").await.status(), 403);
    let listed: Value = dev.get_json("/api/v1/account/passkeys").await;
    assert_eq!(listed, json!([]));

    add_passkey(&app, &dev, "Security key").await;
    assert_free_once_set_up(&dev).await;
    // The next password sign-in asks for the passkey.
    let (_, outcome) = app.password_step(DEV).await;
    assert_eq!(outcome["methods"], json!(["passkey"]));
}

async fn factor_rows(app: &TestApp) -> Vec<String> {
    let mut rows: Vec<String> = app
        .scalars("SELECT id || ':' || name FROM passkeys ORDER BY id")
        .await;
    rows.extend(
        app.scalars::<String>("SELECT code_hash FROM recovery_codes ORDER BY code_hash")
            .await,
    );
    rows.extend(
        app.scalars::<String>("SELECT user_id FROM totp_factors ORDER BY user_id")
            .await,
    );
    rows
}

#[tokio::test]
async fn managing_second_factors_needs_a_fresh_password_and_a_stale_session_changes_nothing() {
    let app = spawn_app_at_localhost().await;
    let dev = app.sign_up(DEV).await;
    let newcomer = app.sign_up("new@example.com").await;
    let (secret, _) = turn_on_totp(&app, &dev).await;
    let (_, passkey) = add_passkey(&app, &dev, "Laptop").await;
    app.clock.advance(STALE);

    let cases = [
        RouteCase {
            what: "making new recovery codes",
            method: Method::POST,
            path: "/api/v1/account/two-factor/recovery-codes".into(),
            body: Some(json!({})),
            fresh_status: 200,
        },
        RouteCase {
            what: "starting to add a passkey",
            method: Method::POST,
            path: "/api/v1/account/passkeys/options".into(),
            body: Some(json!({})),
            fresh_status: 200,
        },
        RouteCase {
            what: "removing a passkey",
            method: Method::DELETE,
            path: format!("/api/v1/account/passkeys/{passkey}"),
            body: None,
            fresh_status: 204,
        },
        RouteCase {
            what: "turning the authenticator app off",
            method: Method::POST,
            path: "/api/v1/account/two-factor/totp/off".into(),
            body: Some(json!({ "code": app.code_now(&secret) })),
            fresh_status: 204,
        },
    ];
    for case in &cases {
        let before = factor_rows(&app).await;
        let body = json_with_status(dev.send_case(case).await, 403).await;
        assert_eq!(body["error"], "reauthentication_required", "{}", case.what);
        assert_eq!(
            factor_rows(&app).await,
            before,
            "{}: nothing changed",
            case.what
        );
    }
    assert_eq!(dev.reauthenticate(PASSWORD).await.status(), 204);
    for case in &cases {
        let answer = dev.send_case(case).await;
        let status = answer.status().as_u16();
        let body = answer.text().await.unwrap();
        assert_eq!(status, case.fresh_status, "{}: {body}", case.what);
    }
    assert_eq!(factor_rows(&app).await, Vec::<String>::new(), "all gone");

    // Setting up an authenticator app too: a stolen session must not put its thief's app on.
    let begin = "/api/v1/account/two-factor/totp";
    let refused = json_with_status(newcomer.post(begin, &json!({})).await, 403).await;
    assert_eq!(refused["error"], "reauthentication_required");
    assert_eq!(newcomer.reauthenticate(PASSWORD).await.status(), 204);
    json_with_status(newcomer.post(begin, &json!({})).await, 200).await;
}
