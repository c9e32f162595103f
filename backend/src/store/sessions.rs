//! Console sessions. A session is found by its token's hash (the cookie) and named to its
//! person by a public `id`, so listing and ending sessions never shows a token.

use sqlx::FromRow;

use super::columns::Flag;
use super::users::{UserRow, JOINED_USER_COLUMNS};
use super::{Store, StoreError};

/// `last_seen_at` is written at most this often per session, so a busy console costs no write
/// per request.
pub const LAST_SEEN_EVERY_SECONDS: i64 = 60;

pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub id: &'a str,
    pub user_id: &'a str,
    pub csrf_token: &'a str,
    /// Already cut to its bound (`accounts::sessions::MAX_USER_AGENT_CHARS`).
    pub user_agent: &'a str,
    pub address: &'a str,
    pub created_at: i64,
    pub expires_at: i64,
    /// May only set up a second factor (the administrator's policy, `auth::second_factor`).
    pub setup_only: bool,
}

/// A live session and the account it belongs to.
#[derive(Debug, Clone, FromRow)]
pub struct SessionWithUser {
    #[sqlx(rename = "session_id")]
    pub id: String,
    pub csrf_token: String,
    /// When the user signed in (OpenID Connect `auth_time`).
    #[sqlx(rename = "session_created_at")]
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    /// When the person last proved who they are in this session: its start, or their last
    /// re-authentication (sudo mode, `auth::sudo`).
    pub authenticated_at: i64,
    /// The browser's User-Agent when the session started (a label, never trusted).
    pub user_agent: String,
    /// May only set up a second factor (the administrator's policy).
    #[sqlx(try_from = "Flag")]
    pub setup_only: bool,
    #[sqlx(flatten)]
    pub user: UserRow,
}

/// A session as its person's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SessionRow {
    pub id: String,
    pub token_hash: String,
    pub user_agent: String,
    pub address: String,
    pub created_at: i64,
    pub last_seen_at: i64,
}

/// Sessions listed per person at most (newest first); older ones still work and still end
/// with "sign out all other sessions".
pub const MOST_LISTED: i64 = 100;

impl Store {
    pub async fn insert_session(&self, session: &NewSession<'_>) -> Result<(), StoreError> {
        let query = sqlx::query(
            "INSERT INTO sessions (token_hash, id, user_id, csrf_token, user_agent, address, created_at, last_seen_at, expires_at, authenticated_at, setup_only) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $7, $9)",
        );
        self.write(bound!(
            query,
            session.token_hash,
            session.id,
            session.user_id,
            session.csrf_token,
            session.user_agent,
            session.address,
            session.created_at,
            session.expires_at,
            i64::from(session.setup_only)
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
        let sql = format!(
            "SELECT s.id AS session_id, s.csrf_token, s.created_at AS session_created_at, s.last_seen_at, s.expires_at, \
             s.authenticated_at, s.user_agent, s.setup_only, {JOINED_USER_COLUMNS} \
             FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2"
        );
        self.optional(bound!(sqlx::query_as(&sql), token_hash, now))
            .await
    }

    /// Notes that the session was seen at `now` from `address`, unless that was already noted
    /// within the last minute (the condition makes parallel requests write it once).
    pub async fn touch_session(
        &self,
        token_hash: &str,
        address: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        let query = sqlx::query(
            "UPDATE sessions SET last_seen_at = $2, address = $3 WHERE token_hash = $1 AND last_seen_at <= $4",
        );
        let due = now - LAST_SEEN_EVERY_SECONDS;
        self.write(bound!(query, token_hash, now, address, due))
            .await?;
        Ok(())
    }

    /// Notes that the person of the live session `token_hash` proved who they are at `now`
    /// (sudo mode); `false` when the session has ended meanwhile.
    pub async fn reauthenticated(&self, token_hash: &str, now: i64) -> Result<bool, StoreError> {
        let query = sqlx::query(
            "UPDATE sessions SET authenticated_at = $2 WHERE token_hash = $1 AND expires_at > $2",
        );
        Ok(self.write(bound!(query, token_hash, now)).await? == 1)
    }

    /// The person's live sessions, most recently seen first (at most `MOST_LISTED`).
    pub async fn sessions_of(
        &self,
        user_id: &str,
        now: i64,
    ) -> Result<Vec<SessionRow>, StoreError> {
        let query = sqlx::query_as(
            "SELECT id, token_hash, user_agent, address, created_at, last_seen_at FROM sessions \
             WHERE user_id = $1 AND expires_at > $2 ORDER BY last_seen_at DESC, id LIMIT $3",
        );
        self.all(bound!(query, user_id, now, MOST_LISTED)).await
    }

    /// Ends the person's session `id`; `false` when they have none by that id.
    pub async fn end_session_of(&self, user_id: &str, id: &str) -> Result<bool, StoreError> {
        let query = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id = $2");
        Ok(self.write(bound!(query, user_id, id)).await? == 1)
    }

    /// Ends every session of the person but the one with `keep_hash`; how many ended.
    pub async fn end_other_sessions(
        &self,
        user_id: &str,
        keep_hash: &str,
    ) -> Result<u64, StoreError> {
        let query = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2");
        self.write(bound!(query, user_id, keep_hash)).await
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
