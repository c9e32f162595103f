//! Console sessions.

use sqlx::{FromRow, Row};

use super::users::UserRow;
use super::{Store, StoreError};

pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user_id: &'a str,
    pub csrf_token: &'a str,
    pub created_at: i64,
    pub expires_at: i64,
}

/// A live session and the account it belongs to.
#[derive(Debug, Clone)]
pub struct SessionWithUser {
    pub csrf_token: String,
    /// When the user signed in (OpenID Connect `auth_time`).
    pub created_at: i64,
    pub expires_at: i64,
    pub user: UserRow,
}

impl Store {
    pub async fn insert_session(&self, session: &NewSession<'_>) -> Result<(), StoreError> {
        let query = sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        );
        self.write(bound!(
            query,
            session.token_hash,
            session.user_id,
            session.csrf_token,
            session.created_at,
            session.expires_at
        ))
        .await?;
        Ok(())
    }

    /// The session with this token hash, if it has not expired at `now`.
    pub async fn live_session(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<SessionWithUser>, StoreError> {
        let query = sqlx::query(
            "SELECT s.csrf_token, s.created_at AS session_created_at, s.expires_at, u.id, u.email, u.display_name, u.password_hash, u.is_admin, u.created_at \
             FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2",
        );
        let row = bound!(query, token_hash, now)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(SessionWithUser {
            csrf_token: row.try_get("csrf_token")?,
            created_at: row.try_get("session_created_at")?,
            expires_at: row.try_get("expires_at")?,
            user: UserRow::from_row(&row)?,
        }))
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        let query = bound!(
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1"),
            token_hash
        );
        self.write(query).await?;
        Ok(())
    }

    /// Removes expired sessions; called now and then so the table does not grow forever.
    pub async fn delete_expired_sessions(&self, now: i64) -> Result<u64, StoreError> {
        let query = bound!(
            sqlx::query("DELETE FROM sessions WHERE expires_at <= $1"),
            now
        );
        self.write(query).await
    }
}
