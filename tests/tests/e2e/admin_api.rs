//! The administrators' console API for clients that register themselves (issue 18): who may
//! call it, initial access tokens (mint, list, revoke, refused once revoked or used up),
//! self-registered clients (list, delete, take over, two administrators racing), and the
//! built-in API's visibility as the authorization endpoint and registration honour it.

use clientele::config::RegistrationMode;
use clientele_tests::console_api::{app_draft, ConsoleUser};
use clientele_tests::oauth::{location_params, param, REDIRECT_URI};
use clientele_tests::registration::{
    call, confidential_metadata, register, register_confidential, registration_attempt, server,
    server_with_admin, Registered,
};
use clientele_tests::{json_with_status, text_at, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use shared::registered_api::ApiVisibility;
use std::time::Duration;

/// `method path` as `user` (or nobody: a client with no session), with a JSON body.
async fn as_user(
    app: &TestApp,
    user: Option<&ConsoleUser>,
    method: Method,
    path: &str,
    body: Option<&Value>,
) -> StatusCode {
    let mut request = match user {
        Some(user) => user.request(method, path),
        None => app.new_client().request(method, app.url(path)),
    };
    if let Some(body) = body {
        request = request.json(body);
    }
    request.send().await.unwrap().status()
}

async fn self_registered(admin: &ConsoleUser) -> Vec<Value> {
    let response = admin.get("/api/v1/self-registered-clients").await;
    let body = json_with_status(response, 200).await;
    body.as_array().unwrap().clone()
}

async fn take_over(admin: &ConsoleUser, client_id: &str, email: &str) -> reqwest::Response {
    admin
        .post(
            &format!("/api/v1/self-registered-clients/{client_id}/take-over"),
            &json!({ "developer_email": email }),
        )
        .await
}

/// Whether `user`'s "My apps" lists the app `client_id`.
async fn lists(user: &ConsoleUser, client_id: &str) -> bool {
    let page: Value = user.get_json("/api/v1/apps").await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|app| app["client_id"] == client_id)
}

async fn set_built_in_visibility(admin: &ConsoleUser, visibility: &str) {
    let response = admin
        .put("/api/v1/built-in-api", &json!({ "visibility": visibility }))
        .await;
    assert_eq!(
        json_with_status(response, 200).await["visibility"],
        visibility
    );
}

#[tokio::test]
async fn every_admin_endpoint_answers_401_signed_out_403_to_developers_and_works_for_administrators(
) {
    let (app, admin) = server_with_admin(RegistrationMode::Open).await;
    let developer = app.sign_up("dev@example.com").await;
    let to_delete = register_confidential(&app, "Delete me").await;
    let to_take = register_confidential(&app, "Take me").await;
    let token_id = admin.mint_initial_access_token(1, 1).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let clients = "/api/v1/self-registered-clients";
    let delete_path = format!("{clients}/{}", to_delete.client.client_id);
    let take_path = format!("{clients}/{}/take-over", to_take.client.client_id);
    let token_path = format!("/api/v1/initial-access-tokens/{token_id}");
    let take_body = json!({ "developer_email": "dev@example.com" });
    // (method, path, body, what an administrator gets)
    let table: [(Method, &str, Option<Value>, u16); 8] = [
        (Method::GET, "/api/v1/initial-access-tokens", None, 200),
        (
            Method::POST,
            "/api/v1/initial-access-tokens",
            Some(json!({"uses": 1, "days": 1})),
            201,
        ),
        (Method::DELETE, &token_path, None, 204),
        (Method::GET, clients, None, 200),
        (Method::DELETE, &delete_path, None, 204),
        (Method::POST, &take_path, Some(take_body), 204),
        (Method::GET, "/api/v1/built-in-api", None, 200),
        (
            Method::PUT,
            "/api/v1/built-in-api",
            Some(json!({"visibility": "anyone"})),
            200,
        ),
    ];
    for (method, path, body, admin_status) in &table {
        let who = [
            ("signed out", None, 401),
            ("a developer", Some(&developer), 403),
        ];
        for (name, user, expected) in who {
            let status = as_user(&app, user, method.clone(), path, body.as_ref()).await;
            assert_eq!(status, expected, "{method} {path} by {name}");
        }
        let status = as_user(&app, Some(&admin), method.clone(), path, body.as_ref()).await;
        assert_eq!(status, *admin_status, "{method} {path} by an administrator");
    }
    // Nothing a refused caller sent changed anything: the developer got the client only from
    // the administrator, and one token (the administrator's second) is left.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM initial_access_tokens")
            .await,
        1
    );
}

#[tokio::test]
async fn minted_tokens_are_shown_once_listed_without_their_value_and_refused_once_revoked_or_used_up(
) {
    let (app, admin) = server_with_admin(RegistrationMode::Token).await;

    // Per-field messages from the shared rules, under the field they are about.
    for (body, field, message) in [
        (json!({"uses": 0, "days": 1}), "uses", "between 1 and 1,000"),
        (
            json!({"uses": 1001, "days": 1}),
            "uses",
            "between 1 and 1,000",
        ),
        (
            json!({"uses": 1, "days": 91}),
            "days",
            "between 1 and 90 days",
        ),
        (json!({"uses": 1, "days": "ten"}), "days", "invalid type"),
        (json!({"uses": 1.5, "days": 1}), "uses", "invalid type"),
        (
            json!({"uses": i64::MAX, "days": 1}),
            "uses",
            "between 1 and 1,000",
        ),
    ] {
        let response = admin.post("/api/v1/initial-access-tokens", &body).await;
        let refused = json_with_status(response, 422).await;
        let said = refused["fields"][field].as_str().unwrap_or_default();
        assert!(said.contains(message), "{body}: {refused}");
    }

    // A body past the console API's limit is refused before it is read into memory.
    let huge = json!({"uses": 1, "days": 1, "padding": "x".repeat(3 * 1024 * 1024)});
    let response = admin.post("/api/v1/initial-access-tokens", &huge).await;
    assert_eq!(response.status(), 413);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM initial_access_tokens")
            .await,
        0
    );

    let minted = admin.mint_initial_access_token(1, 7).await;
    let token = minted["token"].as_str().unwrap().to_owned();
    assert!(token.starts_with("cia_"));
    assert_eq!(minted["uses"], 1);
    let listed = json_with_status(admin.get("/api/v1/initial-access-tokens").await, 200).await;
    let text = listed.to_string();
    assert!(!text.contains(&token), "the list never shows a token");
    assert_eq!(listed[0]["id"], minted["id"]);
    assert_eq!(listed[0]["uses_left"], 1);
    assert_eq!(listed[0]["created_by"], "admin@example.com");
    assert_eq!(
        listed[0]["expires_at"].as_i64().unwrap() - listed[0]["created_at"].as_i64().unwrap(),
        7 * 86_400
    );

    // One use: the first registration spends it, the second is refused in RFC 7591 form.
    let first = register(&app, Some(&token), &confidential_metadata("First")).await;
    let listed = json_with_status(admin.get("/api/v1/initial-access-tokens").await, 200).await;
    assert_eq!(listed[0]["uses_left"], 0);
    let (status, body) =
        registration_attempt(&app, Some(&token), &confidential_metadata("Second")).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_token"))
    );
    let clients = self_registered(&admin).await;
    assert_eq!(clients.len(), 1);
    assert_eq!(clients[0]["client_id"], first.client.client_id.as_str());
    assert_eq!(clients[0]["registered_with"], "token");

    // A revoked token registers nothing, even with uses left; revoking twice is 404.
    let revoked = admin.mint_initial_access_token(50, 1).await;
    let path = format!(
        "/api/v1/initial-access-tokens/{}",
        revoked["id"].as_str().unwrap()
    );
    assert_eq!(admin.delete(&path).await.status(), 204);
    let (status, body) = registration_attempt(
        &app,
        revoked["token"].as_str(),
        &confidential_metadata("Third"),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_token"))
    );
    assert_eq!(admin.delete(&path).await.status(), 404);
    assert_eq!(
        admin
            .delete("/api/v1/initial-access-tokens/iat_%E2%80%8Bnothing")
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn a_client_taken_over_is_the_developers_app_and_its_registration_token_stops_working() {
    let (app, admin) = server_with_admin(RegistrationMode::Open).await;
    let developer = app.sign_up("dev@example.com").await;
    let Registered {
        client,
        registration_access_token,
    } = register_confidential(&app, "Terminal Notes").await;
    let config_path = format!("/oauth/register/{}", client.client_id);

    let listed = self_registered(&admin).await;
    assert_eq!(listed[0]["name"], "Terminal Notes");
    assert_eq!(listed[0]["redirect_uris"], json!([REDIRECT_URI]));
    assert_eq!(listed[0]["registered_with"], "open");
    assert_eq!(listed[0]["management_token_active"], true);
    assert_eq!(listed[0]["last_used_at"], Value::Null);
    assert!(!lists(&developer, &client.client_id).await);

    // Bad requests change nothing: no such account, the owner of self-registered clients, an
    // email that is not one, a client that does not exist.
    for (email, field) in [
        ("nobody@example.com", "no console account"),
        ("self-registered@clientele.invalid", "no console account"),
        ("not an email", "email"),
        // A look-alike (Cyrillic "а") is another address, which nobody has.
        ("dev@ex\u{430}mple.com", "no console account"),
    ] {
        let response = take_over(&admin, &client.client_id, email).await;
        let refused = json_with_status(response, 422).await;
        let said = refused["fields"]["developer_email"]
            .as_str()
            .unwrap_or_default()
            .to_lowercase();
        assert!(said.contains(field), "{email}: {refused}");
    }
    let long = format!("{}@example.com", "a".repeat(10_000));
    let response = take_over(&admin, &client.client_id, &long).await;
    let refused = json_with_status(response, 422).await;
    assert!(
        text_at(&refused, "/fields/developer_email").contains("254"),
        "{refused}"
    );
    let missing = take_over(&admin, "no-such-client", "dev@example.com").await;
    assert_eq!(missing.status(), 404);
    let (status, _) = call(
        &app,
        Method::GET,
        &config_path,
        Some(&registration_access_token),
        None,
    )
    .await;
    assert_eq!(status, 200, "still self-registered");

    assert_eq!(
        take_over(&admin, &client.client_id, "dev@example.com")
            .await
            .status(),
        204
    );
    assert!(
        lists(&developer, &client.client_id).await,
        "the developer's console lists it"
    );
    let detail: Value = developer
        .get_json(&format!("/api/v1/apps/{}", client.client_id))
        .await;
    assert_eq!(detail["name"], "Terminal Notes");
    let audit: Value = developer
        .get_json(&format!("/api/v1/apps/{}/audit", client.client_id))
        .await;
    let taken = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["event"]["kind"] == "taken_over")
        .expect("an audit entry for the take-over");
    assert_eq!(taken["event"]["developer_email"], "dev@example.com");
    assert_eq!(taken["actor_email"], "admin@example.com");

    // RFC 7592 management ended: the old registration access token is refused for every method.
    for method in [Method::GET, Method::PUT, Method::DELETE] {
        let body = confidential_metadata("Hijacked");
        let (status, answer) = call(
            &app,
            method.clone(),
            &config_path,
            Some(&registration_access_token),
            Some(&body),
        )
        .await;
        assert_eq!(status, 401, "{method}: {answer}");
        assert_eq!(answer["error"], "invalid_token");
    }
    assert!(self_registered(&admin).await.is_empty());
    let again = take_over(&admin, &client.client_id, "admin@example.com").await;
    assert_eq!(again.status(), 409, "already taken over");
    // Neither is it deleted as a self-registered client, nor cleaned up as an unused one.
    let path = format!("/api/v1/self-registered-clients/{}", client.client_id);
    assert_eq!(admin.delete(&path).await.status(), 404);
    // (A cut-off in the future rather than a clock moved on, which would end the sessions.)
    app.state
        .store
        .delete_unused_registrations(app.state.now() + 400 * 86_400)
        .await
        .unwrap();
    assert!(lists(&developer, &client.client_id).await);
    // A developer's own app is nobody's to take over.
    let own = developer.client_app(&app_draft("Own app")).await;
    let response = take_over(&admin, &own.client_id, "admin@example.com").await;
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn deleting_a_self_registered_client_ends_its_tokens_and_its_registration() {
    let (app, admin) = server_with_admin(RegistrationMode::Open).await;
    let person = app.sign_up("person@example.com").await;
    let registered = register_confidential(&app, "Notes").await;
    let code = app
        .authorization_code(&person, &registered.client, "files:read", None)
        .await;
    let tokens = app.exchange(&registered.client, &code).await;
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(app.resource(access, "/api/v1/files").await.status(), 200);
    let listed = self_registered(&admin).await;
    assert!(listed[0]["last_used_at"].as_i64().is_some(), "{listed:?}");

    let path = format!(
        "/api/v1/self-registered-clients/{}",
        registered.client.client_id
    );
    assert_eq!(admin.delete(&path).await.status(), 204);
    assert_eq!(app.resource(access, "/api/v1/files").await.status(), 401);
    let refreshed = app
        .refresh_request(
            &registered.client,
            tokens["refresh_token"].as_str().unwrap(),
        )
        .await;
    assert_eq!(refreshed.status(), 401, "the client itself is gone");
    let (status, _) = call(
        &app,
        Method::GET,
        &format!("/oauth/register/{}", registered.client.client_id),
        Some(&registered.registration_access_token),
        None,
    )
    .await;
    assert_eq!(status, 401);
    assert!(self_registered(&admin).await.is_empty());
    assert_eq!(admin.delete(&path).await.status(), 404);
}

#[tokio::test]
async fn of_two_administrators_taking_over_one_client_at_once_exactly_one_wins() {
    let app = server(RegistrationMode::Open).await;
    let first = app.sign_up_admin("first-admin@example.com").await;
    let second = app.sign_up_admin("second-admin@example.com").await;
    app.sign_up("ada@example.com").await;
    app.sign_up("bob@example.com").await;
    for round in 0..5 {
        let registered = register_confidential(&app, &format!("Race {round}")).await;
        let client_id = registered.client.client_id.as_str();
        let (a, b) = tokio::join!(
            take_over(&first, client_id, "ada@example.com"),
            take_over(&second, client_id, "bob@example.com"),
        );
        let mut statuses = [a.status().as_u16(), b.status().as_u16()];
        statuses.sort();
        assert_eq!(statuses, [204, 409], "round {round}");
        let winner = if a.status() == 204 {
            "ada@example.com"
        } else {
            "bob@example.com"
        };
        let owner: String = sqlx::query_scalar(
            "SELECT u.email FROM apps a JOIN users u ON u.id = a.owner_id WHERE a.client_id = $1",
        )
        .bind(client_id)
        .fetch_one(app.state.store.pool())
        .await
        .unwrap();
        assert_eq!(owner, winner, "round {round}");
        let entries: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_events WHERE client_id = $1 AND event LIKE '%taken_over%'",
        )
        .bind(client_id)
        .fetch_one(app.state.store.pool())
        .await
        .unwrap();
        assert_eq!(entries, 1, "round {round}");
    }
}

#[tokio::test]
async fn the_built_in_api_s_visibility_decides_whether_self_registered_clients_may_ask_for_its_scopes(
) {
    let (app, admin) = server_with_admin(RegistrationMode::Open).await;
    let person = app.sign_up("person@example.com").await;
    let stays = register_confidential(&app, "Stays").await;
    let taken = register_confidential(&app, "Taken").await;
    assert_eq!(
        take_over(&admin, &taken.client.client_id, "person@example.com")
            .await
            .status(),
        204
    );
    let settings = json_with_status(admin.get("/api/v1/built-in-api").await, 200).await;
    assert_eq!(settings["visibility"], "anyone", "the default");
    let refused = admin
        .put("/api/v1/built-in-api", &json!({"visibility": "everyone"}))
        .await;
    assert!(json_with_status(refused, 422).await["fields"]["visibility"].is_string());

    set_built_in_visibility(&admin, "developers").await;
    // The cache is dropped at once on this node: the very next request sees it (RFC 6749
    // section 4.1.2.1: invalid_scope, back at the client's redirect URI).
    let refused = app
        .authorize_scope(&person, &stays.client, "files:read")
        .await;
    assert_eq!(refused.status(), 303);
    let params = location_params(&refused);
    assert_eq!(param(&params, "error").as_deref(), Some("invalid_scope"));
    let why = param(&params, "error_description").unwrap();
    assert!(why.contains("clients that registered themselves"), "{why}");
    // Registering for its scopes is refused too (RFC 7591 section 3.2.2).
    let (status, body) = registration_attempt(&app, None, &confidential_metadata("Newcomer")).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_client_metadata"))
    );
    // The taken-over client is a developer's app now: the limit does not apply to it.
    let code = app
        .authorization_code(&person, &taken.client, "files:read", None)
        .await;
    app.exchange(&taken.client, &code).await;
    let apis: Value = admin.get_json("/api/v1/apis").await;
    assert_eq!(apis[0]["visibility"], "developers");

    // Private closes it to every app, developers' included.
    set_built_in_visibility(&admin, "private").await;
    let refused = app
        .authorize_scope(&person, &taken.client, "files:read")
        .await;
    let params = location_params(&refused);
    assert_eq!(param(&params, "error").as_deref(), Some("invalid_scope"));

    set_built_in_visibility(&admin, "anyone").await;
    let code = app
        .authorization_code(&person, &stays.client, "files:read", None)
        .await;
    app.exchange(&stays.client, &code).await;

    // Changed beside the server (`clientele api visibility`, another node): no cache of this
    // node is dropped, and the change is seen once the catalogue is older than its MAX_AGE.
    clientele::apis::built_in::set_visibility(
        &app.state.store,
        None,
        ApiVisibility::Developers,
        "command line",
    )
    .await
    .unwrap();
    tokio::time::sleep(clientele::apis::catalogue::MAX_AGE + Duration::from_millis(100)).await;
    let refused = app
        .authorize_scope(&person, &stays.client, "files:read")
        .await;
    let params = location_params(&refused);
    assert_eq!(param(&params, "error").as_deref(), Some("invalid_scope"));
}
