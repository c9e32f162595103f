//! The audit log.

use sqlx::Row;

use super::{Store, StoreError};

pub struct NewAuditEvent<'a> {
    pub id: &'a str,
    pub client_id: &'a str,
    pub actor_id: Option<&'a str>,
    pub actor_email: Option<&'a str>,
    pub ip: Option<&'a str>,
    pub at: i64,
    /// JSON of `shared::api::AuditEvent`.
    pub event: &'a str,
}

#[derive(Debug, Clone)]
pub struct AuditRow {
    pub id: String,
    pub actor_email: Option<String>,
    pub ip: Option<String>,
    pub at: i64,
    pub event: String,
}

impl Store {
    pub async fn insert_audit_event(&self, event: &NewAuditEvent<'_>) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO audit_events (id, client_id, actor_id, actor_email, ip, at, event) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(event.id)
        .bind(event.client_id)
        .bind(event.actor_id)
        .bind(event.actor_email)
        .bind(event.ip)
        .bind(event.at)
        .bind(event.event)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// The newest `limit` entries of an app's log.
    pub async fn audit_of(&self, client_id: &str, limit: i64) -> Result<Vec<AuditRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, actor_email, ip, at, event FROM audit_events WHERE client_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
        )
        .bind(client_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(AuditRow {
                    id: row.try_get("id")?,
                    actor_email: row.try_get("actor_email")?,
                    ip: row.try_get("ip")?,
                    at: row.try_get("at")?,
                    event: row.try_get("event")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(Into::into)
    }
}
