//! What users allowed apps, and the "connected apps" a user sees.

use shared::scope::ScopeSet;
use sqlx::Row;

use super::{Store, StoreError};

#[derive(Debug, Clone)]
pub struct ConnectionRow {
    pub client_id: String,
    pub app_name: String,
    pub icon_version: Option<i64>,
    pub website: String,
    pub scopes: ScopeSet,
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
        let row = sqlx::query("SELECT scopes FROM consents WHERE user_id = $1 AND client_id = $2")
            .bind(user_id)
            .bind(client_id)
            .fetch_optional(&self.pool)
            .await?;
        let text: Option<String> = row.map(|row| row.try_get("scopes")).transpose()?;
        Ok(text.and_then(|text| text.parse().ok()))
    }

    pub async fn save_consent(
        &self,
        user_id: &str,
        client_id: &str,
        scopes: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO consents (user_id, client_id, scopes, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) \
             ON CONFLICT (user_id, client_id) DO UPDATE SET scopes = excluded.scopes, updated_at = excluded.updated_at",
        )
        .bind(user_id)
        .bind(client_id)
        .bind(scopes)
        .bind(now)
        .execute(&self.writer)
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
        let removed = sqlx::query("DELETE FROM consents WHERE user_id = $1 AND client_id = $2")
            .bind(user_id)
            .bind(client_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        sqlx::query("UPDATE tokens SET revoked_at = $3 WHERE user_id = $1 AND client_id = $2 AND revoked_at IS NULL")
            .bind(user_id)
            .bind(client_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM authorization_codes WHERE user_id = $1 AND client_id = $2")
            .bind(user_id)
            .bind(client_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(removed == 1)
    }

    /// The apps a user has authorized, with when tokens were last issued to them.
    pub async fn connections_of(&self, user_id: &str) -> Result<Vec<ConnectionRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.client_id, a.name, a.icon_version, a.website, c.scopes, c.created_at, \
             (SELECT MAX(t.created_at) FROM tokens t WHERE t.client_id = c.client_id AND t.user_id = c.user_id) AS last_used_at \
             FROM consents c JOIN apps a ON a.client_id = c.client_id WHERE c.user_id = $1 ORDER BY a.name",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ConnectionRow {
                    client_id: row.try_get("client_id")?,
                    app_name: row.try_get("name")?,
                    icon_version: row.try_get("icon_version")?,
                    website: row.try_get("website")?,
                    scopes: super::columns::decoded(row, "scopes", super::columns::parsed)?,
                    granted_at: row.try_get("created_at")?,
                    last_used_at: row.try_get("last_used_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(Into::into)
    }
}
