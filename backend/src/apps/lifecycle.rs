//! Changing a registered app: its settings, deleting it, disabling it. Each operation writes
//! its own audit entry and forgets the cached client, so no caller can forget either; the
//! console API and the command line call the same functions (registration, the first step of
//! the lifecycle, is in `registration.rs`; secrets and reset in `credentials.rs`).

use shared::api::{AppDetail, AppSettings, AuditEvent};
use shared::field_errors::FieldErrors;
use shared::icon::IconUpload;

use super::change::Authentication;
use super::change::{Change, ChangeError};
use super::{changes, icons, views};
use crate::store::apps::{AppRow, IconImages};
use crate::store::Store;

/// Replaces the settings of `before` (the app as stored) with validated `settings`.
pub async fn update(
    change: &Change<'_>,
    before: &AppRow,
    settings: &AppSettings,
) -> Result<AppDetail, ChangeError> {
    let client_id = before.client_id.as_str();
    if settings.client_type != before.client_type {
        return Err(ChangeError::ClientTypeFixed);
    }
    // Redirect URIs say where codes and tokens go, allowed origins which sites may ask for
    // them: changing either could hand the app's sign-ins to someone else, so it needs a
    // recent authentication (sudo mode); a new name or logo does not.
    let redirects_change = settings.redirect_uris != before.redirect_uris
        || settings.allowed_origins != before.allowed_origins;
    if let (true, Authentication::TooOld { minutes }) = (redirects_change, change.authentication) {
        return Err(ChangeError::ReauthenticationRequired { minutes });
    }
    // Scopes the app already had stay even if their API went away since (they grant nothing
    // then); new ones must be offered to the app's developer.
    let added = settings
        .scopes
        .clone()
        .retain_resources(|resource| before.scopes.access(resource).is_none());
    check_scopes_offered(change.store, &before.owner_id, &added).await?;
    let icon = render_icon(&settings.icon).await?;
    if !change
        .store
        .update_app(client_id, settings, icon.as_ref(), change.now)
        .await?
    {
        return Err(ChangeError::NotFound);
    }
    change.forget(client_id);
    let after = stored_detail(change.store, client_id).await?;
    let changed = changes::changes(&views::detail_of(before), &after);
    if !changed.is_empty() {
        let event = AuditEvent::SettingsChanged { changes: changed };
        change.audit(client_id, event).await?;
    }
    Ok(after)
}

/// Deletes `app` and everything tied to it (secrets, codes, tokens, consents).
pub async fn delete(change: &Change<'_>, app: &AppRow) -> Result<(), ChangeError> {
    let client_id = app.client_id.as_str();
    if !change.store.delete_app(client_id).await? {
        return Err(ChangeError::NotFound);
    }
    change.forget(client_id);
    tracing::info!(client_id = %client_id, by = ?change.actor.email, "app deleted");
    let event = AuditEvent::AppDeleted {
        name: app.name.clone(),
    };
    change.audit(client_id, event).await
}

/// Disables the app (its clients are refused everywhere) or enables it again. Who may do this
/// (administrators) is the caller's to check.
pub async fn set_disabled(
    change: &Change<'_>,
    client_id: &str,
    disabled: bool,
) -> Result<AppDetail, ChangeError> {
    change
        .store
        .set_app_disabled(client_id, disabled, change.now)
        .await?;
    change.forget(client_id);
    change
        .audit(client_id, AuditEvent::AppDisabled { disabled })
        .await?;
    stored_detail(change.store, client_id).await
}

/// Refuses scopes of APIs that do not exist or that `owner_id`'s apps may not use, under the
/// form's `scopes` field.
pub(super) async fn check_scopes_offered(
    store: &Store,
    owner_id: &str,
    scopes: &shared::scope::ScopeSet,
) -> Result<(), ChangeError> {
    let built_in = crate::apis::built_in::visibility(store).await?;
    let registered = if scopes
        .resources()
        .all(|(resource, _)| resource.built_in().is_some())
    {
        Vec::new()
    } else {
        store.apis().await?
    };
    match crate::apis::catalogue::scope_refusal(&registered, built_in, owner_id, scopes) {
        None => Ok(()),
        Some(message) => Err(ChangeError::Invalid(FieldErrors::from([(
            "scopes".into(),
            message,
        )]))),
    }
}

pub(super) async fn render_icon(
    upload: &Option<IconUpload>,
) -> Result<Option<IconImages>, ChangeError> {
    match upload.clone() {
        Some(upload) => icons::render(upload).await.map(Some),
        None => Ok(None),
    }
}

/// The app as stored now, as the API shows it.
pub(super) async fn stored_detail(
    store: &Store,
    client_id: &str,
) -> Result<AppDetail, ChangeError> {
    let row = store.app(client_id).await?.ok_or(ChangeError::NotFound)?;
    Ok(views::detail_of(&row))
}
