//! Registering an app: one path for the console API and the command line, so both apply the
//! same rules and leave the same audit trail. The rest of an app's life is in `lifecycle.rs`.

use shared::api::{AppSettings, AuditEvent, CreatedApp};
use shared::app::ClientType;
use shared::credentials::ClientId;

use super::change::{Change, ChangeError};
use super::lifecycle::{check_scopes_offered, render_icon, stored_detail};
use super::new_secret::FreshSecret;
use crate::store::apps::NewOwner;

const INITIAL_SECRET_LABEL: &str = "Initial secret";

pub async fn register(
    change: &Change<'_>,
    owner_id: &str,
    team_id: Option<&str>,
    settings: &AppSettings,
) -> Result<CreatedApp, ChangeError> {
    register_as(
        change,
        ClientId::generate().as_str(),
        owner_id,
        team_id,
        settings,
    )
    .await
}

/// Registers an app under a client id chosen elsewhere: a client metadata document's URL
/// (`client_documents`); every other app gets a generated one through `register`.
pub async fn register_as(
    change: &Change<'_>,
    client_id: &str,
    owner_id: &str,
    team_id: Option<&str>,
    settings: &AppSettings,
) -> Result<CreatedApp, ChangeError> {
    // A team's app may use the team's private APIs, a person's app that person's.
    let owner_key = team_id.unwrap_or(owner_id);
    check_scopes_offered(change.store, owner_key, &settings.scopes).await?;
    let icon = render_icon(&settings.icon).await?;
    let secret = (settings.client_type == ClientType::Confidential)
        .then(|| FreshSecret::generate(Some(INITIAL_SECRET_LABEL), None));
    let first_secret = secret
        .as_ref()
        .map(|secret| secret.row(client_id, change.actor.id.as_deref(), change.now));
    change
        .store
        .insert_app(
            client_id,
            NewOwner {
                person: owner_id,
                team_id,
            },
            settings,
            icon.as_ref(),
            first_secret.as_ref(),
            change.now,
        )
        .await?;
    let app = stored_detail(change.store, client_id).await?;
    tracing::info!(client_id = %client_id, owner = %owner_id, "app registered");
    let event = AuditEvent::AppCreated {
        name: app.name.clone(),
    };
    change.audit(client_id, event).await?;
    if let Some(secret) = &secret {
        let event = AuditEvent::SecretGenerated {
            secret: secret.reference(),
            expires_at: None,
        };
        change.audit(client_id, event).await?;
    }
    Ok(CreatedApp {
        app,
        client_secret: secret.as_ref().map(FreshSecret::reveal),
    })
}
