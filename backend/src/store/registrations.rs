//! Dynamic client registration (RFC 7591, RFC 7592): the owner of self-registered clients, their
//! registration access tokens, initial access tokens, and removing registrations never used.

use sqlx::Row;

use super::{Store, StoreError};

/// The account self-registered clients belong to; nobody can sign in as it.
pub const SELF_REGISTERED_OWNER: &str = "usr_self_registered";

impl Store {
    /// Creates the owner of self-registered clients if it does not exist yet.
    pub async fn ensure_self_registered_owner(&self, now: i64) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO users (id, email, display_name, password_hash, is_admin, created_at) \
             VALUES ($1, 'self-registered@clientele.invalid', 'Self-registered clients', '!', 0, $2) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(SELF_REGISTERED_OWNER)
        .bind(now)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Marks an app as registered by itself, with the hash of its registration access token.
    pub async fn mark_dynamic(&self, client_id: &str, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE apps SET registration = 'dynamic', registration_token_hash = $2 WHERE client_id = $1",
        )
        .bind(client_id)
        .bind(token_hash)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// The registration access token hash of a self-registered client (`None` for others).
    pub async fn registration_token_hash(
        &self,
        client_id: &str,
    ) -> Result<Option<String>, StoreError> {
        let row = sqlx::query(
            "SELECT registration_token_hash FROM apps WHERE client_id = $1 AND registration = 'dynamic'",
        )
        .bind(client_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row
            .map(|row| row.try_get::<Option<String>, _>("registration_token_hash"))
            .transpose()?
            .flatten())
    }

    pub async fn insert_initial_access_token(
        &self,
        token_hash: &str,
        created_by: &str,
        uses: i64,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO initial_access_tokens (token_hash, created_by, uses_left, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(created_by)
        .bind(uses)
        .bind(now)
        .bind(expires_at)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Spends one use of a live initial access token; `false` when it is unknown, expired or
    /// used up. Concurrent registrations cannot spend more uses than it has.
    pub async fn spend_initial_access_token(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE initial_access_tokens SET uses_left = uses_left - 1 \
             WHERE token_hash = $1 AND uses_left > 0 AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Deletes self-registered clients (RFC 7591, and clients met through a metadata document,
    /// which anyone can make by naming a new URL) created before `cutoff` that never got a token
    /// and nobody consented to; returns how many.
    pub async fn delete_unused_registrations(&self, cutoff: i64) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "DELETE FROM apps WHERE registration IN ('dynamic', 'document') AND created_at <= $1 \
             AND NOT EXISTS (SELECT 1 FROM tokens t WHERE t.client_id = apps.client_id) \
             AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.client_id = apps.client_id)",
        )
        .bind(cutoff)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected())
    }
}
