//! Teams through the console API: creating one and filling it with members in given roles.

use serde_json::{json, Value};

use crate::console_api::ConsoleUser;
use crate::smtp_sink::SmtpSink;
use crate::TestApp;

impl ConsoleUser {
    /// Creates a team named `name` (its slug suggested by the name); the `TeamDetail` body.
    pub async fn create_team(&self, name: &str) -> Value {
        let response = self.post("/api/v1/teams", &json!({ "name": name })).await;
        let status = response.status();
        let body: Value = response.json().await.expect("JSON body");
        assert_eq!(status, 201, "creating a team failed: {body}");
        body
    }

    /// Creates a team named `name` ([`ConsoleUser::create_team`]); its slug.
    pub async fn team_slug(&self, name: &str) -> String {
        let team = self.create_team(name).await;
        team["slug"].as_str().expect("a team's slug").to_owned()
    }

    /// Registers an app (`app_draft(name)`) that the team `slug` owns; returns its client id.
    pub async fn register_team_app(&self, slug: &str, name: &str) -> String {
        let mut draft = crate::console_api::app_draft(name);
        draft["team"] = json!(slug);
        let created = self.register_app(&draft).await;
        assert_eq!(created["app"]["team"], slug);
        created["app"]["client_id"].as_str().unwrap().to_owned()
    }

    /// Adds the account `email` to the team as `role`, which must succeed.
    pub async fn add_to_team(&self, slug: &str, email: &str, role: &str) {
        let response = self
            .post(
                &format!("/api/v1/teams/{slug}/members"),
                &json!({ "email": email, "role": role }),
            )
            .await;
        assert_eq!(response.status(), 201, "adding {email} as {role}");
    }

    /// Invites `email` into the team as `role`, which must succeed; the `CreatedInvitation`.
    pub async fn invite(&self, slug: &str, email: &str, role: &str) -> Value {
        let response = self
            .post(
                &format!("/api/v1/teams/{slug}/invitations"),
                &json!({ "email": email, "role": role }),
            )
            .await;
        let status = response.status();
        let body: Value = response.json().await.expect("JSON body");
        assert_eq!(status, 201, "inviting {email} as {role}: {body}");
        body
    }

    /// The team's pending invitations as its list shows them (`GET …/invitations`).
    pub async fn invitations(&self, slug: &str) -> Vec<Value> {
        self.get_json(&format!("/api/v1/teams/{slug}/invitations"))
            .await
    }

    /// Invites `newcomer@example.com` (an account the team suites make) as `role`.
    pub async fn invite_newcomer(&self, slug: &str, role: &str) -> Value {
        self.invite(slug, "newcomer@example.com", role).await
    }

    /// Revokes `invitation` (a created or listed invitation, by its `id`) of the team `slug`,
    /// whatever the answer.
    pub async fn revoke_invitation(&self, slug: &str, invitation: &Value) -> reqwest::Response {
        let id = invitation["id"].as_str().expect("an invitation's id");
        self.delete(&format!("/api/v1/teams/{slug}/invitations/{id}"))
            .await
    }

    /// Accepts the invitation whose link is `link` (`{issuer}/invitations/{token}`).
    pub async fn accept(&self, link: &str) -> reqwest::Response {
        self.post(&format!("/api/v1{}/accept", link_path(link)), &json!({}))
            .await
    }
}

/// The link of a created invitation (its `link`, shown once).
pub fn link_of(invitation: &Value) -> &str {
    invitation["link"].as_str().expect("an invitation link")
}

/// `/invitations/{token}` from a link.
pub fn link_path(link: &str) -> String {
    let at = link.find("/invitations/").expect("an invitation link");
    link[at..].to_owned()
}

impl SmtpSink {
    /// A server that mails through this sink ([`SmtpSink::app_mailing_here`]), with
    /// owner@example.com signed up and owning the team `name`: the server, the owner and the
    /// team's slug.
    pub async fn team_mailing_here(&self, name: &str) -> (TestApp, ConsoleUser, String) {
        let app = self.app_mailing_here().await;
        let owner = app.sign_up("owner@example.com").await;
        let slug = owner.team_slug(name).await;
        (app, owner, slug)
    }
}

impl TestApp {
    /// What the link offers, asked by someone signed out: the status and body.
    pub async fn preview_invitation(&self, link: &str) -> (u16, Value) {
        let response = self
            .new_client()
            .get(self.url(&format!("/api/v1{}", link_path(link))))
            .send()
            .await
            .expect("preview request");
        let status = response.status().as_u16();
        (status, response.json().await.expect("JSON body"))
    }

    /// The team's invitations as stored, `(email, role, used, revoked)`, sorted.
    pub async fn invitation_rows(&self, slug: &str) -> Vec<(String, String, bool, bool)> {
        let rows: Vec<(String, String, Option<i64>, Option<i64>)> = sqlx::query_as(
            "SELECT i.email, i.role, i.used_at, i.revoked_at FROM team_invitations i \
             JOIN teams t ON t.id = i.team_id WHERE t.slug = $1",
        )
        .bind(slug)
        .fetch_all(self.state.store.pool())
        .await
        .expect("invitation rows");
        let mut rows: Vec<_> = rows
            .into_iter()
            .map(|(email, role, used, revoked)| (email, role, used.is_some(), revoked.is_some()))
            .collect();
        rows.sort();
        rows
    }

    /// The team's memberships as stored, `(email, role)` by email: what a refused change must
    /// leave as it was.
    pub async fn team_rows(&self, slug: &str) -> Vec<(String, String)> {
        sqlx::query_as(
            "SELECT u.email, m.role FROM team_members m JOIN users u ON u.id = m.user_id \
             JOIN teams t ON t.id = m.team_id WHERE t.slug = $1 ORDER BY u.email",
        )
        .bind(slug)
        .fetch_all(self.state.store.pool())
        .await
        .expect("team rows")
    }
}
