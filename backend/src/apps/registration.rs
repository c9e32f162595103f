//! Registering an app: one path for the console API and the command line, so both apply the
//! same rules and leave the same audit trail.

use shared::api::{AppSettings, AuditEvent, CreatedApp, SecretRef};
use shared::app::ClientType;
use shared::credentials::{ClientId, ClientSecret};

use super::{icons, records};
use crate::audit::{self, Actor};
use crate::crypto::token_hash;
use crate::error::AppError;
use crate::ids;
use crate::store::secrets::NewSecret;
use crate::store::Store;

const INITIAL_SECRET_LABEL: &str = "Initial secret";

pub async fn register(
    store: &Store,
    owner_id: &str,
    settings: &AppSettings,
    actor: &Actor,
    now: i64,
) -> Result<CreatedApp, AppError> {
    let icon = match settings.icon.clone() {
        Some(upload) => Some(icons::render(upload).await.map_err(|err| {
            tracing::info!(error = %err, "icon could not be decoded");
            icons::unreadable_icon_error()
        })?),
        None => None,
    };
    let client_id = ClientId::generate();
    let secret = (settings.client_type == ClientType::Confidential).then(ClientSecret::generate);
    let secret_id = ids::sortable_id("sec");
    let secret_hash = secret.as_ref().map(|secret| token_hash(secret.expose()));
    let first_secret = secret
        .as_ref()
        .zip(secret_hash.as_deref())
        .map(|(secret, hash)| NewSecret {
            id: &secret_id,
            client_id: client_id.as_str(),
            secret_hash: hash,
            prefix: secret.prefix(),
            label: Some(INITIAL_SECRET_LABEL),
            created_by: actor.id.as_deref(),
            created_at: now,
            expires_at: None,
        });
    store
        .insert_app(
            client_id.as_str(),
            owner_id,
            &records::fields_of(settings),
            icon.as_ref(),
            first_secret.as_ref(),
            now,
        )
        .await?;
    let row = store
        .app(client_id.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    let app = records::detail_of(&row)?;
    tracing::info!(client_id = %client_id.as_str(), owner = %owner_id, "app registered");
    audit::record_as(
        store,
        now,
        client_id.as_str(),
        actor,
        AuditEvent::AppCreated {
            name: app.name.clone(),
        },
    )
    .await?;
    if let Some(secret) = &secret {
        let event = AuditEvent::SecretGenerated {
            secret: SecretRef {
                id: secret_id.clone(),
                prefix: secret.prefix().to_owned(),
                label: Some(INITIAL_SECRET_LABEL.into()),
            },
            expires_at: None,
        };
        audit::record_as(store, now, client_id.as_str(), actor, event).await?;
    }
    Ok(CreatedApp {
        app,
        client_secret: secret.map(|secret| secret.expose().to_owned()),
    })
}
