//! A team's own log (`GET /api/v1/teams/{slug}/audit`): every change to its members,
//! invitations and holdings, with the person who made it, newest first; members (viewers too)
//! read it, others are told nothing, and it never holds a link.

use serde_json::{json, Value};

use clientele_tests::console_api::PASSWORD;
use clientele_tests::teams::link_of;

use crate::teams_api::Cast;

#[tokio::test]
async fn the_team_log_records_each_change_with_who_made_it_newest_first() {
    let (app, cast, slug) = Cast::spawn_with_team("Logged").await;
    let members = format!("/api/v1/teams/{slug}/members");
    let changed = cast
        .admin
        .put(
            &format!("{members}/target@example.com"),
            &json!({ "role": "viewer" }),
        )
        .await;
    assert_eq!(changed.status(), 204);
    let invited = cast.admin.invite_newcomer(&slug, "developer").await;
    let token = invited["link"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let revoked = cast.owner.revoke_invitation(&slug, &invited).await;
    assert_eq!(revoked.status(), 204);
    let invited = cast.admin.invite_newcomer(&slug, "developer").await;
    let newcomer = app.sign_in("newcomer@example.com", PASSWORD).await;
    assert_eq!(newcomer.accept(link_of(&invited)).await.status(), 200);
    let removed = cast
        .owner
        .delete(&format!("{members}/target@example.com"))
        .await;
    assert_eq!(removed.status(), 204);
    // An app and an API moved in and out.
    let app_created = cast
        .developer
        .register_app(&clientele_tests::console_api::app_draft("Wandering App"))
        .await;
    let client_id = app_created["app"]["client_id"].as_str().unwrap();
    let owner_path = format!("/api/v1/apps/{client_id}/owner");
    let moved_in = cast
        .developer
        .put(&owner_path, &json!({ "team": slug }))
        .await;
    assert_eq!(moved_in.status(), 200);
    let moved_out = cast
        .developer
        .put(&owner_path, &json!({ "team": null }))
        .await;
    assert_eq!(moved_out.status(), 200);
    let api = cast
        .developer
        .register_api(&clientele_tests::apis::api_draft(
            "Wandering API",
            "https://wander.example.com",
            &["wander"],
        ))
        .await;
    let api_id = api["api"]["id"].as_str().unwrap();
    let api_moved = cast
        .developer
        .put(
            &format!("/api/v1/apis/{api_id}/owner"),
            &json!({ "team": slug }),
        )
        .await;
    assert_eq!(api_moved.status(), 200);

    // Viewers read it; outsiders are told nothing.
    let log: Vec<Value> = cast
        .viewer
        .get_json(&format!("/api/v1/teams/{slug}/audit"))
        .await;
    let seen: Vec<(String, String)> = log
        .iter()
        .map(|entry| {
            (
                entry["event"]["kind"].as_str().unwrap().to_owned(),
                entry["actor"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected: Vec<(&str, &str)> = vec![
        ("api_transferred", "developer@example.com"),
        ("app_transferred", "developer@example.com"),
        ("app_transferred", "developer@example.com"),
        ("member_removed", "owner@example.com"),
        ("invitation_accepted", "newcomer@example.com"),
        ("invitation_sent", "admin@example.com"),
        ("invitation_revoked", "owner@example.com"),
        ("invitation_sent", "admin@example.com"),
        ("role_changed", "admin@example.com"),
        ("member_added", "owner@example.com"),
        ("member_added", "owner@example.com"),
        ("member_added", "owner@example.com"),
        ("member_added", "owner@example.com"),
        ("team_created", "owner@example.com"),
    ];
    let expected: Vec<(String, String)> = expected
        .into_iter()
        .map(|(kind, actor)| (kind.to_owned(), actor.to_owned()))
        .collect();
    assert_eq!(seen, expected);
    assert_eq!(log[1]["event"]["into_team"], false);
    assert_eq!(log[2]["event"]["into_team"], true);
    assert_eq!(log[0]["event"]["api_id"], api_id);
    assert_eq!(log[8]["event"]["before"], "developer");
    assert_eq!(log[8]["event"]["after"], "viewer");
    let text = serde_json::to_string(&log).unwrap();
    assert!(
        !text.contains(&token) && !text.contains("inv_"),
        "no link in the log"
    );

    let outsider = cast
        .outsider
        .get(&format!("/api/v1/teams/{slug}/audit"))
        .await;
    assert_eq!(outsider.status(), 404);
}
