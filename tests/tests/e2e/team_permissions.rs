//! A team's apps and APIs: every role, and a person outside the team, against every action.
//! Allowed actions succeed; refused ones are 403 for members (404 for outsiders, who are not
//! told the app exists) and leave the database as it was. Also: the audit log names the person
//! who acted on a team's app. What lists show is in `team_lists`.

use serde_json::{json, Value};

use clientele_tests::apis::api_draft;
use clientele_tests::console_api::{app_draft, app_draft_with_scopes, ConsoleUser};
use clientele_tests::{texts_of, TestApp};

use crate::teams_api::{refusal, Cast, Who, EVERYONE};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AppAction {
    Read,
    Update,
    Delete,
    NewSecret,
    RevokeSecret,
    Reset,
}

const APP_ACTIONS: [AppAction; 6] = [
    AppAction::Read,
    AppAction::Update,
    AppAction::Delete,
    AppAction::NewSecret,
    AppAction::RevokeSecret,
    AppAction::Reset,
];

/// Registers an app owned by the team; its client id.
pub async fn team_app(owner: &ConsoleUser, slug: &str, name: &str) -> String {
    owner.register_team_app(slug, name).await
}

/// Everything an action on the app could change, as stored.
async fn app_rows(app: &TestApp, client_id: &str) -> Vec<String> {
    let mut rows: Vec<String> = sqlx::query_as::<_, (String, i64)>(
        "SELECT name, updated_at FROM apps WHERE client_id = $1",
    )
    .bind(client_id)
    .fetch_all(app.state.store.pool())
    .await
    .unwrap()
    .into_iter()
    .map(|(name, updated)| format!("app {name} {updated}"))
    .collect();
    let secrets: Vec<(String, Option<i64>)> = sqlx::query_as(
        "SELECT id, revoked_at FROM client_secrets WHERE client_id = $1 ORDER BY id",
    )
    .bind(client_id)
    .fetch_all(app.state.store.pool())
    .await
    .unwrap();
    rows.extend(
        secrets
            .into_iter()
            .map(|(id, revoked)| format!("secret {id} {revoked:?}")),
    );
    rows
}

async fn act_on_app(
    owner: &ConsoleUser,
    person: &ConsoleUser,
    client_id: &str,
    action: AppAction,
) -> u16 {
    let path = format!("/api/v1/apps/{client_id}");
    let response = match action {
        AppAction::Read => person.get(&path).await,
        AppAction::Update => person.put(&path, &app_draft("Renamed App")).await,
        AppAction::Delete => person.delete(&path).await,
        AppAction::NewSecret => person.post(&format!("{path}/secrets"), &json!({})).await,
        AppAction::RevokeSecret => {
            let secrets = owner.secrets_of(client_id).await;
            let id = secrets[0]["id"].as_str().unwrap();
            person.delete(&format!("{path}/secrets/{id}")).await
        }
        AppAction::Reset => person.post(&format!("{path}/reset"), &json!({})).await,
    };
    response.status().as_u16()
}

fn success(action: AppAction) -> u16 {
    match action {
        AppAction::Delete => 204,
        AppAction::NewSecret => 201,
        _ => 200,
    }
}

#[tokio::test]
async fn every_role_against_every_action_on_a_team_app() {
    let (app, cast) = Cast::spawn().await;
    for (n, action) in APP_ACTIONS.into_iter().enumerate() {
        for (m, who) in EVERYONE.into_iter().enumerate() {
            let slug = cast.team(&format!("Apps {n} {m}")).await;
            let client_id = team_app(&cast.owner, &slug, "Team App").await;
            let before = app_rows(&app, &client_id).await;
            let status = act_on_app(&cast.owner, cast.person(who), &client_id, action).await;
            let after = app_rows(&app, &client_id).await;
            let allowed = match action {
                AppAction::Read => who != Who::Outsider,
                _ => matches!(who, Who::Owner | Who::Admin | Who::Developer),
            };
            if allowed {
                assert_eq!(status, success(action), "{who:?} {action:?}");
                if action != AppAction::Read {
                    assert_ne!(before, after, "{who:?} {action:?} changed the app");
                }
            } else {
                assert_eq!(status, refusal(who), "{who:?} {action:?}");
                assert_eq!(before, after, "{who:?} {action:?} changed nothing");
            }
        }
    }
}

#[tokio::test]
async fn every_role_against_reading_and_deleting_a_team_api() {
    let (app, cast) = Cast::spawn().await;
    for (n, delete) in [false, true].into_iter().enumerate() {
        for (m, who) in EVERYONE.into_iter().enumerate() {
            let slug = cast.team(&format!("Apis {n} {m}")).await;
            let mut draft = api_draft(
                "Team API",
                &format!("https://api{n}{m}.example.com"),
                &[&format!("notes{n}{m}")],
            );
            draft["team"] = json!(slug);
            let created = cast.owner.register_api(&draft).await;
            assert_eq!(created["api"]["team"], slug.as_str());
            let id = created["api"]["id"].as_str().unwrap().to_owned();
            let count = "SELECT COUNT(*) FROM apis";
            let before = app.count(count).await;
            let person = cast.person(who);
            let path = format!("/api/v1/apis/{id}");
            let status = if delete {
                person.delete(&path).await.status().as_u16()
            } else {
                person.get(&path).await.status().as_u16()
            };
            let allowed = if delete {
                matches!(who, Who::Owner | Who::Admin | Who::Developer)
            } else {
                who != Who::Outsider
            };
            match (allowed, delete) {
                (true, true) => {
                    assert_eq!(status, 204, "{who:?} delete");
                    assert_eq!(app.count(count).await, before - 1);
                }
                (true, false) => assert_eq!(status, 200, "{who:?} read"),
                (false, _) => {
                    assert_eq!(status, refusal(who), "{who:?} delete={delete}");
                    assert_eq!(app.count(count).await, before);
                }
            }
        }
    }
}

#[tokio::test]
async fn the_audit_log_of_a_team_app_names_each_person_who_acted() {
    let (_app, cast, slug) = Cast::spawn_with_team("Audited").await;
    let client_id = team_app(&cast.owner, &slug, "Audited App").await;
    let path = format!("/api/v1/apps/{client_id}");
    let created = cast
        .developer
        .post(&format!("{path}/secrets"), &json!({}))
        .await;
    assert_eq!(created.status(), 201);
    let updated = cast.admin.put(&path, &app_draft("Audited App 2")).await;
    assert_eq!(updated.status(), 200);
    let log: Vec<Value> = cast.viewer.get_json(&format!("{path}/audit")).await;
    let actors = texts_of(&log, "actor_email");
    for email in [
        "owner@example.com",
        "developer@example.com",
        "admin@example.com",
    ] {
        assert!(actors.contains(&email), "{email} in {actors:?}");
    }
    // A team with an app is not deleted; once the app is gone, it is.
    let refused = cast.owner.delete(&format!("/api/v1/teams/{slug}")).await;
    let body = clientele_tests::json_with_status(refused, 409).await;
    assert!(body["message"].as_str().unwrap().contains("still owns"));
    assert_eq!(cast.owner.delete(&path).await.status(), 204);
    let deleted = cast.owner.delete(&format!("/api/v1/teams/{slug}")).await;
    assert_eq!(deleted.status(), 204);
}

#[tokio::test]
async fn registering_into_a_team_needs_a_role_that_may() {
    let (app, cast, slug) = Cast::spawn_with_team("Gatekept").await;
    let mut draft = app_draft("Sneaky App");
    draft["team"] = json!(slug);
    let viewer = cast.viewer.post("/api/v1/apps", &draft).await;
    assert_eq!(viewer.status(), 403);
    let outsider = cast.outsider.post("/api/v1/apps", &draft).await;
    let body = clientele_tests::json_with_status(outsider, 422).await;
    assert!(body["fields"]["team"].is_string(), "{body}");
    draft["team"] = json!("\u{0430}cme");
    let spoofed = cast.owner.post("/api/v1/apps", &draft).await;
    let body = clientele_tests::json_with_status(spoofed, 422).await;
    assert!(body["fields"]["team"].is_string(), "{body}");
    assert_eq!(app.count("SELECT COUNT(*) FROM apps").await, 0);

    // An edit names the app's own team or none; another team is refused.
    let client_id = team_app(&cast.developer, &slug, "Fine App").await;
    let other = cast.developer.create_team("Other").await;
    let mut moved = app_draft("Fine App");
    moved["team"] = other["slug"].clone();
    let response = cast
        .developer
        .put(&format!("/api/v1/apps/{client_id}"), &moved)
        .await;
    let body = clientele_tests::json_with_status(response, 422).await;
    assert!(body["fields"]["team"].is_string(), "{body}");
}

#[tokio::test]
async fn a_teams_private_api_is_for_the_teams_apps_only() {
    let (_app, cast, slug) = Cast::spawn_with_team("Private").await;
    let mut draft = api_draft("Team Notes", "https://notes.example.com", &["teamnotes"]);
    draft["team"] = json!(slug);
    cast.developer.register_api(&draft).await;

    let mut team_draft = app_draft_with_scopes("Team Client", "teamnotes:read openid");
    team_draft["team"] = json!(slug);
    let created = cast.developer.register_app(&team_draft).await;
    assert_eq!(created["app"]["scopes"], "teamnotes:read openid");

    // The same person's own app, and an outsider's, may not use it.
    let personal = app_draft_with_scopes("Personal Client", "teamnotes:read openid");
    for person in [&cast.developer, &cast.outsider] {
        let refused = person.refused_registration(&personal).await;
        assert!(refused["fields"]["scopes"].is_string(), "{refused}");
    }
    // Members see it in the API list, with its team; others do not.
    let listed: Vec<Value> = cast.viewer.get_json("/api/v1/apis").await;
    let notes = listed
        .iter()
        .find(|api| api["name"] == "Team Notes")
        .unwrap();
    assert_eq!(notes["team"], slug.as_str());
    assert_eq!(notes["mine"], false, "a viewer changes nothing");
    let theirs: Vec<Value> = cast.outsider.get_json("/api/v1/apis").await;
    assert!(theirs.iter().all(|api| api["name"] != "Team Notes"));
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InvitationAction {
    Invite,
    InviteOwner,
    List,
    Revoke,
    RevokeOwnerInvitation,
}

const INVITATION_ACTIONS: [InvitationAction; 5] = [
    InvitationAction::Invite,
    InvitationAction::InviteOwner,
    InvitationAction::List,
    InvitationAction::Revoke,
    InvitationAction::RevokeOwnerInvitation,
];

#[tokio::test]
async fn every_role_against_every_action_on_invitations() {
    let (app, cast) = Cast::spawn().await;
    for (n, action) in INVITATION_ACTIONS.into_iter().enumerate() {
        for (m, who) in EVERYONE.into_iter().enumerate() {
            let slug = cast.team(&format!("Invites {n} {m}")).await;
            let pending = cast
                .owner
                .invite(&slug, "pending@example.com", "viewer")
                .await;
            let future_owner = cast.owner.invite(&slug, "heir@example.com", "owner").await;
            let path = format!("/api/v1/teams/{slug}/invitations");
            let before = app.invitation_rows(&slug).await;
            let person = cast.person(who);
            let response = match action {
                InvitationAction::Invite => {
                    let body = json!({ "email": "newcomer@example.com", "role": "developer" });
                    person.post(&path, &body).await
                }
                InvitationAction::InviteOwner => {
                    let body = json!({ "email": "newcomer@example.com", "role": "owner" });
                    person.post(&path, &body).await
                }
                InvitationAction::List => person.get(&path).await,
                InvitationAction::Revoke => person.revoke_invitation(&slug, &pending).await,
                InvitationAction::RevokeOwnerInvitation => {
                    person.revoke_invitation(&slug, &future_owner).await
                }
            };
            let status = response.status().as_u16();
            let after = app.invitation_rows(&slug).await;
            let allowed = match action {
                InvitationAction::InviteOwner | InvitationAction::RevokeOwnerInvitation => {
                    who == Who::Owner
                }
                _ => matches!(who, Who::Owner | Who::Admin),
            };
            if allowed {
                let expected = match action {
                    InvitationAction::Invite | InvitationAction::InviteOwner => 201,
                    InvitationAction::List => 200,
                    InvitationAction::Revoke | InvitationAction::RevokeOwnerInvitation => 204,
                };
                assert_eq!(status, expected, "{who:?} {action:?}");
                if action != InvitationAction::List {
                    assert_ne!(before, after, "{who:?} {action:?} changed the invitations");
                }
            } else {
                assert_eq!(status, refusal(who), "{who:?} {action:?}");
                assert_eq!(before, after, "{who:?} {action:?} changed nothing");
            }
        }
    }
}

/// Who owns the API, as stored: `(owner_id's email, team slug)`.
async fn api_owner_row(app: &TestApp, id: &str) -> (String, Option<String>) {
    sqlx::query_as(
        "SELECT u.email, t.slug FROM apis a JOIN users u ON u.id = a.owner_id \
         LEFT JOIN teams t ON t.id = a.team_id WHERE a.id = $1",
    )
    .bind(id)
    .fetch_one(app.state.store.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn every_role_against_moving_an_api_out_of_and_into_a_team() {
    let (app, cast) = Cast::spawn().await;
    for (n, into_team) in [false, true].into_iter().enumerate() {
        for (m, who) in EVERYONE.into_iter().enumerate() {
            let slug = cast.team(&format!("Moves {n} {m}")).await;
            let person = cast.person(who);
            let mut draft = api_draft(
                "Moving API",
                &format!("https://moving{n}{m}.example.com"),
                &[&format!("moving{n}{m}")],
            );
            // Out of the team: the team's API to the person; into it: the person's own API.
            let registrant = if into_team {
                person
            } else {
                draft["team"] = json!(slug);
                &cast.owner
            };
            let id = registrant.api_id(&draft).await;
            let before = api_owner_row(&app, &id).await;
            let body = if into_team {
                json!({ "team": slug })
            } else {
                json!({ "team": null })
            };
            let response = person.put(&format!("/api/v1/apis/{id}/owner"), &body).await;
            let status = response.status().as_u16();
            let answer: Value = response.json().await.unwrap();
            let after = api_owner_row(&app, &id).await;
            if matches!(who, Who::Owner | Who::Admin | Who::Developer) {
                assert_eq!(status, 200, "{who:?} into={into_team}: {answer}");
                let expected = if into_team {
                    (person.email.clone(), Some(slug.clone()))
                } else {
                    (person.email.clone(), None)
                };
                assert_eq!(after, expected, "{who:?} into={into_team}");
                assert_eq!(answer["id"], id.as_str());
            } else {
                // An outsider moving their own API into a team they are not in is told, on the
                // `team` field, that they have no such team (as for apps).
                let expected = match (who, into_team) {
                    (Who::Outsider, true) => 422,
                    _ => refusal(who),
                };
                assert_eq!(status, expected, "{who:?} into={into_team}: {answer}");
                assert_eq!(before, after, "{who:?} into={into_team} changed nothing");
            }
        }
    }
}
