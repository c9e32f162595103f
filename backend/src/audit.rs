//! Writing the audit log. Callers pass a `shared::api::AuditEvent`, whose types cannot carry a
//! secret value.

use shared::api::{AuditEntry, AuditEvent};

use crate::auth::CurrentUser;
use crate::client_address::ClientAddress;
use crate::error::AppError;
use crate::ids;
use crate::state::AppState;
use crate::store::audit::{AuditRow, NewAuditEvent};

pub async fn record(
    state: &AppState,
    client_id: &str,
    actor: &CurrentUser,
    address: &ClientAddress,
    event: AuditEvent,
) -> Result<(), AppError> {
    let json = serde_json::to_string(&event).map_err(anyhow::Error::from)?;
    state
        .store
        .insert_audit_event(&NewAuditEvent {
            id: &ids::sortable_id("aud"),
            client_id,
            actor_id: Some(&actor.user.id),
            actor_email: Some(&actor.user.email),
            ip: Some(&address.0),
            at: state.now(),
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
