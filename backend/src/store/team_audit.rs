//! A team's own log (`team_audit`): who changed its members, invitations and holdings. Events
//! are stored as the JSON of `shared::api::TeamEvent` and decoded here, once.

use shared::api::TeamEvent;
use sqlx::Row;

use super::columns::{decoded, json};
use super::{Store, StoreError};

/// One entry to write.
pub struct NewTeamAudit<'a> {
    pub id: &'a str,
    pub team_id: &'a str,
    /// `None` for an operator at the command line.
    pub actor_id: Option<&'a str>,
    pub actor_email: Option<&'a str>,
    pub at: i64,
    pub event: &'a TeamEvent,
}

/// One entry as stored, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamAuditRow {
    pub actor_email: Option<String>,
    pub at: i64,
    pub event: TeamEvent,
}

impl Store {
    pub async fn insert_team_audit(&self, entry: &NewTeamAudit<'_>) -> Result<(), StoreError> {
        let event = serde_json::to_string(entry.event)
            .map_err(|err| StoreError::Database(sqlx::Error::Encode(Box::new(err))))?;
        let query = sqlx::query(
            "INSERT INTO team_audit (id, team_id, actor_id, actor_email, at, event) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        );
        self.write(bound!(
            query,
            entry.id,
            entry.team_id,
            entry.actor_id,
            entry.actor_email,
            entry.at,
            event
        ))
        .await?;
        Ok(())
    }

    /// The newest `limit` entries of a team's log, newest first.
    pub async fn team_audit(
        &self,
        team_id: &str,
        limit: i64,
    ) -> Result<Vec<TeamAuditRow>, StoreError> {
        let query = sqlx::query(
            "SELECT actor_email, at, event FROM team_audit WHERE team_id = $1 \
             ORDER BY at DESC, id DESC LIMIT $2",
        );
        let rows = bound!(query, team_id, limit).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                Ok(TeamAuditRow {
                    actor_email: row.try_get("actor_email")?,
                    at: row.try_get("at")?,
                    event: decoded(row, "event", json)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }
}
