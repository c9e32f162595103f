//! Passkeys through the console API, with a software passkey (`software_passkey.rs`) in place
//! of a device: what a stranger would try against the ceremonies (replays, a challenge used
//! twice or by two requests at once, unknown and removed credentials, huge and malformed
//! bodies, look-alike names, filling the challenge table), and the rules that hold for the
//! person (their own passkeys only, an audit entry without key material).

use clientele_tests::console_api::ConsoleUser;
use clientele_tests::software_passkey::{add_passkey, encode, SoftwarePasskey};
use clientele_tests::{spawn_app, spawn_app_at_localhost, TestApp};
use serde_json::{json, Value};

/// The answer's status and JSON body, whatever the status.
async fn json_with_status(answer: reqwest::Response) -> (u16, Value) {
    let status = answer.status().as_u16();
    (status, answer.json().await.unwrap_or(Value::Null))
}

/// A developer of a server at `localhost` with one passkey, "Laptop".
async fn developer_with_passkey() -> (TestApp, ConsoleUser, SoftwarePasskey, String) {
    let app = spawn_app_at_localhost().await;
    let developer = app.sign_up("dev@example.com").await;
    let (passkey, id) = add_passkey(&app, &developer, "Laptop").await;
    (app, developer, passkey, id)
}

/// A sign-in challenge, asked for by a client without a session.
async fn sign_in_challenge(app: &TestApp) -> Value {
    let answer = app
        .post("/api/v1/session/passkey/options", &json!({}))
        .await;
    assert_eq!(answer.status(), 200);
    answer.json().await.unwrap()
}

/// Posts an answer to a sign-in challenge from a fresh client; status and body.
async fn finish_sign_in(app: &TestApp, challenge_id: &Value, credential: &Value) -> (u16, Value) {
    let body = json!({ "challenge_id": challenge_id, "credential": credential });
    let answer = app
        .post_from(&app.new_client(), "/api/v1/session/passkey", &body)
        .await;
    json_with_status(answer).await
}

/// A fresh sign-in challenge and `passkey`'s answer to it (not yet sent).
async fn answered_challenge(app: &TestApp, passkey: &mut SoftwarePasskey) -> (Value, Value) {
    let challenge = sign_in_challenge(app).await;
    let credential = passkey.sign_in(&challenge["options"]);
    (challenge, credential)
}

/// Asserts that `expected` sessions exist; `whose` says whose they are.
async fn assert_session_count(app: &TestApp, expected: i64, whose: &str) {
    let sessions = app.count("SELECT COUNT(*) FROM sessions").await;
    assert_eq!(sessions, expected, "{whose}");
}

async fn sign_in_with(app: &TestApp, passkey: &mut SoftwarePasskey) -> (u16, Value) {
    let (challenge, credential) = answered_challenge(app, passkey).await;
    finish_sign_in(app, &challenge["challenge_id"], &credential).await
}

/// Signs in with `passkey`, which must be refused (401) with a message that contains `words`.
async fn assert_sign_in_refused(app: &TestApp, passkey: &mut SoftwarePasskey, words: &str) {
    let (status, body) = sign_in_with(app, passkey).await;
    assert_eq!(status, 401, "{body}");
    assert!(body["message"].as_str().unwrap().contains(words));
}

#[tokio::test]
async fn a_passkey_signs_its_person_in_without_an_email_and_the_use_is_recorded() {
    let (app, developer, mut passkey, id) = developer_with_passkey().await;
    let challenge = sign_in_challenge(&app).await;
    let options = &challenge["options"]["publicKey"];
    assert_eq!(options["userVerification"], "required");
    assert_eq!(options["rpId"], "localhost");
    assert_eq!(
        options["allowCredentials"],
        json!([]),
        "discoverable: no email, no list"
    );

    let credential = passkey.sign_in(&challenge["options"]);
    let (status, session) = finish_sign_in(&app, &challenge["challenge_id"], &credential).await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(session["account"]["email"], "dev@example.com");
    let list: Value = developer.get_json("/api/v1/account/passkeys").await;
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["name"], "Laptop");
    assert!(list[0]["last_used_at"].is_i64(), "{list}");
    let stored: String = app.scalar("SELECT credential FROM passkeys").await;
    assert!(
        stored.contains("\"counter\":1"),
        "the signature counter is kept"
    );

    let events = app
        .scalars::<String>("SELECT event FROM account_audit ORDER BY at, id")
        .await;
    assert_eq!(events.len(), 2, "{events:?}");
    assert!(events[0].contains("passkey_added") && events[1].contains("signed_in_with_passkey"));
    let credential_id = encode(&passkey.credential_id);
    for event in &events {
        assert!(
            !event.contains(&credential_id),
            "no credential in the log: {event}"
        );
        assert!(
            !event.contains("challenge"),
            "no challenge in the log: {event}"
        );
    }
}

#[tokio::test]
async fn a_replayed_answer_and_a_challenge_used_twice_are_refused() {
    let (app, _developer, mut passkey, _) = developer_with_passkey().await;
    let (challenge, credential) = answered_challenge(&app, &mut passkey).await;
    let (status, _) = finish_sign_in(&app, &challenge["challenge_id"], &credential).await;
    assert_eq!(status, 200);

    // The same answer again: its challenge is spent.
    let (status, body) = finish_sign_in(&app, &challenge["challenge_id"], &credential).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (404, Some("not_found")),
        "{body}"
    );
    assert!(body["message"].as_str().unwrap().contains("already used"));
    // The same answer against a fresh challenge: it signed another one.
    let fresh = sign_in_challenge(&app).await;
    let (status, body) = finish_sign_in(&app, &fresh["challenge_id"], &credential).await;
    assert_eq!(status, 401, "{body}");
    // A registration challenge cannot finish a sign-in, nor a sign-in challenge twice.
    let (status, _) = finish_sign_in(&app, &fresh["challenge_id"], &credential).await;
    assert_eq!(status, 404);
    assert_session_count(&app, 2, "sign-up's and one").await;
}

#[tokio::test]
async fn two_finishes_of_one_challenge_at_once_start_one_session() {
    let (app, _developer, mut passkey, _) = developer_with_passkey().await;
    let (challenge, credential) = answered_challenge(&app, &mut passkey).await;
    let (first, second) = tokio::join!(
        finish_sign_in(&app, &challenge["challenge_id"], &credential),
        finish_sign_in(&app, &challenge["challenge_id"], &credential),
    );
    let mut statuses = [first.0, second.0];
    statuses.sort();
    assert_eq!(statuses, [200, 404]);
    assert_session_count(&app, 2, "sign-up's and one").await;
}

#[tokio::test]
async fn unknown_and_removed_passkeys_sign_no_one_in() {
    let (app, developer, passkey, id) = developer_with_passkey().await;
    let mut stranger = passkey.with_credential_id(vec![7; 16]);
    assert_sign_in_refused(&app, &mut stranger, "not registered here").await;

    let (mut passkey, id2) = add_passkey(&app, &developer, "Phone").await;
    assert_ne!(id, id2);
    let removed = developer
        .delete(&format!("/api/v1/account/passkeys/{id2}"))
        .await;
    assert_eq!(removed.status(), 204);
    assert_sign_in_refused(&app, &mut passkey, "may have been removed").await;
    let again = developer
        .delete(&format!("/api/v1/account/passkeys/{id2}"))
        .await;
    assert_eq!(again.status(), 404);
}

#[tokio::test]
async fn one_persons_passkeys_and_challenges_are_out_of_anothers_reach() {
    let (app, developer, _passkey, id) = developer_with_passkey().await;
    let other = app.sign_up("other@example.com").await;
    let path = format!("/api/v1/account/passkeys/{id}");
    assert_eq!(
        other.put(&path, &json!({ "name": "Mine" })).await.status(),
        404
    );
    assert_eq!(other.delete(&path).await.status(), 404);
    assert_eq!(
        other.get_json::<Value>("/api/v1/account/passkeys").await,
        json!([])
    );

    // The developer's registration challenge, answered by the other person.
    let challenge = developer
        .post_json("/api/v1/account/passkeys/options", &json!({}))
        .await;
    let (_, credential) = SoftwarePasskey::register(&app.address, &challenge["options"]);
    let body = json!({ "challenge_id": challenge["challenge_id"], "name": "Taken", "credential": credential });
    let (status, _) = json_with_status(other.post("/api/v1/account/passkeys", &body).await).await;
    assert_eq!(status, 404);
    assert_eq!(app.count("SELECT COUNT(*) FROM passkeys").await, 1);
}

#[tokio::test]
async fn a_challenge_expires_after_five_minutes() {
    let (app, _developer, mut passkey, _) = developer_with_passkey().await;
    let (challenge, credential) = answered_challenge(&app, &mut passkey).await;
    app.clock.advance(5 * 60 + 1);
    let (status, _) = finish_sign_in(&app, &challenge["challenge_id"], &credential).await;
    assert_eq!(status, 404);
    app.state
        .store
        .prune_expired(app.state.now())
        .await
        .unwrap();
    assert_eq!(
        app.count("SELECT COUNT(*) FROM passkey_challenges").await,
        0
    );
}

#[tokio::test]
async fn a_stranger_cannot_fill_the_challenge_table() {
    let app = spawn_app_at_localhost().await;
    for _ in 0..10 {
        sign_in_challenge(&app).await;
    }
    let (status, body) = json_with_status(
        app.post("/api/v1/session/passkey/options", &json!({}))
            .await,
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (429, Some("rate_limited")),
        "{body}"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM passkey_challenges").await,
        10
    );
}

#[tokio::test]
async fn huge_and_malformed_answers_are_refused_without_spending_work() {
    let (app, _developer, _passkey, _) = developer_with_passkey().await;
    let challenge = sign_in_challenge(&app).await;
    let huge = json!({ "challenge_id": challenge["challenge_id"], "credential": { "id": "x".repeat(64 * 1024) } });
    let answer = app.post("/api/v1/session/passkey", &huge).await;
    assert_eq!(answer.status(), 413);
    let cases = [
        json!({ "challenge_id": challenge["challenge_id"], "credential": "not an object" }),
        json!({ "challenge_id": challenge["challenge_id"], "credential": { "id": "x" } }),
        json!({ "challenge_id": challenge["challenge_id"], "credential": { "id": "x", "rawId": "!!", "type": "public-key",
            "response": { "clientDataJSON": "", "authenticatorData": "", "signature": "" } } }),
    ];
    for body in cases {
        let (status, refused) =
            json_with_status(app.post("/api/v1/session/passkey", &body).await).await;
        assert_eq!(status, 422, "{body}: {refused}");
        assert!(refused["fields"]["credential"]
            .as_str()
            .unwrap()
            .contains("not a passkey credential"));
    }
    let (status, _) = json_with_status(app.post("/api/v1/session/passkey", &json!({})).await).await;
    assert!(status == 400 || status == 422, "{status}");
    assert_session_count(&app, 1, "only sign-up's").await;
}

#[tokio::test]
async fn passkey_names_are_checked_and_look_alikes_refused() {
    let (_app, developer, _passkey, id) = developer_with_passkey().await;
    let path = format!("/api/v1/account/passkeys/{id}");
    let cases = [
        ("Work laptop", 200, None),
        ("  Téléphone de Zoë ", 200, None),
        ("", 422, Some("Enter a name")),
        ("Lap\u{200D}top", 422, Some("zero-width joiners (U+200D)")),
        (
            "Lap\u{202E}pot",
            422,
            Some("text-direction controls (U+202E)"),
        ),
        ("Lap\ntop", 422, Some("line breaks")),
        (&"x".repeat(65), 422, Some("at most 64 characters")),
    ];
    for (name, expected, message) in cases {
        let (status, body) =
            json_with_status(developer.put(&path, &json!({ "name": name })).await).await;
        assert_eq!(status, expected, "{name:?}: {body}");
        match message {
            Some(message) => assert!(
                body["fields"]["name"]
                    .as_str()
                    .is_some_and(|m| m.contains(message)),
                "{name:?}: {body}"
            ),
            None => assert_eq!(body["name"], name.trim()),
        }
    }
}

#[tokio::test]
async fn a_server_reached_by_an_ip_address_offers_no_passkeys() {
    let app = spawn_app().await;
    let developer = app.sign_up("dev@example.com").await;
    let (status, body) = json_with_status(
        app.post("/api/v1/session/passkey/options", &json!({}))
            .await,
    )
    .await;
    assert_eq!(status, 404);
    assert!(
        body["message"].as_str().unwrap().contains("domain name"),
        "{body}"
    );
    let answer = developer
        .post("/api/v1/account/passkeys/options", &json!({}))
        .await;
    assert_eq!(answer.status(), 404);
}
