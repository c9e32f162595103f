//! Moving an app between a person and a team (`PUT /api/v1/apps/{client_id}/owner`): the
//! person must be allowed to change it where it is and to register apps where it goes; the
//! app's scopes must still be offered to its new owner; the audit log names who moved it.

use serde_json::{json, Value};

use clientele_tests::apis::api_draft;
use clientele_tests::console_api::{app_draft, app_draft_with_scopes, ConsoleUser};
use clientele_tests::{json_with_status, TestApp};

use crate::teams_api::Cast;

async fn owner_columns(app: &TestApp, client_id: &str) -> (String, Option<String>) {
    sqlx::query_as("SELECT owner_id, team_id FROM apps WHERE client_id = $1")
        .bind(client_id)
        .fetch_one(app.state.store.pool())
        .await
        .unwrap()
}

async fn move_to(person: &ConsoleUser, client_id: &str, team: Value) -> reqwest::Response {
    person
        .put(
            &format!("/api/v1/apps/{client_id}/owner"),
            &json!({ "team": team }),
        )
        .await
}

async fn personal_app(person: &ConsoleUser, name: &str) -> String {
    person.client_app(&app_draft(name)).await.client_id
}

#[tokio::test]
async fn a_developer_moves_an_app_into_the_team_and_back_and_the_log_names_them() {
    let (_app, cast, slug) = Cast::spawn_with_team("Movers").await;
    let client_id = personal_app(&cast.developer, "Moving App").await;
    assert_eq!(
        cast.viewer
            .get(&format!("/api/v1/apps/{client_id}"))
            .await
            .status(),
        404
    );

    let moved =
        json_with_status(move_to(&cast.developer, &client_id, json!(slug)).await, 200).await;
    assert_eq!(moved["team"], slug.as_str());
    let seen: Value = cast
        .viewer
        .get_json(&format!("/api/v1/apps/{client_id}"))
        .await;
    assert_eq!(seen["team"], slug.as_str());
    let again = move_to(&cast.developer, &client_id, json!(slug)).await;
    assert_eq!(again.status(), 409);

    // The admin takes it out of the team, as their own: the team loses it at once.
    let back = json_with_status(move_to(&cast.admin, &client_id, Value::Null).await, 200).await;
    assert_eq!(back["team"], Value::Null);
    assert_eq!(back["owner_email"], "admin@example.com");
    for person in [&cast.viewer, &cast.developer, &cast.owner] {
        let gone = person.get(&format!("/api/v1/apps/{client_id}")).await;
        assert_eq!(gone.status(), 404);
    }
    let log: Vec<Value> = cast
        .admin
        .get_json(&format!("/api/v1/apps/{client_id}/audit"))
        .await;
    let moves: Vec<(&str, &str)> = log
        .iter()
        .filter(|entry| entry["event"]["kind"] == "owner_changed")
        .map(|entry| {
            (
                entry["actor_email"].as_str().unwrap(),
                entry["event"]["to"].as_str().unwrap(),
            )
        })
        .collect();
    let into_team = format!("the team {slug}");
    assert_eq!(
        moves,
        [
            ("admin@example.com", "admin@example.com"),
            ("developer@example.com", into_team.as_str())
        ]
    );
}

#[tokio::test]
async fn a_move_needs_rights_on_both_sides_and_refused_moves_change_nothing() {
    let (app, cast, slug) = Cast::spawn_with_team("Guarded").await;
    let mut draft = app_draft("Team App");
    draft["team"] = json!(slug);
    let team_app = cast.owner.client_app(&draft).await.client_id;
    let viewers_app = personal_app(&cast.viewer, "Viewer App").await;
    let before = (
        owner_columns(&app, &team_app).await,
        owner_columns(&app, &viewers_app).await,
    );

    // A viewer may neither take the team's app nor bring their own in; an outsider is not told
    // the app exists; a team one is not in is not a place to go.
    let refused = [
        (move_to(&cast.viewer, &team_app, Value::Null).await, 403),
        (move_to(&cast.viewer, &viewers_app, json!(slug)).await, 403),
        (move_to(&cast.outsider, &team_app, Value::Null).await, 404),
        (
            move_to(&cast.outsider, &viewers_app, Value::Null).await,
            404,
        ),
    ];
    for (response, status) in refused {
        assert_eq!(response.status(), status);
    }
    let elsewhere = cast.outsider.create_team("Elsewhere").await;
    let foreign = move_to(&cast.developer, &team_app, elsewhere["slug"].clone()).await;
    let body = json_with_status(foreign, 422).await;
    assert!(body["fields"]["team"].is_string(), "{body}");
    let spoofed = move_to(&cast.owner, &team_app, json!("gu\u{0430}rded")).await;
    assert_eq!(spoofed.status(), 422);
    let after = (
        owner_columns(&app, &team_app).await,
        owner_columns(&app, &viewers_app).await,
    );
    assert_eq!(before, after);
}

#[tokio::test]
async fn an_app_using_its_owners_private_api_cannot_move_where_that_api_is_not_offered() {
    let (app, cast, slug) = Cast::spawn_with_team("Scoped").await;
    cast.developer
        .register_api(&api_draft(
            "Own Notes",
            "https://own.example.com",
            &["ownnotes"],
        ))
        .await;
    let draft = app_draft_with_scopes("Private User", "ownnotes:read openid");
    let client_id = cast.developer.client_app(&draft).await.client_id;
    let before = owner_columns(&app, &client_id).await;
    let response = move_to(&cast.developer, &client_id, json!(slug)).await;
    let body = json_with_status(response, 422).await;
    assert!(body["fields"]["scopes"].is_string(), "{body}");
    assert_eq!(owner_columns(&app, &client_id).await, before);
}

#[tokio::test]
async fn an_api_moves_like_an_app_and_its_privacy_follows_its_owner() {
    let (app, cast, slug) = Cast::spawn_with_team("Api Movers").await;
    let id = cast
        .developer
        .api_id(&api_draft(
            "Ledger",
            "https://ledger.example.com",
            &["ledger"],
        ))
        .await;
    let path = format!("/api/v1/apis/{id}/owner");
    let mut team_app = app_draft_with_scopes("Team Ledger Client", "ledger:read openid");
    team_app["team"] = json!(slug);
    // A private API of the developer's is not the team's.
    let refused = cast.developer.refused_registration(&team_app).await;
    assert!(refused["fields"]["scopes"].is_string(), "{refused}");

    let moved = json_with_status(
        cast.developer.put(&path, &json!({ "team": slug })).await,
        200,
    )
    .await;
    assert_eq!(moved["team"], slug.as_str());
    // Now it is: the team's apps may use it.
    let registered = cast.developer.register_app(&team_app).await;
    assert_eq!(registered["app"]["scopes"], "ledger:read openid");

    let same = cast.developer.put(&path, &json!({ "team": slug })).await;
    let body = json_with_status(same, 409).await;
    assert!(body["fields"]["team"].is_string(), "{body}");
    let builtin = cast
        .developer
        .put("/api/v1/apis/builtin/owner", &json!({ "team": slug }))
        .await;
    assert_eq!(builtin.status(), 403);
    let unknown = cast
        .developer
        .put("/api/v1/apis/api_nothing/owner", &json!({ "team": slug }))
        .await;
    assert_eq!(unknown.status(), 404);

    // While the team's app uses it, it stays; once that app is gone, an admin of the team
    // takes it out, to themselves.
    let kept = cast.admin.put(&path, &json!({ "team": null })).await;
    let body = json_with_status(kept, 422).await;
    assert!(
        body["fields"]["team"]
            .as_str()
            .unwrap()
            .contains("Team Ledger Client"),
        "{body}"
    );
    let team_client = registered["app"]["client_id"].as_str().unwrap();
    let deleted = cast
        .admin
        .delete(&format!("/api/v1/apps/{team_client}"))
        .await;
    assert_eq!(deleted.status(), 204);
    let back = json_with_status(cast.admin.put(&path, &json!({ "team": null })).await, 200).await;
    assert_eq!(back["team"], Value::Null);
    assert_eq!(back["mine"], true);
    let row: (String, Option<String>) = sqlx::query_as(
        "SELECT u.email, a.team_id FROM apis a JOIN users u ON u.id = a.owner_id WHERE a.id = $1",
    )
    .bind(&id)
    .fetch_one(app.state.store.pool())
    .await
    .unwrap();
    assert_eq!(row, ("admin@example.com".to_owned(), None));
}

#[tokio::test]
async fn a_private_api_that_its_owners_apps_use_does_not_move_until_they_stop() {
    let (app, cast, slug) = Cast::spawn_with_team("Careful").await;
    let draft = api_draft("Vault", "https://vault.example.com", &["vault"]);
    let id = cast.developer.api_id(&draft).await;
    let mut client = app_draft_with_scopes("Vault Client", "vault:read openid");
    cast.developer.register_app(&client).await;

    let path = format!("/api/v1/apis/{id}/owner");
    let refused = cast.developer.put(&path, &json!({ "team": slug })).await;
    let body = json_with_status(refused, 422).await;
    let message = body["fields"]["team"].as_str().unwrap();
    assert!(message.contains("\"Vault Client\""), "{message}");
    let team: Option<String> = sqlx::query_scalar("SELECT team_id FROM apis WHERE id = $1")
        .bind(&id)
        .fetch_one(app.state.store.pool())
        .await
        .unwrap();
    assert_eq!(team, None, "it stayed");

    // Once no app of the developer's uses it, it moves.
    client["scopes"] = json!("openid");
    let client_id = cast.developer.get_json::<Value>("/api/v1/apps").await["items"][0]["client_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let updated = cast
        .developer
        .put(&format!("/api/v1/apps/{client_id}"), &client)
        .await;
    assert_eq!(updated.status(), 200);
    let moved = json_with_status(
        cast.developer.put(&path, &json!({ "team": slug })).await,
        200,
    )
    .await;
    assert_eq!(moved["team"], slug.as_str());
}
