//! The audit logs: an app's (`audit_events`) and an account's (`account_audit`), rows of the
//! same shape.

use sqlx::FromRow;

use super::{Store, StoreError};

/// Which log an entry goes to, and whose it is.
#[derive(Debug, Clone, Copy)]
pub enum Log<'a> {
    /// The app with this client id (the entry outlives the app).
    App(&'a str),
    /// The account with this user id.
    Account(&'a str),
}

pub struct NewAuditEvent<'a> {
    pub id: &'a str,
    pub log: Log<'a>,
    pub actor_id: Option<&'a str>,
    pub actor_email: Option<&'a str>,
    pub ip: Option<&'a str>,
    /// The acting browser's User-Agent; an account's log keeps it, an app's does not.
    pub user_agent: Option<&'a str>,
    pub at: i64,
    /// JSON of `shared::api::AuditEvent` (an app's log) or `AccountEvent` (an account's).
    pub event: &'a str,
}

/// An entry of an app's log.
#[derive(Debug, Clone, FromRow)]
pub struct AuditRow {
    pub id: String,
    pub actor_email: Option<String>,
    pub ip: Option<String>,
    pub at: i64,
    pub event: String,
}

impl Store {
    pub async fn insert_audit_event(&self, event: &NewAuditEvent<'_>) -> Result<(), StoreError> {
        let (sql, whose) = match event.log {
            Log::App(client_id) => (
                "INSERT INTO audit_events (id, client_id, actor_id, actor_email, ip, at, event) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                client_id,
            ),
            Log::Account(user_id) => (
                "INSERT INTO account_audit (id, user_id, actor_id, actor_email, ip, at, event, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                user_id,
            ),
        };
        // An app's statement has no `$8`; SQLite and PostgreSQL both refuse a bind without
        // its placeholder, so it is bound only for the account's.
        let query = bound!(
            sqlx::query(sql),
            event.id,
            whose,
            event.actor_id,
            event.actor_email,
            event.ip,
            event.at,
            event.event
        );
        let query = match event.log {
            Log::App(_) => query,
            Log::Account(_) => query.bind(event.user_agent),
        };
        self.write(query).await?;
        Ok(())
    }

    /// The newest `limit` entries of an app's log.
    pub async fn audit_of(&self, client_id: &str, limit: i64) -> Result<Vec<AuditRow>, StoreError> {
        let query = sqlx::query_as(
            "SELECT id, actor_email, ip, at, event FROM audit_events WHERE client_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
        );
        Ok(bound!(query, client_id, limit)
            .fetch_all(&self.pool)
            .await?)
    }
}

/// An entry of an account's log: what an app's log keeps, and the browser it came from.
#[derive(Debug, Clone, FromRow)]
pub struct AccountAuditRow {
    #[sqlx(flatten)]
    pub entry: AuditRow,
    pub user_agent: Option<String>,
}

/// Where a page of an account's log starts: just after (older than) this entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditCursor {
    pub at: i64,
    pub id: String,
}

impl Store {
    /// Up to `limit` entries of the account's log, newest first, older than `before` when
    /// given: a keyset page read along `account_audit_by_user` (user, at, id), so a page
    /// costs the same however deep it is.
    pub async fn account_audit_page(
        &self,
        user_id: &str,
        before: Option<&AuditCursor>,
        limit: i64,
    ) -> Result<Vec<AccountAuditRow>, StoreError> {
        let (at, id) = before.map_or((i64::MAX, ""), |cursor| (cursor.at, cursor.id.as_str()));
        let query = sqlx::query_as(
            "SELECT id, actor_email, ip, user_agent, at, event FROM account_audit \
             WHERE user_id = $1 AND (at < $2 OR (at = $2 AND id < $3)) \
             ORDER BY at DESC, id DESC LIMIT $4",
        );
        self.all(bound!(query, user_id, at, id, limit)).await
    }
}
