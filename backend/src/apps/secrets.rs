//! Changing an app's credentials: generating a secret, revoking one, and the reset that revokes
//! every secret, token and consent at once. Like `lifecycle.rs`, each operation writes its own
//! audit entry and forgets the cached client.

use shared::api::{AuditEvent, CreatedSecret, ResetResult, SecretMetadata};
use shared::app::ClientType;

use super::change::{Change, ChangeError};
use super::new_secret::FreshSecret;
use super::secret_views::{metadata_of, reference, MAX_ACTIVE_SECRETS};
use crate::store::apps::AppRow;
use crate::store::secrets::RevokeOutcome;

const DAY: i64 = 24 * 60 * 60;
const RESET_SECRET_LABEL: &str = "Issued by reset";

/// Generates one more secret for a confidential `app`, within `MAX_ACTIVE_SECRETS`.
pub async fn issue_secret(
    change: &Change<'_>,
    app: &AppRow,
    label: Option<&str>,
    expires_in_days: Option<u32>,
) -> Result<CreatedSecret, ChangeError> {
    if app.client_type == ClientType::Public {
        return Err(ChangeError::PublicHasNoSecrets);
    }
    let client_id = app.client_id.as_str();
    let expires_at = expires_in_days.map(|days| change.now + i64::from(days) * DAY);
    let fresh = FreshSecret::generate(label, expires_at);
    let inserted = change
        .store
        .insert_secret_within_limit(
            &fresh.row(client_id, change.actor.id.as_deref(), change.now),
            MAX_ACTIVE_SECRETS,
        )
        .await?;
    change.forget(client_id);
    if !inserted {
        return Err(ChangeError::TooManySecrets);
    }
    let metadata = secret_metadata(change, client_id, &fresh.id).await?;
    let event = AuditEvent::SecretGenerated {
        secret: fresh.reference(),
        expires_at: fresh.expires_at(),
    };
    change.audit(client_id, event).await?;
    Ok(CreatedSecret {
        secret: metadata,
        client_secret: fresh.reveal(),
    })
}

/// Revokes one secret; the metadata returned shows it revoked.
pub async fn revoke_secret(
    change: &Change<'_>,
    client_id: &str,
    secret_id: &str,
) -> Result<SecretMetadata, ChangeError> {
    let outcome = change
        .store
        .revoke_secret(client_id, secret_id, change.now)
        .await?;
    change.forget(client_id);
    let revoked = match outcome {
        RevokeOutcome::Revoked(secret) => secret,
        RevokeOutcome::AlreadyRevoked => return Err(ChangeError::AlreadyRevoked),
        RevokeOutcome::NotFound => return Err(ChangeError::NotFound),
    };
    let event = AuditEvent::SecretRevoked {
        secret: reference(&revoked),
    };
    change.audit(client_id, event).await?;
    secret_metadata(change, client_id, secret_id).await
}

/// Revokes every secret, token and consent of `app`; a confidential app gets a new secret in
/// the same transaction, so it is never left without one.
pub async fn reset(change: &Change<'_>, app: &AppRow) -> Result<ResetResult, ChangeError> {
    let client_id = app.client_id.as_str();
    let confidential = app.client_type == ClientType::Confidential;
    let fresh = confidential.then(|| FreshSecret::generate(Some(RESET_SECRET_LABEL), None));
    let row = fresh
        .as_ref()
        .map(|fresh| fresh.row(client_id, change.actor.id.as_deref(), change.now));
    let counts = change
        .store
        .reset_credentials(client_id, row.as_ref(), change.now)
        .await?;
    change.forget(client_id);
    let new_secret = match &fresh {
        Some(fresh) => Some(CreatedSecret {
            secret: secret_metadata(change, client_id, &fresh.id).await?,
            client_secret: fresh.reveal(),
        }),
        None => None,
    };
    let event = AuditEvent::OAuthValuesReset {
        revoked_secrets: counts.secrets,
        revoked_tokens: counts.tokens,
        revoked_consents: counts.consents,
        new_secret: fresh.as_ref().map(FreshSecret::reference),
    };
    change.audit(client_id, event).await?;
    Ok(ResetResult {
        new_secret,
        revoked_secrets: counts.secrets,
        revoked_tokens: counts.tokens,
        revoked_consents: counts.consents,
    })
}

/// One secret's metadata as the console lists it.
async fn secret_metadata(
    change: &Change<'_>,
    client_id: &str,
    secret_id: &str,
) -> Result<SecretMetadata, ChangeError> {
    let secrets = change.store.secrets_of(client_id).await?;
    metadata_of(&secrets, change.now)
        .into_iter()
        .find(|secret| secret.id == secret_id)
        .ok_or(ChangeError::NotFound)
}
