//! Two-factor steps the tests share: codes computed as an authenticator app computes them
//! (RFC 6238 with `totp-rs`, from the secret the server showed, at the server's clock),
//! turning an app on through the console API, and the password step of a sign-in.

use clientele::clock::Clock;
use serde_json::{json, Value};
use totp_rs::{Algorithm, Secret, TOTP};

use crate::console_api::{ConsoleUser, PASSWORD};
use crate::{json_with_status, TestApp};

/// The code an app with `secret` (base32, as the server shows it) shows at `time`.
pub fn code_at(secret: &str, time: i64) -> String {
    let bytes = Secret::Encoded(secret.to_owned())
        .to_bytes()
        .expect("a base32 secret");
    TOTP::new_unchecked(Algorithm::SHA1, 6, 0, 30, bytes, None, String::new()).generate(time as u64)
}

impl TestApp {
    /// The server's time now.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// The code the app with `secret` shows now, by the server's clock.
    pub fn code_now(&self, secret: &str) -> String {
        code_at(secret, self.now())
    }

    /// Moves the server's clock to the next 30-second step, where the app shows a new code.
    pub fn next_code_step(&self) {
        self.clock.advance(30);
    }

    /// The password step of a console sign-in: a fresh client and the outcome's JSON.
    pub async fn password_step(&self, email: &str) -> (reqwest::Client, Value) {
        let client = self.new_client();
        let response = self.session_attempt(&client, email, PASSWORD).await;
        (client, json_with_status(response, 200).await)
    }

    /// `GET /api/v1/session` from `client`: who it is signed in as (`null` for nobody).
    pub async fn session_of(&self, client: &reqwest::Client) -> Value {
        let response = client.get(self.url("/api/v1/session")).send().await;
        response
            .expect("session request")
            .json()
            .await
            .expect("JSON")
    }

    /// The pending sign-in of a password step that asked for a second factor.
    pub async fn pending_sign_in(&self, email: &str) -> (reqwest::Client, String) {
        let (client, outcome) = self.password_step(email).await;
        assert_eq!(outcome["outcome"], "second_factor_required", "{outcome}");
        (client, outcome["pending"].as_str().unwrap().to_owned())
    }
}

/// `POST /api/v1/session/second-factor` from `client` with a code (`method`: `totp` or
/// `recovery_code`).
pub async fn prove(
    app: &TestApp,
    client: &reqwest::Client,
    pending: &str,
    method: &str,
    code: &str,
) -> reqwest::Response {
    let proof = json!({ "method": method, "code": code });
    send_proof(app, client, pending, &proof).await
}

/// `POST /api/v1/session/second-factor` from `client` with `proof` as it is (a code, a
/// passkey's answer, or something malformed).
pub async fn send_proof(
    app: &TestApp,
    client: &reqwest::Client,
    pending: &str,
    proof: &Value,
) -> reqwest::Response {
    let body = json!({ "pending": pending, "proof": proof });
    app.post_from(client, "/api/v1/session/second-factor", &body)
        .await
}

/// An authenticator app turned on for `user`: its secret and the ten recovery codes. The
/// clock then moves on a step, so the next code is a new one.
pub async fn turn_on_totp(app: &TestApp, user: &ConsoleUser) -> (String, Vec<String>) {
    let setup = user
        .post("/api/v1/account/two-factor/totp", &json!({}))
        .await;
    let setup = json_with_status(setup, 200).await;
    let secret = setup["secret"].as_str().unwrap().to_owned();
    let confirmed = user
        .post(
            "/api/v1/account/two-factor/totp/confirm",
            &json!({ "code": app.code_now(&secret) }),
        )
        .await;
    let codes = json_with_status(confirmed, 200).await["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|code| code.as_str().unwrap().to_owned())
        .collect();
    app.next_code_step();
    (secret, codes)
}

/// The administrators' policy set to `required` by `admin`; the policy as saved.
pub async fn set_policy(admin: &ConsoleUser, required: bool) -> Value {
    let set = admin
        .put(
            "/api/v1/admin/two-factor-policy",
            &json!({ "required": required }),
        )
        .await;
    json_with_status(set, 200).await
}

/// `user`'s session, setup-only before, is an ordinary one now: it lists apps and says so.
pub async fn assert_free_once_set_up(user: &ConsoleUser) {
    assert_eq!(
        user.get("/api/v1/apps").await.status(),
        200,
        "free once set up"
    );
    let who: Value = user.get_json("/api/v1/session").await;
    assert_eq!(who["second_factor_setup_required"], false);
}
