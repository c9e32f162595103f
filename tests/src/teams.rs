//! Teams through the console API: creating one and filling it with members in given roles.

use serde_json::{json, Value};

use crate::console_api::ConsoleUser;
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
}

impl TestApp {
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
