//! A team's apps and APIs: every role, and a person outside the team, against every action.
//! Allowed actions succeed; refused ones are 403 for members (404 for outsiders, who are not
//! told the app exists) and leave the database as it was. Also: lists show what one's teams
//! own, removing a member ends their access with the next request, and the audit log names
//! the person who acted on a team's app.

use serde_json::{json, Value};

use clientele_tests::apis::api_draft;
use clientele_tests::console_api::{app_draft, ConsoleUser};
use clientele_tests::{spawn_app, TestApp};

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
async fn team_app(owner: &ConsoleUser, slug: &str, name: &str) -> String {
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
    let app = spawn_app().await;
    let cast = Cast::sign_up(&app).await;
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
    let app = spawn_app().await;
    let cast = Cast::sign_up(&app).await;
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
async fn lists_show_the_teams_apps_and_a_removed_member_loses_them_at_once() {
    let app = spawn_app().await;
    let cast = Cast::sign_up(&app).await;
    let slug = cast.team("Acme").await;
    let mine = cast.viewer.register_app(&app_draft("Viewer Own App")).await;
    let mine = mine["app"]["client_id"].as_str().unwrap().to_owned();
    let mut team_ids = Vec::new();
    for n in 0..5 {
        team_ids.push(team_app(&cast.owner, &slug, &format!("Team App {n}")).await);
    }
    cast.outsider.register_app(&app_draft("Elsewhere")).await;

    // Keyset pages of two, newest first: the team's five and the viewer's own one.
    let mut seen = Vec::new();
    let mut order = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(cursor) => format!("/api/v1/apps?limit=2&cursor={cursor}"),
            None => "/api/v1/apps?limit=2".to_owned(),
        };
        let page: Value = cast.viewer.get_json(&path).await;
        assert_eq!(page["total"], 6);
        for item in page["items"].as_array().unwrap() {
            seen.push(item["client_id"].as_str().unwrap().to_owned());
            order.push((
                item["created_at"].as_i64().unwrap(),
                item["client_id"].as_str().unwrap().to_owned(),
            ));
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    // The person's own apps and the team's are one list, newest first across pages.
    assert!(
        order.windows(2).all(|pair| pair[0] > pair[1]),
        "not newest first: {order:?}"
    );
    let mut expected = team_ids.clone();
    expected.push(mine.clone());
    expected.sort();
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(sorted, expected, "each app once, across pages");

    let only_team: Value = cast
        .viewer
        .get_json(&format!("/api/v1/apps?team={slug}"))
        .await;
    assert_eq!(only_team["total"], 5);
    assert!(only_team["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|item| item["team"] == slug.as_str()));
    let other: Value = cast
        .outsider
        .get_json(&format!("/api/v1/apps?team={slug}"))
        .await;
    assert_eq!(other["error"], "not_found", "{other}");

    let removed = cast
        .owner
        .delete(&format!("/api/v1/teams/{slug}/members/viewer@example.com"))
        .await;
    assert_eq!(removed.status(), 204);
    let page: Value = cast.viewer.get_json("/api/v1/apps").await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["client_id"], mine.as_str());
    let gone = cast
        .viewer
        .get(&format!("/api/v1/apps/{}", team_ids[0]))
        .await;
    assert_eq!(gone.status(), 404);
}

#[tokio::test]
async fn lists_narrow_to_ones_own_or_one_teams_and_an_app_says_whether_its_reader_may_change_it() {
    let app = spawn_app().await;
    let cast = Cast::sign_up(&app).await;
    let slug = cast.team("Acme").await;
    let in_team = team_app(&cast.owner, &slug, "Team App").await;
    let own = cast.developer.register_app(&app_draft("Own App")).await;
    let own = own["app"]["client_id"].as_str().unwrap().to_owned();
    // The names listed, sorted: apps made in the same second are ordered by client id.
    let names = |page: &Value| -> Vec<String> {
        let items = page.get("items").unwrap_or(page);
        let mut names: Vec<String> = items
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["name"].as_str().unwrap().to_owned())
            .collect();
        names.sort();
        names
    };
    let lists = [
        ("/api/v1/apps", vec!["Own App", "Team App"]),
        ("/api/v1/apps?owner=me", vec!["Own App"]),
        (&*format!("/api/v1/apps?team={slug}"), vec!["Team App"]),
    ];
    for (path, expected) in lists {
        let page: Value = cast.developer.get_json(path).await;
        assert_eq!(names(&page), expected, "{path}");
        assert_eq!(page["total"], expected.len(), "{path}");
    }

    let mut team_api = api_draft("Team Notes", "https://notes.acme.example", &["notes"]);
    team_api["team"] = json!(slug);
    cast.developer.register_api(&team_api).await;
    let own_api = api_draft("Own Drive", "https://drive.dev.example", &["drive"]);
    cast.developer.register_api(&own_api).await;
    let built_in: Value = cast.developer.get_json("/api/v1/apis").await;
    let built_in = built_in[0]["name"].as_str().unwrap().to_owned();
    let lists = [
        (
            "/api/v1/apis",
            vec![built_in.as_str(), "Team Notes", "Own Drive"],
        ),
        ("/api/v1/apis?owner=me", vec!["Own Drive"]),
        (&*format!("/api/v1/apis?team={slug}"), vec!["Team Notes"]),
    ];
    for (path, expected) in lists {
        let mut expected: Vec<String> = expected.iter().map(|n| n.to_string()).collect();
        expected.sort();
        assert_eq!(
            names(&cast.developer.get_json(path).await),
            expected,
            "{path}"
        );
    }
    let outside = cast
        .outsider
        .get(&format!("/api/v1/apis?team={slug}"))
        .await;
    assert_eq!(outside.status(), 404);
    assert_eq!(
        cast.developer.get("/api/v1/apis?owner=all").await.status(),
        400
    );

    for (who, may_change) in [
        (Who::Owner, true),
        (Who::Admin, true),
        (Who::Developer, true),
        (Who::Viewer, false),
    ] {
        let detail: Value = cast
            .person(who)
            .get_json(&format!("/api/v1/apps/{in_team}"))
            .await;
        assert_eq!(detail["may_change"], may_change, "{who:?}");
    }
    let detail: Value = cast
        .developer
        .get_json(&format!("/api/v1/apps/{own}"))
        .await;
    assert_eq!(detail["may_change"], true);
}

#[tokio::test]
async fn the_audit_log_of_a_team_app_names_each_person_who_acted() {
    let app = spawn_app().await;
    let cast = Cast::sign_up(&app).await;
    let slug = cast.team("Audited").await;
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
    let actors: Vec<&str> = log
        .iter()
        .map(|entry| entry["actor_email"].as_str().unwrap())
        .collect();
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
    let app = spawn_app().await;
    let cast = Cast::sign_up(&app).await;
    let slug = cast.team("Gatekept").await;
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
    let app = spawn_app().await;
    let cast = Cast::sign_up(&app).await;
    let slug = cast.team("Private").await;
    let mut draft = api_draft("Team Notes", "https://notes.example.com", &["teamnotes"]);
    draft["team"] = json!(slug);
    cast.developer.register_api(&draft).await;

    let mut team_draft = app_draft("Team Client");
    team_draft["scopes"] = json!("teamnotes:read openid");
    team_draft["team"] = json!(slug);
    let created = cast.developer.register_app(&team_draft).await;
    assert_eq!(created["app"]["scopes"], "teamnotes:read openid");

    // The same person's own app, and an outsider's, may not use it.
    let mut personal = app_draft("Personal Client");
    personal["scopes"] = json!("teamnotes:read openid");
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
    let app = spawn_app().await;
    let cast = Cast::sign_up(&app).await;
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
                InvitationAction::Revoke => {
                    let id = pending["id"].as_str().unwrap();
                    person.delete(&format!("{path}/{id}")).await
                }
                InvitationAction::RevokeOwnerInvitation => {
                    let id = future_owner["id"].as_str().unwrap();
                    person.delete(&format!("{path}/{id}")).await
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
    let app = spawn_app().await;
    let cast = Cast::sign_up(&app).await;
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
            let created = registrant.register_api(&draft).await;
            let id = created["api"]["id"].as_str().unwrap().to_owned();
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

#[tokio::test]
async fn a_list_of_more_than_ten_thousand_apps_says_so_instead_of_counting_them_all() {
    let app = spawn_app().await;
    let developer = app.sign_up("many@example.com").await;
    let template = developer.register_app(&app_draft("Template App")).await;
    let template = template["app"]["client_id"].as_str().unwrap().to_owned();
    // 10,000 copies of the app straight into the database, older than the template, so with
    // the template the developer has 10,001.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) \
         INSERT INTO apps (client_id, owner_id, name, website, description, client_type, \
           redirect_uris, allowed_origins, scopes, grant_types, privacy_policy_url, terms_url, \
           token_format, id_token_alg, icon_version, disabled, created_at, updated_at, team_id) \
         SELECT 'bulk_' || CAST(n.i AS TEXT), t.owner_id, 'Bulk app', t.website, t.description, \
           t.client_type, t.redirect_uris, t.allowed_origins, t.scopes, t.grant_types, \
           t.privacy_policy_url, t.terms_url, t.token_format, t.id_token_alg, t.icon_version, \
           t.disabled, t.created_at - n.i, t.updated_at, t.team_id \
         FROM n, apps t WHERE t.client_id = $1",
    )
    .bind(&template)
    .execute(app.state.store.pool())
    .await
    .unwrap();

    let page: Value = developer.get_json("/api/v1/apps?limit=20").await;
    assert_eq!(page["total"], 10_000);
    assert_eq!(page["more_than_total"], true);
    assert_eq!(page["items"][0]["client_id"], template.as_str());
    assert_eq!(page["items"].as_array().unwrap().len(), 20);

    // One fewer is counted exactly.
    sqlx::query("DELETE FROM apps WHERE client_id = 'bulk_10000'")
        .execute(app.state.store.pool())
        .await
        .unwrap();
    let page: Value = developer.get_json("/api/v1/apps?limit=20").await;
    assert_eq!(page["total"], 10_000);
    assert_eq!(page["more_than_total"], false);
}
