//! A team's own log: each operation on a team records what it did here, with the person who
//! acted (`None` for the command line). Entries are `shared::api::TeamEvent`s, which have no
//! field for a secret or a link. Any member reads the log; others get `NotFound`.

use shared::api::{TeamAuditEntry, TeamEvent};
use shared::team::TeamSlug;

use super::{seen, Acting, TeamError};
use crate::ids;
use crate::store::team_audit::NewTeamAudit;
use crate::store::{Store, StoreError};

/// How many entries the log shows, newest first.
pub const SHOWN: i64 = 500;

/// Records `event` in the log of the team `team_id`.
pub async fn record(
    store: &Store,
    team_id: &str,
    acting: Acting<'_>,
    at: i64,
    event: TeamEvent,
) -> Result<(), StoreError> {
    let (actor_id, actor_email) = match acting {
        Acting::Person { user_id, email, .. } => (Some(user_id), Some(email)),
        Acting::CommandLine => (None, None),
    };
    store
        .insert_team_audit(&NewTeamAudit {
            id: &ids::sortable_id("tau"),
            team_id,
            actor_id,
            actor_email,
            at,
            event: &event,
        })
        .await
}

/// The team's log, newest first, for any member (viewers too), administrators and operators.
pub async fn log(
    store: &Store,
    acting: Acting<'_>,
    slug: &TeamSlug,
) -> Result<Vec<TeamAuditEntry>, TeamError> {
    let seen = seen(store, acting, slug).await?;
    let rows = store.team_audit(&seen.team.id, SHOWN).await?;
    Ok(rows
        .into_iter()
        .map(|row| TeamAuditEntry {
            at: row.at,
            actor: row.actor_email,
            event: row.event,
        })
        .collect())
}
