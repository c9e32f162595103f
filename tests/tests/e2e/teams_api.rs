//! `/api/v1/teams`: creating teams, members and roles, the rule that one owner always remains
//! (also when owners demote each other at once), and who may do what: every role, and a person
//! outside the team, against every action on members (`team_permissions.rs` does the same for
//! the team's apps and APIs).

use serde_json::{json, Value};

use clientele_tests::console_api::ConsoleUser;
use clientele_tests::{spawn_app, texts_of, TestApp};

/// The people of a permission test: one per role, someone outside the team, and two accounts
/// the actions are done to.
pub struct Cast {
    pub owner: ConsoleUser,
    pub admin: ConsoleUser,
    pub developer: ConsoleUser,
    pub viewer: ConsoleUser,
    pub outsider: ConsoleUser,
}

/// Who acts in a row of a permission table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Owner,
    Admin,
    Developer,
    Viewer,
    Outsider,
}

pub const EVERYONE: [Who; 5] = [
    Who::Owner,
    Who::Admin,
    Who::Developer,
    Who::Viewer,
    Who::Outsider,
];

impl Cast {
    /// A fresh server with the cast signed up: where the team suites start.
    pub async fn spawn() -> (TestApp, Cast) {
        let app = spawn_app().await;
        let cast = Cast::sign_up(&app).await;
        (app, cast)
    }

    /// [`Cast::spawn`] and a team of the cast named `name` ([`Cast::team`]); its slug.
    pub async fn spawn_with_team(name: &str) -> (TestApp, Cast, String) {
        let (app, cast) = Cast::spawn().await;
        let slug = cast.team(name).await;
        (app, cast, slug)
    }

    pub async fn sign_up(app: &TestApp) -> Cast {
        for extra in ["target@example.com", "newcomer@example.com"] {
            app.sign_up(extra).await;
        }
        Cast {
            owner: app.sign_up("owner@example.com").await,
            admin: app.sign_up("admin@example.com").await,
            developer: app.sign_up("developer@example.com").await,
            viewer: app.sign_up("viewer@example.com").await,
            outsider: app.sign_up("outsider@example.com").await,
        }
    }

    pub fn person(&self, who: Who) -> &ConsoleUser {
        match who {
            Who::Owner => &self.owner,
            Who::Admin => &self.admin,
            Who::Developer => &self.developer,
            Who::Viewer => &self.viewer,
            Who::Outsider => &self.outsider,
        }
    }

    /// A new team with one member of each role, and `target@example.com` as a developer.
    pub async fn team(&self, name: &str) -> String {
        let slug = self.owner.team_slug(name).await;
        for (email, role) in [
            ("admin@example.com", "admin"),
            ("developer@example.com", "developer"),
            ("viewer@example.com", "viewer"),
            ("target@example.com", "developer"),
        ] {
            self.owner.add_to_team(&slug, email, role).await;
        }
        slug
    }
}

/// The status a refused action gets: 403 for a member whose role does not allow it, 404 for
/// someone outside the team, who is not told that it exists.
pub fn refusal(who: Who) -> u16 {
    if who == Who::Outsider {
        404
    } else {
        403
    }
}

#[derive(Debug, Clone, Copy)]
enum MemberAction {
    Add,
    Remove,
    ChangeRole,
}

async fn act_on_members(person: &ConsoleUser, slug: &str, action: MemberAction) -> u16 {
    let members = format!("/api/v1/teams/{slug}/members");
    let target = format!("{members}/target@example.com");
    let response = match action {
        MemberAction::Add => {
            let body = json!({ "email": "newcomer@example.com", "role": "viewer" });
            person.post(&members, &body).await
        }
        MemberAction::Remove => person.delete(&target).await,
        MemberAction::ChangeRole => person.put(&target, &json!({ "role": "viewer" })).await,
    };
    response.status().as_u16()
}

#[tokio::test]
async fn owners_and_admins_manage_members_and_everyone_else_is_refused_without_a_change() {
    let (app, cast) = Cast::spawn().await;
    for (n, action) in [
        MemberAction::Add,
        MemberAction::Remove,
        MemberAction::ChangeRole,
    ]
    .into_iter()
    .enumerate()
    {
        for (m, who) in EVERYONE.into_iter().enumerate() {
            let slug = cast.team(&format!("Team {n} {m}")).await;
            let before = app.team_rows(&slug).await;
            let status = act_on_members(cast.person(who), &slug, action).await;
            let after = app.team_rows(&slug).await;
            let allowed = matches!(who, Who::Owner | Who::Admin);
            if allowed {
                let expected = match action {
                    MemberAction::Add => 201,
                    _ => 204,
                };
                assert_eq!(status, expected, "{who:?} {action:?}");
                assert_ne!(before, after, "{who:?} {action:?} changed the rows");
            } else {
                assert_eq!(status, refusal(who), "{who:?} {action:?}");
                assert_eq!(before, after, "{who:?} {action:?} changed nothing");
            }
        }
    }
}

#[tokio::test]
async fn admins_neither_make_nor_unmake_owners_and_a_team_keeps_one_owner() {
    let (app, cast, slug) = Cast::spawn_with_team("Acme Labs").await;
    assert_eq!(slug, "acme-labs");
    let members = format!("/api/v1/teams/{slug}/members");
    let before = app.team_rows(&slug).await;
    let promote = json!({ "role": "owner" });
    for response in [
        cast.admin
            .put(&format!("{members}/developer@example.com"), &promote)
            .await,
        cast.admin
            .put(
                &format!("{members}/owner@example.com"),
                &json!({ "role": "viewer" }),
            )
            .await,
        cast.admin
            .delete(&format!("{members}/owner@example.com"))
            .await,
        cast.admin
            .post(
                &members,
                &json!({ "email": "newcomer@example.com", "role": "owner" }),
            )
            .await,
    ] {
        assert_eq!(response.status(), 403);
    }
    assert_eq!(app.team_rows(&slug).await, before);

    // The only owner can neither leave nor step down.
    for response in [
        cast.owner
            .delete(&format!("{members}/owner@example.com"))
            .await,
        cast.owner
            .put(
                &format!("{members}/owner@example.com"),
                &json!({ "role": "admin" }),
            )
            .await,
    ] {
        let body = clientele_tests::json_with_status(response, 409).await;
        assert!(body["message"]
            .as_str()
            .unwrap()
            .contains("at least one owner"));
    }
    assert_eq!(app.team_rows(&slug).await, before);

    // A member leaves on their own, whatever their role; a removed member sees the team no more.
    let viewer_leaves = cast
        .viewer
        .delete(&format!("{members}/viewer@example.com"))
        .await;
    assert_eq!(viewer_leaves.status(), 204);
    assert_eq!(
        cast.viewer
            .get(&format!("/api/v1/teams/{slug}"))
            .await
            .status(),
        404
    );
    let listed: Value = cast.viewer.get_json("/api/v1/teams").await;
    assert_eq!(listed, json!([]));
}

#[tokio::test]
async fn two_owners_demoting_each_other_at_once_leave_one_owner() {
    let (app, cast) = Cast::spawn().await;
    for round in 0..8 {
        let slug = cast.team(&format!("Race {round}")).await;
        let members = format!("/api/v1/teams/{slug}/members");
        let to_owner = json!({ "role": "owner" });
        let admin_up = cast
            .owner
            .put(&format!("{members}/admin@example.com"), &to_owner)
            .await;
        assert_eq!(admin_up.status(), 204);
        let down = json!({ "role": "developer" });
        let (first, second) = if round % 2 == 0 {
            ("owner", "admin")
        } else {
            ("admin", "owner")
        };
        let first_path = format!("{members}/{first}@example.com");
        let second_path = format!("{members}/{second}@example.com");
        // Each owner demotes the other (half the rounds), or removes them, at the same moment.
        let (a, b) = if round < 4 {
            tokio::join!(
                cast.admin.put(&first_path, &down),
                cast.owner.put(&second_path, &down)
            )
        } else {
            tokio::join!(
                cast.admin.delete(&first_path),
                cast.owner.delete(&second_path)
            )
        };
        let mut statuses = [a.status().as_u16(), b.status().as_u16()];
        statuses.sort();
        // The second either finds the team with one owner (409) or, having been demoted
        // itself, lacks the role (403): never both through.
        assert!(
            statuses[0] == 204 && matches!(statuses[1], 403 | 404 | 409),
            "round {round}: {statuses:?}"
        );
        let owners = app
            .team_rows(&slug)
            .await
            .into_iter()
            .filter(|(_, role)| role == "owner")
            .count();
        assert_eq!(owners, 1, "round {round}");
    }
}

#[tokio::test]
async fn slugs_and_names_refuse_look_alikes_and_taken_slugs_are_numbered_or_refused() {
    let app = spawn_app().await;
    let owner = app.sign_up("owner@example.com").await;
    let refused = [
        (json!({ "name": "Acme", "slug": "\u{0430}cme" }), "slug"),
        (json!({ "name": "Acme", "slug": "Acme" }), "slug"),
        (json!({ "name": "Acme", "slug": "ac\u{200B}me" }), "slug"),
        (json!({ "name": "Ac\u{200D}me" }), "name"),
        (json!({ "name": "Acme\u{202E}sbaL" }), "name"),
        (json!({ "name": "x".repeat(100_000) }), "name"),
        // Nothing ASCII to make a slug of: the person is asked for one.
        (json!({ "name": "李明" }), "slug"),
    ];
    for (body, field) in refused {
        let response = owner.post("/api/v1/teams", &body).await;
        let error = clientele_tests::json_with_status(response, 422).await;
        assert!(error["fields"][field].is_string(), "{body}: {error}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM teams").await, 0);

    assert_eq!(owner.create_team("Acme").await["slug"], "acme");
    assert_eq!(owner.create_team("ACME!").await["slug"], "acme-2");
    let chosen = owner
        .post("/api/v1/teams", &json!({ "name": "李明", "slug": "acme" }))
        .await;
    let error = clientele_tests::json_with_status(chosen, 409).await;
    assert!(error["message"].as_str().unwrap().contains("slug"));
    let chosen = owner
        .post(
            "/api/v1/teams",
            &json!({ "name": "李明", "slug": "li-ming" }),
        )
        .await;
    let team = clientele_tests::json_with_status(chosen, 201).await;
    assert_eq!(team["name"], "李明");
    assert_eq!(
        team["members"],
        json!([{ "email": "owner@example.com", "role": "owner", "added_at": team["created_at"] }])
    );

    // A look-alike slug in a path names no team.
    let spoofed = owner.get("/api/v1/teams/\u{0430}cme").await;
    assert_eq!(spoofed.status(), 404);
    let listed: Vec<Value> = owner.get_json("/api/v1/teams").await;
    let slugs = texts_of(&listed, "slug");
    assert_eq!(slugs, ["acme", "acme-2", "li-ming"]);
}

#[tokio::test]
async fn a_team_is_deleted_by_an_owner_only() {
    let (app, cast, slug) = Cast::spawn_with_team("Short Lived").await;
    for who in [Who::Admin, Who::Developer, Who::Viewer, Who::Outsider] {
        let response = cast
            .person(who)
            .delete(&format!("/api/v1/teams/{slug}"))
            .await;
        assert_eq!(response.status(), refusal(who), "{who:?}");
    }
    assert_eq!(app.team_rows(&slug).await.len(), 5);
    let response = cast.owner.delete(&format!("/api/v1/teams/{slug}")).await;
    assert_eq!(response.status(), 204);
    assert!(app.team_rows(&slug).await.is_empty());
    assert_eq!(app.count("SELECT COUNT(*) FROM teams").await, 0);
}
