//! What users allowed apps, and the "connected apps" a user sees.

use shared::scope::ScopeSet;
use sqlx::FromRow;

use super::{changed, Store, StoreError};

#[derive(Debug, Clone, FromRow)]
pub struct ConnectionRow {
    pub client_id: String,
    #[sqlx(rename = "name")]
    pub app_name: String,
    pub icon_version: Option<i64>,
    pub website: String,
    #[sqlx(try_from = "String")]
    pub scopes: ScopeSet,
    #[sqlx(rename = "created_at")]
    pub granted_at: i64,
    pub last_used_at: Option<i64>,
}

impl Store {
    /// The scopes `user_id` allowed `client_id`, if any. A stored value that does not read as
    /// scopes counts as no consent: the user is asked again, which is always safe.
    pub async fn consent(
        &self,
        user_id: &str,
        client_id: &str,
    ) -> Result<Option<ScopeSet>, StoreError> {
        let query =
            sqlx::query_scalar("SELECT scopes FROM consents WHERE user_id = $1 AND client_id = $2");
        let text: Option<String> = bound!(query, user_id, client_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(text.and_then(|text| text.parse().ok()))
    }

    pub async fn save_consent(
        &self,
        user_id: &str,
        client_id: &str,
        scopes: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        let query = sqlx::query(
            "INSERT INTO consents (user_id, client_id, scopes, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) \
             ON CONFLICT (user_id, client_id) DO UPDATE SET scopes = excluded.scopes, updated_at = excluded.updated_at",
        );
        self.write(bound!(query, user_id, client_id, scopes, now))
            .await?;
        Ok(())
    }

    /// Forgets a consent and revokes every token of that user for that app; `false` when there
    /// was no consent.
    pub async fn revoke_connection(
        &self,
        user_id: &str,
        client_id: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.writer.begin().await?;
        let query = sqlx::query("DELETE FROM consents WHERE user_id = $1 AND client_id = $2");
        let removed = changed(&mut tx, bound!(query, user_id, client_id)).await?;
        let query = sqlx::query("UPDATE tokens SET revoked_at = $3 WHERE user_id = $1 AND client_id = $2 AND revoked_at IS NULL");
        changed(&mut tx, bound!(query, user_id, client_id, now)).await?;
        let query =
            sqlx::query("DELETE FROM authorization_codes WHERE user_id = $1 AND client_id = $2");
        changed(&mut tx, bound!(query, user_id, client_id)).await?;
        tx.commit().await?;
        Ok(removed == 1)
    }

    /// The apps a user has authorized, with when tokens were last issued to them.
    pub async fn connections_of(&self, user_id: &str) -> Result<Vec<ConnectionRow>, StoreError> {
        let query = sqlx::query_as(
            "SELECT c.client_id, a.name, a.icon_version, a.website, c.scopes, c.created_at, \
             (SELECT MAX(t.created_at) FROM tokens t WHERE t.client_id = c.client_id AND t.user_id = c.user_id) AS last_used_at \
             FROM consents c JOIN apps a ON a.client_id = c.client_id WHERE c.user_id = $1 ORDER BY a.name",
        );
        Ok(bound!(query, user_id).fetch_all(&self.pool).await?)
    }
}
