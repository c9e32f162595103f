//! Writing the audit logs (an app's, an account's). Callers pass a `shared::api::AuditEvent` or
//! `AccountEvent`, whose types cannot carry a secret value.

use shared::api::{AuditEntry, AuditEvent};

use crate::auth::CurrentUser;
use crate::client_address::ClientAddress;
use crate::ids;
use crate::store::audit::{AuditRow, Log, NewAuditEvent};
use crate::store::Store;

/// How an operator's changes are signed in the log.
pub const COMMAND_LINE: &str = "command line";

/// Who did something: a console user from an address, or an operator at the command line.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: Option<String>,
    pub email: Option<String>,
    pub ip: Option<String>,
    /// The acting session's browser (its User-Agent), kept in an account's log only.
    pub user_agent: Option<String>,
}

impl Actor {
    pub fn user(user: &CurrentUser, address: &ClientAddress) -> Self {
        Actor {
            id: Some(user.user.id.clone()),
            email: Some(user.user.email.clone()),
            ip: Some(address.0.clone()),
            user_agent: Some(user.user_agent.clone()),
        }
    }

    pub fn command_line() -> Self {
        Actor {
            id: None,
            email: Some(COMMAND_LINE.to_owned()),
            ip: None,
            user_agent: None,
        }
    }
}

/// Records what `actor` did to the app `client_id`.
pub async fn record_as(
    store: &Store,
    at: i64,
    client_id: &str,
    actor: &Actor,
    event: AuditEvent,
) -> anyhow::Result<()> {
    record_in(store, Log::App(client_id), at, actor, &event).await
}

/// Records `event` (an `AuditEvent` or an `AccountEvent`, as JSON) in the log `log`.
pub async fn record_in(
    store: &Store,
    log: Log<'_>,
    at: i64,
    actor: &Actor,
    event: &impl serde::Serialize,
) -> anyhow::Result<()> {
    let json = serde_json::to_string(event)?;
    store
        .insert_audit_event(&NewAuditEvent {
            id: &ids::sortable_id("aud"),
            log,
            actor_id: actor.id.as_deref(),
            actor_email: actor.email.as_deref(),
            ip: actor.ip.as_deref(),
            user_agent: actor.user_agent.as_deref(),
            at,
            event: &json,
        })
        .await?;
    Ok(())
}

pub fn entry_of(row: AuditRow) -> anyhow::Result<AuditEntry> {
    Ok(AuditEntry {
        id: row.id,
        at: row.at,
        actor_email: row.actor_email,
        ip: row.ip,
        event: serde_json::from_str(&row.event)?,
    })
}
