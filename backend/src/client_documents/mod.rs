//! Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document, as the MCP
//! authorization specification asks): a client this server never met names itself by the
//! https URL of a JSON document describing it. The authorization endpoint fetches it through
//! the guarded fetcher (`outbound`), reads it with dynamic registration's rules
//! (`document.rs`) and keeps it as an app of `usr_self_registered` whose client id is the URL,
//! so codes, tokens, consents and the "anyone APIs only" rule work as for any self-registered
//! client. Documents are cached by their HTTP headers within bounds (`cache.rs`).
//! Administrators list and block such clients (`admin.rs`).

pub mod admin;
pub mod cache;
mod document;
pub mod url;

use shared::api::AuditEvent;

use self::url::DocumentUrl;
use crate::apps::change::{Change, ChangeError};
use crate::apps::{lifecycle, registration};
use crate::config::ClientDocuments;
use crate::state::AppState;
use crate::store::registrations::SELF_REGISTERED_OWNER;

pub use self::url::names_a_document;

/// Why a document client cannot be used; the text is shown to the person (error page) or the
/// client (`error_description`).
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("This server does not accept clients identified by a metadata document URL.")]
    Off,
    #[error("This server does not accept metadata documents from {0}.")]
    HostNotAllowed(String),
    #[error("{0}")]
    Unusable(String),
}

/// What the authorization pages call an app: its name, or for a document client the host its
/// document came from (the name it claims is anyone's to choose; the consent page shows both).
pub fn shown_name(app: &crate::store::apps::AppRow) -> String {
    if names_a_document(&app.client_id) {
        if let Some(host) = shared::url_text::display_host_of(&app.client_id) {
            return host;
        }
    }
    app.name.clone()
}

/// The refusal for `client_id` under `settings`, without fetching anything: off, or a host
/// not on the list. The token endpoint checks this for every document client.
pub fn refusal(settings: &ClientDocuments, client_id: &str) -> Option<DocumentError> {
    if !names_a_document(client_id) {
        return None;
    }
    if !settings.enabled() {
        return Some(DocumentError::Off);
    }
    let host = ::url::Url::parse(client_id)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .unwrap_or_default();
    (!settings.allows_host(&host)).then_some(DocumentError::HostNotAllowed(host))
}

/// Makes sure the app for the document `client_id` is stored and current (fetching the
/// document when this node has no fresh copy), so the caller can load it like any app. A
/// blocked client is not fetched: its disabled app answers for it.
pub async fn resolve(state: &AppState, client_id: &str) -> Result<(), DocumentError> {
    if let Some(refused) = refusal(&state.config.client_documents, client_id) {
        return Err(refused);
    }
    let url = DocumentUrl::try_from(client_id).map_err(DocumentError::Unusable)?;
    let now = state.now();
    let found = state
        .client_documents
        .get(url.as_str(), now, || fetch_and_store(state, &url))
        .await;
    if found.record_use {
        if let Err(err) = state.store.touch_client_document(url.as_str(), now).await {
            tracing::warn!(error = %err, "recording a document client's use failed");
        }
    }
    found.outcome.map_err(DocumentError::Unusable)
}

/// Who changes a document client's app: the document itself.
fn change(state: &AppState) -> Change<'_> {
    Change::by_client(state, "client metadata document", None)
}

async fn fetch_and_store(state: &AppState, url: &DocumentUrl) -> (cache::Outcome, Option<i64>) {
    match fetch_and_store_or_fail(state, url).await {
        Ok(fresh_for) => (Ok(()), fresh_for),
        Err(message) => {
            tracing::info!(url = %url.as_str(), reason = %message, "a metadata document was refused");
            (Err(message), None)
        }
    }
}

async fn fetch_and_store_or_fail(
    state: &AppState,
    url: &DocumentUrl,
) -> Result<Option<i64>, String> {
    let internal = |err: &dyn std::fmt::Display| {
        tracing::error!(error = %err, "storing a metadata document client failed");
        "The server could not store this client. Try again.".to_owned()
    };
    let existing = state
        .store
        .app(url.as_str())
        .await
        .map_err(|err| internal(&err))?;
    if existing.as_ref().is_some_and(|app| app.disabled) {
        return Ok(None);
    }
    let fetched = state.outbound.fetch_json(url.url()).await.map_err(|err| {
        format!(
            "The client's metadata document at {} could not be fetched: {err}.",
            url.as_str()
        )
    })?;
    let catalogue = state.catalogue().await.map_err(|err| internal(&err))?;
    let everything = catalogue.everything_offered(SELF_REGISTERED_OWNER);
    let settings = document::settings(&fetched.body, url, &everything)?;
    let change = change(state);
    let stored = match &existing {
        Some(app) => lifecycle::update(&change, app, &settings).await.map(|_| ()),
        None => match meet(state, &change, url, &settings).await {
            // Another node met it at the same moment: its app stands.
            Err(_) if matches!(state.store.app(url.as_str()).await, Ok(Some(_))) => Ok(()),
            met => met,
        },
    };
    match stored {
        Ok(()) => Ok(fetched.fresh_for),
        Err(ChangeError::Invalid(fields)) => {
            Err(crate::oauth::registration::metadata::describe(&fields))
        }
        Err(err) => Err(internal(&err)),
    }
}

/// The first meeting: the app, its row here, and the audit entry.
async fn meet(
    state: &AppState,
    change: &Change<'_>,
    url: &DocumentUrl,
    settings: &shared::api::AppSettings,
) -> Result<(), ChangeError> {
    state.store.ensure_self_registered_owner(change.now).await?;
    registration::register_as(change, url.as_str(), SELF_REGISTERED_OWNER, None, settings).await?;
    state
        .store
        .insert_client_document(
            &crate::ids::new_id("cmd"),
            url.as_str(),
            &url.host(),
            change.now,
        )
        .await?;
    tracing::info!(url = %url.as_str(), "met a client through its metadata document");
    change
        .audit(
            url.as_str(),
            AuditEvent::ClientDocumentMet {
                url: url.as_str().to_owned(),
                host: url.host(),
            },
        )
        .await
}
