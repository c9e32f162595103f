//! Two-factor sign-in through the console API and the token endpoint, as apps and strangers
//! send it: an authenticator app is on only after a first code, codes work once (in parallel
//! too), recovery codes once each, guessing is throttled, malformed codes are refused in words,
//! the password grant is refused, and the rows hold no code. The person's own steps are in
//! `console_two_factor` (the browser).

use clientele_tests::console_api::{draft_with_grants, spawn_app_with_developer, PASSWORD};
use clientele_tests::two_factor::{assert_free_once_set_up, prove, set_policy, turn_on_totp};
use clientele_tests::{header_text, json_with_status, spawn_app};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const DEV: &str = "dev@example.com";

async fn account_events(app: &clientele_tests::TestApp) -> Vec<String> {
    app.scalars("SELECT event FROM account_audit ORDER BY id")
        .await
}

#[tokio::test]
async fn an_authenticator_app_is_on_only_after_a_first_correct_code_and_recovery_codes_are_stored_hashed(
) {
    let (app, dev) = spawn_app_with_developer().await;
    let setup = json_with_status(
        dev.post("/api/v1/account/two-factor/totp", &json!({}))
            .await,
        200,
    )
    .await;
    let secret = setup["secret"].as_str().unwrap().to_owned();
    assert_eq!(secret.len(), 32, "160 bits in base32: {secret}");
    assert!(setup["otpauth_url"]
        .as_str()
        .unwrap()
        .starts_with("otpauth://totp/Clientele:dev%40example.com?"));
    assert!(setup["qr_image"]
        .as_str()
        .unwrap()
        .starts_with("data:image/svg+xml;base64,"));

    // Not on yet: the status says so and signing in needs no code.
    let status: Value = dev.get_json("/api/v1/account/two-factor").await;
    assert_eq!(
        status,
        json!({ "totp": false, "recovery_codes_left": 0, "required": false })
    );
    let (_, outcome) = app.password_step(DEV).await;
    assert_eq!(outcome["outcome"], "signed_in");

    let wrong = dev
        .post(
            "/api/v1/account/two-factor/totp/confirm",
            &json!({ "code": "000000" }),
        )
        .await;
    let wrong = json_with_status(wrong, 422).await;
    let message = wrong["fields"]["code"].as_str().unwrap();
    assert!(message.contains("not right"), "{message}");

    let confirmed = dev
        .post(
            "/api/v1/account/two-factor/totp/confirm",
            &json!({ "code": app.code_now(&secret) }),
        )
        .await;
    let codes = json_with_status(confirmed, 200).await["codes"].clone();
    let codes: Vec<String> = serde_json::from_value(codes).unwrap();
    assert_eq!(codes.len(), 10);
    assert!(codes
        .iter()
        .all(|code| code.len() == 19 && code.matches('-').count() == 3));

    let status: Value = dev.get_json("/api/v1/account/two-factor").await;
    assert_eq!(
        status,
        json!({ "totp": true, "recovery_codes_left": 10, "required": false })
    );
    // Stored as SHA-256 of the code without hyphens; no code in any row or log entry.
    let hashes: Vec<String> = app.scalars("SELECT code_hash FROM recovery_codes").await;
    let first = codes[0].replace('-', "");
    assert!(hashes.contains(&hex(&Sha256::digest(first.as_bytes()))));
    let events = account_events(&app).await.join("\n");
    for code in &codes {
        assert!(!hashes.contains(code) && !events.contains(code.as_str()));
    }
    assert!(events.contains("totp_enabled") && events.contains("recovery_codes_generated"));

    // A second setup while one is on is refused.
    let again = dev
        .post("/api/v1/account/two-factor/totp", &json!({}))
        .await;
    assert_eq!(again.status(), 409);
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::test]
async fn a_correct_password_gives_a_pending_sign_in_and_a_code_works_once() {
    let (app, dev) = spawn_app_with_developer().await;
    let (secret, _) = turn_on_totp(&app, &dev).await;

    let (client, outcome) = app.password_step(DEV).await;
    assert_eq!(outcome["outcome"], "second_factor_required");
    assert_eq!(outcome["methods"], json!(["totp", "recovery_code"]));
    assert!(
        outcome.get("csrf_token").is_none(),
        "no session yet: {outcome}"
    );
    let who = app.session_of(&client).await;
    assert_eq!(
        who,
        Value::Null,
        "no session cookie before the second factor"
    );
    let pending = outcome["pending"].as_str().unwrap();
    assert_eq!(
        app.count("SELECT COUNT(*) FROM pending_sign_ins").await,
        1,
        "stored"
    );
    let stored: String = app.scalar("SELECT token_hash FROM pending_sign_ins").await;
    assert_ne!(stored, pending, "the pending sign-in is stored hashed");

    let code = app.code_now(&secret);
    let signed_in = prove(&app, &client, pending, "totp", &code).await;
    let session = json_with_status(signed_in, 200).await;
    assert_eq!(session["account"]["email"], DEV);
    let who = app.session_of(&client).await;
    assert_eq!(who["account"]["email"], DEV);

    // The pending sign-in is spent, and the same code for a new one is a replay.
    let spent = prove(&app, &client, pending, "totp", &code).await;
    assert_eq!(spent.status(), 404);
    let (client, pending) = app.pending_sign_in(DEV).await;
    let replayed = prove(&app, &client, &pending, "totp", &code).await;
    let replayed = json_with_status(replayed, 422).await;
    assert!(replayed["fields"]["code"]
        .as_str()
        .unwrap()
        .contains("used already"));
    app.next_code_step();
    let next = prove(&app, &client, &pending, "totp", &app.code_now(&secret)).await;
    assert_eq!(next.status(), 200);

    let events = account_events(&app).await.join("\n");
    assert!(events.contains(r#"{"kind":"signed_in_with_second_factor","method":"totp"}"#));
    assert!(events.contains(r#"{"kind":"second_factor_failed","method":"totp"}"#));
    assert!(!events.contains(&code), "no code in the log");
}

#[tokio::test]
async fn ten_parallel_submissions_of_one_code_give_exactly_one_session() {
    let (app, dev) = spawn_app_with_developer().await;
    let (secret, _) = turn_on_totp(&app, &dev).await;
    let before = app.count("SELECT COUNT(*) FROM sessions").await;
    // Ten pending sign-ins from ten browsers would be capped at five per account; ten
    // submissions of one code for one pending sign-in race the same conditional updates.
    let (client, pending) = app.pending_sign_in(DEV).await;
    let code = app.code_now(&secret);
    let answers =
        futures::future::join_all((0..10).map(|_| prove(&app, &client, &pending, "totp", &code)))
            .await;
    let statuses: Vec<u16> = answers.iter().map(|a| a.status().as_u16()).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| [200, 404, 422, 429].contains(s)),
        "{statuses:?}"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, before + 1);
}

#[tokio::test]
async fn a_recovery_code_signs_in_once_and_new_codes_replace_the_old_ones() {
    let (app, dev) = spawn_app_with_developer().await;
    let (_, codes) = turn_on_totp(&app, &dev).await;

    let (client, pending) = app.pending_sign_in(DEV).await;
    let upper = codes[3].to_uppercase();
    let used = prove(&app, &client, &pending, "recovery_code", &upper).await;
    assert_eq!(used.status(), 200, "read without case");
    let status: Value = dev.get_json("/api/v1/account/two-factor").await;
    assert_eq!(status["recovery_codes_left"], 9);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM recovery_codes WHERE used_at IS NOT NULL")
            .await,
        1
    );

    let (client, pending) = app.pending_sign_in(DEV).await;
    let again = prove(&app, &client, &pending, "recovery_code", &codes[3]).await;
    let again = json_with_status(again, 422).await;
    assert!(again["fields"]["code"]
        .as_str()
        .unwrap()
        .contains("not right"));

    let renewed = dev
        .post("/api/v1/account/two-factor/recovery-codes", &json!({}))
        .await;
    let renewed = json_with_status(renewed, 200).await;
    assert_eq!(renewed["codes"].as_array().unwrap().len(), 10);
    let old = prove(&app, &client, &pending, "recovery_code", &codes[4]).await;
    assert_eq!(old.status(), 422, "earlier codes stop working");
    let new = renewed["codes"][0].as_str().unwrap();
    let fresh = prove(&app, &client, &pending, "recovery_code", new).await;
    assert_eq!(fresh.status(), 200);
    let events = account_events(&app).await.join("\n");
    assert!(
        events.contains(r#"{"kind":"recovery_code_used","left":9}"#),
        "{events}"
    );
}

#[tokio::test]
async fn wrong_huge_and_look_alike_codes_are_refused_with_a_clear_message() {
    let (app, dev) = spawn_app_with_developer().await;
    turn_on_totp(&app, &dev).await;
    let (client, pending) = app.pending_sign_in(DEV).await;
    let cases = [
        ("totp", "12345".to_owned(), "6 digits (0 to 9)"),
        ("totp", "12a456".to_owned(), "6 digits (0 to 9)"),
        ("totp", "١٢٣٤٥٦".to_owned(), "6 digits (0 to 9)"),
        ("totp", "1".repeat(1000), "too long for a code"),
        (
            "recovery_code",
            "аbcd-efgh-ijkl-mnop".to_owned(),
            "16 letters and digits",
        ),
        (
            "recovery_code",
            "abcd-efgh-ijkl-mno".to_owned(),
            "16 letters and digits",
        ),
        ("recovery_code", String::new(), "Enter a code"),
    ];
    for (method, code, message) in cases {
        let refused = prove(&app, &client, &pending, method, &code).await;
        assert_eq!(refused.status(), 422, "{method} {code:?}");
        let body: Value = refused.json().await.unwrap();
        assert!(body.to_string().contains(message), "{code:?}: {body}");
    }
    let huge = prove(&app, &client, &pending, "totp", &"1".repeat(20_000)).await;
    assert_eq!(huge.status(), 413, "bodies are small");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM account_audit WHERE event LIKE '%second_factor_failed%'")
            .await,
        0,
        "malformed codes never reach the check"
    );
}

#[tokio::test]
async fn guessing_codes_is_throttled_like_passwords_even_the_right_code() {
    let (app, dev) = spawn_app_with_developer().await;
    let (secret, _) = turn_on_totp(&app, &dev).await;
    let (client, pending) = app.pending_sign_in(DEV).await;
    let right = app.code_now(&secret);
    let wrong = if right == "111111" {
        "222222"
    } else {
        "111111"
    };
    for _ in 0..5 {
        let refused = prove(&app, &client, &pending, "totp", wrong).await;
        assert_eq!(refused.status(), 422);
    }
    let throttled = prove(&app, &client, &pending, "totp", &right).await;
    assert_eq!(throttled.status(), 429);
    assert!(
        header_text(&throttled, reqwest::header::RETRY_AFTER)
            .parse::<u64>()
            .unwrap()
            > 0
    );
    let body: Value = throttled.json().await.unwrap();
    assert_eq!(body["error"], "rate_limited");
}

#[tokio::test]
async fn a_pending_sign_in_expires_after_five_minutes() {
    let (app, dev) = spawn_app_with_developer().await;
    let (secret, _) = turn_on_totp(&app, &dev).await;
    let (client, pending) = app.pending_sign_in(DEV).await;
    app.clock.advance(5 * 60);
    let late = prove(&app, &client, &pending, "totp", &app.code_now(&secret)).await;
    let late = json_with_status(late, 404).await;
    assert!(late["message"].as_str().unwrap().contains("Sign in again"));
    let forged = prove(&app, &client, "psi_not-a-real-one", "totp", "123456").await;
    assert_eq!(forged.status(), 404);
}

#[tokio::test]
async fn turning_the_app_off_needs_a_current_code_and_then_a_password_is_enough() {
    let (app, dev) = spawn_app_with_developer().await;
    let (secret, _) = turn_on_totp(&app, &dev).await;
    let wrong = dev
        .post(
            "/api/v1/account/two-factor/totp/off",
            &json!({ "code": "000000" }),
        )
        .await;
    assert_eq!(wrong.status(), 422);
    let off = dev
        .post(
            "/api/v1/account/two-factor/totp/off",
            &json!({ "code": app.code_now(&secret) }),
        )
        .await;
    assert_eq!(off.status(), 204);
    assert_eq!(app.count("SELECT COUNT(*) FROM totp_factors").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM recovery_codes").await, 0);
    let (_, outcome) = app.password_step(DEV).await;
    assert_eq!(outcome["outcome"], "signed_in");
    assert!(account_events(&app)
        .await
        .join("\n")
        .contains("totp_disabled"));
}

#[tokio::test]
async fn the_password_grant_is_refused_for_an_account_with_a_second_factor() {
    let (app, dev) = spawn_app_with_developer().await;
    let legacy = dev
        .client_app(&draft_with_grants("Legacy", &["password", "refresh_token"]))
        .await;
    let grant = [
        ("grant_type", "password"),
        ("username", DEV),
        ("password", PASSWORD),
    ];
    let before = app.token_request(&legacy, &grant).await;
    assert_eq!(before.status(), 200);
    turn_on_totp(&app, &dev).await;
    let refused = app.token_request(&legacy, &grant).await;
    let error = json_with_status(refused, 400).await;
    assert_eq!(error["error"], "invalid_grant");
    assert!(error["error_description"]
        .as_str()
        .unwrap()
        .contains("second factor"));
}

#[tokio::test]
async fn under_the_policy_a_developer_without_a_factor_may_only_set_one_up() {
    let app = spawn_app().await;
    let admin = app.sign_up_admin("admin@example.com").await;
    let dev = app.sign_up(DEV).await;
    let not_admin = dev
        .put(
            "/api/v1/admin/two-factor-policy",
            &json!({ "required": true }),
        )
        .await;
    assert_eq!(not_admin.status(), 403);
    assert_eq!(set_policy(&admin, true).await, json!({ "required": true }));

    // Sessions from before the policy are not cut short; the next sign-in is setup-only.
    assert_eq!(dev.get("/api/v1/apps").await.status(), 200);
    let dev = app.sign_in(DEV, PASSWORD).await;
    let who: Value = dev.get_json("/api/v1/session").await;
    assert_eq!(who["second_factor_setup_required"], true);
    for (method, path) in [
        ("GET", "/api/v1/apps"),
        ("GET", "/api/v1/teams"),
        ("GET", "/api/v1/account/sessions"),
        ("POST", "/api/v1/account/two-factor/recovery-codes"),
    ] {
        let response = dev
            .request(method.parse().unwrap(), path)
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        let body = json_with_status(response, 403).await;
        assert_eq!(body["error"], "second_factor_setup_required", "{path}");
    }
    let status: Value = dev.get_json("/api/v1/account/two-factor").await;
    assert_eq!(status["required"], true);

    turn_on_totp(&app, &dev).await;
    assert_free_once_set_up(&dev).await;

    // Lifting the policy frees setup-only sessions at once.
    let other = app.sign_up("other@example.com").await;
    assert_eq!(other.get("/api/v1/apps").await.status(), 403);
    set_policy(&admin, false).await;
    assert_eq!(other.get("/api/v1/apps").await.status(), 200);
    let signed_out = other.delete("/api/v1/session").await;
    assert_eq!(signed_out.status(), 204);
}
