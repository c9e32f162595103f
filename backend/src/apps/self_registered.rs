//! What administrators do to clients that registered themselves (RFC 7591): list them, delete
//! one (its tokens and consents go with it), or take one over for a developer, after which it
//! is an ordinary app of theirs: its registration access token stops working (RFC 7592
//! management ends), the visibility limit of self-registered clients no longer applies, and
//! the audit log says who gave it to whom. One home for the console API and the command line.

use shared::account::Email;
use shared::api::{AuditEvent, SelfRegisteredClient};
use shared::field_errors::FieldErrors;

use super::change::{Change, ChangeError};
use super::lifecycle;
use crate::store::registrations::{SelfRegisteredRow, DYNAMIC, SELF_REGISTERED_OWNER, TAKEN_OVER};

pub async fn list(change: &Change<'_>) -> Result<Vec<SelfRegisteredClient>, ChangeError> {
    Ok(change
        .store
        .self_registered_clients()
        .await?
        .into_iter()
        .map(view)
        .collect())
}

/// Deletes the self-registered client `client_id` and everything issued to it. `NotFound`
/// when no such client is self-registered (a developer's app is not deleted from here).
pub async fn delete(change: &Change<'_>, client_id: &str) -> Result<(), ChangeError> {
    let app = change
        .store
        .app(client_id)
        .await?
        .filter(|app| app.owner_id == SELF_REGISTERED_OWNER)
        .ok_or(ChangeError::NotFound)?;
    if change.store.registration_of(client_id).await?.as_deref() != Some(DYNAMIC) {
        return Err(ChangeError::NotFound);
    }
    lifecycle::delete(change, &app).await
}

/// Gives the self-registered client `client_id` to the developer whose account has
/// `developer_email`. Of two administrators taking it over at once, one gets
/// `NoLongerSelfRegistered`.
pub async fn take_over(
    change: &Change<'_>,
    client_id: &str,
    developer_email: &Email,
) -> Result<(), ChangeError> {
    let developer = change
        .store
        .user_by_email(developer_email.as_str())
        .await?
        .filter(|user| user.id != SELF_REGISTERED_OWNER)
        .ok_or_else(|| {
            ChangeError::Invalid(FieldErrors::from([(
                "developer_email".into(),
                "No console account has this email.".into(),
            )]))
        })?;
    if !change
        .store
        .take_over_registration(client_id, &developer.id, change.now)
        .await?
    {
        return Err(
            match change.store.registration_of(client_id).await?.as_deref() {
                Some(TAKEN_OVER) => ChangeError::NoLongerSelfRegistered,
                _ => ChangeError::NotFound,
            },
        );
    }
    // The token endpoint's cached client still names the old owner.
    change.forget(client_id);
    tracing::info!(client_id, to = %developer.email, by = ?change.actor.email, "self-registered client taken over");
    let event = AuditEvent::TakenOver {
        developer_email: developer.email,
    };
    change.audit(client_id, event).await
}

fn view(row: SelfRegisteredRow) -> SelfRegisteredClient {
    SelfRegisteredClient {
        client_id: row.client_id,
        name: row.name,
        redirect_uris: row
            .redirect_uris
            .iter()
            .map(|uri| uri.as_str().to_owned())
            .collect(),
        created_at: row.created_at,
        last_used_at: row.last_used_at,
        registered_with: row.registered_with,
        management_token_active: row.management_token_active,
    }
}
