//! Reading the audit logs for an export (`crate::audit_export`): the app log (`audit_events`)
//! and the team log (`team_audit`) merged in (`at`, `id`) order, oldest first, one page at a
//! time from the last entry read (keyset paging: each page is an index range, however far into
//! the log it is). Ids carry their log's prefix (`aud_`, `tau_`), so (`at`, `id`) is unique
//! over both logs.

use shared::api::{AuditActor, AuditEvent, ExportedEvent, TeamEvent};
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::columns::{decoded, json};
use super::{Store, StoreError};

/// Both logs: each side reads at most a page from its (`at`, `id`) index, then the merge keeps
/// the first page of the two. $1 since, $2 until (excluded), $3 and $4 the last (`at`, `id`)
/// read, $5 the page size.
const BOTH_LOGS: &str = "\
SELECT log, id, subject, actor_id, actor_email, ip, at, event FROM (\
 SELECT * FROM (\
  SELECT 'app' AS log, id, client_id AS subject, actor_id, actor_email, ip, at, event \
  FROM audit_events \
  WHERE at >= $1 AND at < $2 AND (at > $3 OR (at = $3 AND id > $4)) \
  ORDER BY at, id LIMIT $5) AS apps_log \
 UNION ALL \
 SELECT * FROM (\
  SELECT 'team' AS log, team_audit.id, teams.slug AS subject, team_audit.actor_id, \
  team_audit.actor_email, NULL AS ip, team_audit.at, team_audit.event \
  FROM team_audit JOIN teams ON teams.id = team_audit.team_id \
  WHERE team_audit.at >= $1 AND team_audit.at < $2 \
  AND (team_audit.at > $3 OR (team_audit.at = $3 AND team_audit.id > $4)) \
  ORDER BY team_audit.at, team_audit.id LIMIT $5) AS teams_log\
) AS entries ORDER BY at, id LIMIT $5";

/// One app's log, through its (`client_id`, `at`, `id`) index; $6 is the client id.
const ONE_APP: &str = "\
SELECT 'app' AS log, id, client_id AS subject, actor_id, actor_email, ip, at, event \
FROM audit_events \
WHERE client_id = $6 AND at >= $1 AND at < $2 AND (at > $3 OR (at = $3 AND id > $4)) \
ORDER BY at, id LIMIT $5";

/// Which entries: `since` ≤ `at` < `until`, of one app's log or of both logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRange {
    pub since: i64,
    pub until: i64,
    pub client_id: Option<String>,
}

/// The last entry read; the next page starts after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportCursor {
    pub at: i64,
    pub id: String,
}

/// One entry, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRow {
    pub id: String,
    pub at: i64,
    pub actor: AuditActor,
    pub entry: ExportedEvent,
}

impl Store {
    /// Up to `limit` entries of `range` after `after`, oldest first.
    pub async fn audit_export_page(
        &self,
        range: &ExportRange,
        after: &ExportCursor,
        limit: i64,
    ) -> Result<Vec<ExportRow>, StoreError> {
        let sql = if range.client_id.is_some() {
            ONE_APP
        } else {
            BOTH_LOGS
        };
        let query = bound!(
            sqlx::query_as(sql),
            range.since,
            range.until,
            after.at,
            after.id.as_str(),
            limit
        );
        let query = match &range.client_id {
            Some(client_id) => query.bind(client_id.as_str()),
            None => query,
        };
        self.all(query).await
    }

    /// Whether `client_id` is an app, or was one: its log outlives it.
    pub async fn audit_knows_app(&self, client_id: &str) -> Result<bool, StoreError> {
        let query = sqlx::query_scalar(
            "SELECT COUNT(*) FROM (SELECT client_id FROM apps WHERE client_id = $1 \
             UNION ALL SELECT client_id FROM (SELECT client_id FROM audit_events \
             WHERE client_id = $1 LIMIT 1) AS logged) AS known",
        );
        let known: i64 = bound!(query, client_id).fetch_one(&self.pool).await?;
        Ok(known > 0)
    }
}

/// By hand: which log a row comes from decides how its event decodes.
impl FromRow<'_, AnyRow> for ExportRow {
    fn from_row(row: &AnyRow) -> Result<ExportRow, sqlx::Error> {
        let log: String = row.try_get("log")?;
        let subject: String = row.try_get("subject")?;
        let entry = if log == "team" {
            ExportedEvent::Team {
                team: subject,
                event: decoded::<TeamEvent>(row, "event", json)?,
            }
        } else {
            ExportedEvent::App {
                app: subject,
                event: decoded::<AuditEvent>(row, "event", json)?,
            }
        };
        Ok(ExportRow {
            id: row.try_get("id")?,
            at: row.try_get("at")?,
            actor: AuditActor {
                id: row.try_get("actor_id")?,
                email: row.try_get("actor_email")?,
                ip: row.try_get("ip")?,
            },
            entry,
        })
    }
}
