//! Team invitations through the console API: a link shown once that works once, for its email
//! only, until it expires; signing up on the way; one member when accepts race; one answer for
//! every link that does not work any more; a second invitation replacing the first. Who may
//! invite, list and revoke is in `team_permissions.rs`; mail in `team_invitation_mail.rs`; the
//! team log in `team_audit.rs`.

use serde_json::{json, Value};

use clientele_tests::console_api::{ConsoleUser, PASSWORD};
use clientele_tests::teams::{link_of, link_path};
use clientele_tests::{json_with_status, spawn_app, TestApp};

use crate::teams_api::Cast;

const NOT_VALID: &str = "not valid any more";

/// `newcomer@example.com` (an account `Cast` makes, not in the team), signed in.
async fn newcomer(app: &TestApp) -> ConsoleUser {
    app.sign_in("newcomer@example.com", PASSWORD).await
}

#[tokio::test]
async fn an_invited_person_previews_the_link_signed_out_accepts_it_once_and_is_a_member() {
    let (app, cast, slug) = Cast::spawn_with_team("Acme").await;
    let created = cast.admin.invite_newcomer(&slug, "developer").await;
    let link = link_of(&created);
    let token = link.rsplit('/').next().unwrap();
    assert_eq!(link, format!("{}/invitations/{token}", app.address));
    assert!(token.starts_with("inv_") && token.len() > 40, "{token}");
    assert_eq!(created["mailed"], false, "no SMTP server is configured");
    assert_eq!(created["email"], "newcomer@example.com");
    assert_eq!(created["invited_by"], "admin@example.com");
    assert_eq!(
        created["expires_at"].as_i64().unwrap() - created["created_at"].as_i64().unwrap(),
        7 * 86_400
    );
    // Only its hash is stored.
    let stored = app
        .count(&format!(
            "SELECT COUNT(*) FROM team_invitations WHERE token_hash = '{}'",
            clientele::crypto::token_hash(token)
        ))
        .await;
    assert_eq!(stored, 1);
    let clear = app
        .count(&format!(
            "SELECT COUNT(*) FROM team_invitations WHERE token_hash LIKE '%{token}%'"
        ))
        .await;
    assert_eq!(clear, 0);

    // The list never shows the link again.
    let listed = cast.owner.invitations(&slug).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], created["id"]);
    assert!(listed[0].get("link").is_none(), "{}", listed[0]);
    assert!(!listed[0].to_string().contains(token));

    let (status, preview) = app.preview_invitation(link).await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["team_name"], "Acme");
    assert_eq!(preview["team_slug"], slug.as_str());
    assert_eq!(preview["role"], "developer");
    assert_eq!(preview["email"], "newcomer@example.com");
    assert_eq!(preview["invited_by"], "admin@example.com");
    assert_eq!(preview["has_account"], true);

    let newcomer = newcomer(&app).await;
    let joined = json_with_status(newcomer.accept(link).await, 200).await;
    assert_eq!(joined["slug"], slug.as_str());
    assert_eq!(joined["name"], "Acme");
    assert_eq!(joined["role"], "developer");
    assert!(app
        .team_rows(&slug)
        .await
        .contains(&("newcomer@example.com".into(), "developer".into())));
    let detail: Value = newcomer.get_json(&format!("/api/v1/teams/{slug}")).await;
    assert_eq!(detail["role"], "developer");

    // Once: the link, its preview and the list are done with it.
    let again = json_with_status(newcomer.accept(link).await, 404).await;
    assert!(
        again["message"].as_str().unwrap().contains(NOT_VALID),
        "{again}"
    );
    assert_eq!(app.preview_invitation(link).await.0, 404);
    let listed = cast.owner.invitations(&slug).await;
    assert!(listed.is_empty(), "{listed:?}");
}

#[tokio::test]
async fn an_invitation_is_accepted_only_by_the_account_with_its_email() {
    let (app, cast, slug) = Cast::spawn_with_team("Exclusive").await;
    // The email is taken in its normal form: trimmed and lower case.
    let created = cast
        .owner
        .invite(&slug, "  NewComer@Example.COM ", "viewer")
        .await;
    assert_eq!(created["email"], "newcomer@example.com");
    let link = link_of(&created);
    let members = app.team_rows(&slug).await;
    let invitations = app.invitation_rows(&slug).await;

    // Someone else with the link: 403 naming the reason, and nothing changes. A member of the
    // team too.
    for person in [&cast.outsider, &cast.developer] {
        let refused = json_with_status(person.accept(link).await, 403).await;
        let message = refused["message"].as_str().unwrap();
        assert!(message.contains("another email"), "{message}");
        assert_eq!(app.team_rows(&slug).await, members);
        assert_eq!(app.invitation_rows(&slug).await, invitations);
    }
    // Signed out, or without the console's CSRF header, nothing happens either.
    let path = format!("/api/v1{}/accept", link_path(link));
    let signed_out = app.post_from(&app.new_client(), &path, &json!({})).await;
    assert_eq!(signed_out.status(), 401);
    let newcomer = newcomer(&app).await;
    let no_csrf = app.post_from(&newcomer.client, &path, &json!({})).await;
    assert_eq!(no_csrf.status(), 403);
    assert_eq!(app.invitation_rows(&slug).await, invitations);

    let joined = json_with_status(newcomer.accept(link).await, 200).await;
    assert_eq!(joined["role"], "viewer");
}

#[tokio::test]
async fn a_person_without_an_account_signs_up_with_the_invited_email_and_then_accepts() {
    let app = spawn_app().await;
    let owner = app.sign_up("owner@example.com").await;
    let slug = owner.team_slug("Growing").await;
    let created = owner.invite(&slug, "fresh@example.com", "admin").await;
    let link = link_of(&created);
    let (status, preview) = app.preview_invitation(link).await;
    assert_eq!(status, 200);
    assert_eq!(preview["has_account"], false, "the page offers to sign up");

    let fresh = app.sign_up("Fresh@Example.com").await;
    let (_, preview) = app.preview_invitation(link).await;
    assert_eq!(preview["has_account"], true);
    let joined = json_with_status(fresh.accept(link).await, 200).await;
    assert_eq!(joined["role"], "admin");
    assert_eq!(
        app.team_rows(&slug).await,
        [
            ("fresh@example.com".to_owned(), "admin".to_owned()),
            ("owner@example.com".to_owned(), "owner".to_owned())
        ]
    );
}

#[tokio::test]
async fn parallel_accepts_of_one_link_add_exactly_one_member() {
    let app = spawn_app().await;
    let owner = app.sign_up("owner@example.com").await;
    let slug = owner.team_slug("Racers").await;
    for round in 0..3 {
        let email = format!("racer{round}@example.com");
        let link = owner.invite(&slug, &email, "developer").await["link"]
            .as_str()
            .unwrap()
            .to_owned();
        // Several sessions of the invited account, all at once.
        app.sign_up(&email).await;
        let mut sessions = Vec::new();
        for _ in 0..4 {
            sessions.push(app.sign_in(&email, PASSWORD).await);
        }
        let statuses =
            futures::future::join_all(sessions.iter().map(|session| session.accept(&link)))
                .await
                .into_iter()
                .map(|response| response.status().as_u16())
                .collect::<Vec<_>>();
        let mut sorted = statuses.clone();
        sorted.sort();
        assert_eq!(sorted, [200, 404, 404, 404], "round {round}: {statuses:?}");
        let members = app
            .count(&format!(
                "SELECT COUNT(*) FROM team_members m JOIN users u ON u.id = m.user_id \
                 WHERE u.email = '{email}'"
            ))
            .await;
        assert_eq!(members, 1, "round {round}");
    }
    let accepted = app
        .count("SELECT COUNT(*) FROM team_audit WHERE event LIKE '%invitation_accepted%'")
        .await;
    assert_eq!(accepted, 3, "one log entry per invitation");
}

#[tokio::test]
async fn every_link_that_does_not_work_gets_the_same_answer() {
    let (app, cast, slug) = Cast::spawn_with_team("Closed").await;

    let revoked = cast.owner.invite_newcomer(&slug, "viewer").await;
    let response = cast.admin.revoke_invitation(&slug, &revoked).await;
    assert_eq!(response.status(), 204);
    let again = cast.admin.revoke_invitation(&slug, &revoked).await;
    assert_eq!(
        again.status(),
        404,
        "a revoked invitation is not revoked twice"
    );

    let used = cast
        .owner
        .invite(&slug, "target2@example.com", "viewer")
        .await;
    let target2 = app.sign_up("target2@example.com").await;
    assert_eq!(target2.accept(link_of(&used)).await.status(), 200);

    let expiring = cast.owner.invite_newcomer(&slug, "viewer").await;
    app.clock.advance(7 * 86_400 + 1);
    // Signed in after the week has passed (sessions are shorter).
    let newcomer = newcomer(&app).await;

    let base = format!("{}/invitations/", app.address);
    let cases: Vec<(&str, String)> = vec![
        ("revoked", link_of(&revoked).to_owned()),
        ("used", link_of(&used).to_owned()),
        ("expired", link_of(&expiring).to_owned()),
        ("unknown", format!("{base}inv_{}", "A".repeat(43))),
        ("empty-looking", format!("{base}inv_")),
        ("huge", format!("{base}inv_{}", "x".repeat(2000))),
        ("look-alike", format!("{base}іnv_{}", "A".repeat(43))),
        ("sql", format!("{base}inv_'%20OR%20'1'='1")),
    ];
    let members = app.team_rows(&slug).await;
    let mut answers = Vec::new();
    for (what, link) in &cases {
        let (status, preview) = app.preview_invitation(link).await;
        assert_eq!(status, 404, "{what}: {preview}");
        let accepted = newcomer.accept(link).await;
        assert_eq!(accepted.status(), 404, "{what}");
        let accepted: Value = accepted.json().await.unwrap();
        assert!(
            accepted["message"].as_str().unwrap().contains(NOT_VALID),
            "{what}: {accepted}"
        );
        answers.push((preview, accepted));
    }
    assert!(
        answers.windows(2).all(|pair| pair[0] == pair[1]),
        "{answers:?}"
    );
    assert_eq!(app.team_rows(&slug).await, members, "nobody joined");
}

#[tokio::test]
async fn a_second_invitation_for_an_email_replaces_the_first() {
    let (app, cast, slug) = Cast::spawn_with_team("Twice").await;
    let first = cast.owner.invite_newcomer(&slug, "viewer").await;
    let second = cast.admin.invite_newcomer(&slug, "developer").await;
    let listed = cast.admin.invitations(&slug).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], second["id"]);
    assert_eq!(listed[0]["role"], "developer");
    assert_eq!(app.preview_invitation(link_of(&first)).await.0, 404);
    let newcomer = newcomer(&app).await;
    assert_eq!(newcomer.accept(link_of(&first)).await.status(), 404);
    let joined = json_with_status(newcomer.accept(link_of(&second)).await, 200).await;
    assert_eq!(joined["role"], "developer");
}

#[tokio::test]
async fn inviting_a_member_or_a_malformed_email_is_refused_on_the_email_field() {
    let (app, cast, slug) = Cast::spawn_with_team("Full").await;
    let path = format!("/api/v1/teams/{slug}/invitations");
    let cases = [
        (
            json!({ "email": "developer@example.com", "role": "viewer" }),
            409,
        ),
        (
            json!({ "email": " Developer@Example.com", "role": "admin" }),
            409,
        ),
        (json!({ "email": "not an email", "role": "viewer" }), 422),
        (
            json!({ "email": format!("{}@example.com", "a".repeat(300)), "role": "viewer" }),
            422,
        ),
        (
            json!({ "email": "newcomer@example.com", "role": "superuser" }),
            422,
        ),
    ];
    for (body, status) in cases {
        let response = cast.owner.post(&path, &body).await;
        let answer = json_with_status(response, status).await;
        if status == 409 {
            assert!(
                answer["fields"]["email"]
                    .as_str()
                    .unwrap()
                    .contains("already a member"),
                "{answer}"
            );
        }
    }
    assert_eq!(app.invitation_rows(&slug).await, []);
}

#[tokio::test]
async fn a_team_has_at_most_a_hundred_pending_invitations() {
    let app = spawn_app().await;
    let owner = app.sign_up("owner@example.com").await;
    let slug = owner.team_slug("Busy").await;
    let mut last = Value::Null;
    for n in 0..100 {
        last = owner
            .invite(&slug, &format!("person{n}@example.com"), "viewer")
            .await;
    }
    // Inviting someone already invited again replaces, which stays within the bound.
    owner
        .invite(&slug, "person0@example.com", "developer")
        .await;
    let path = format!("/api/v1/teams/{slug}/invitations");
    let body = json!({ "email": "one-more@example.com", "role": "viewer" });
    let refused = json_with_status(owner.post(&path, &body).await, 409).await;
    assert!(
        refused["fields"]["email"]
            .as_str()
            .unwrap()
            .contains("100 pending"),
        "{refused}"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM team_invitations WHERE email = 'one-more@example.com'")
            .await,
        0
    );
    let id = last["id"].as_str().unwrap();
    assert_eq!(owner.delete(&format!("{path}/{id}")).await.status(), 204);
    assert_eq!(owner.post(&path, &body).await.status(), 201);
}

#[tokio::test]
async fn someone_added_directly_after_being_invited_is_told_they_are_already_a_member() {
    let (app, cast, slug) = Cast::spawn_with_team("Both Ways").await;
    let created = cast.owner.invite_newcomer(&slug, "admin").await;
    cast.owner
        .add_to_team(&slug, "newcomer@example.com", "viewer")
        .await;
    let newcomer = newcomer(&app).await;
    let refused = json_with_status(newcomer.accept(link_of(&created)).await, 409).await;
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("already a member"),
        "{refused}"
    );
    assert!(
        app.team_rows(&slug)
            .await
            .contains(&("newcomer@example.com".into(), "viewer".into())),
        "the role stays"
    );
}
