//! What administrators do with document clients: list them and block or unblock one. Blocking
//! disables the client's app (authorizations and token requests are refused everywhere),
//! revokes every token it holds and forgets the cached document; each writes an audit entry.
//! Who may do this is the caller's to check.

use shared::api::{AuditEvent, ClientDocumentView};

use super::cache::DocumentCache;
use crate::apps::change::{Change, ChangeError};
use crate::store::client_documents::ClientDocumentRow;
use crate::store::Store;

/// The most clients one listing returns, most recently used first.
pub const LIST_LIMIT: i64 = 500;

pub fn view_of(row: ClientDocumentRow) -> ClientDocumentView {
    ClientDocumentView {
        id: row.id,
        url: row.client_id,
        host: row.host,
        claimed_name: row.claimed_name,
        first_used_at: row.first_used_at,
        last_used_at: row.last_used_at,
        consents: row.consents,
        blocked: row.disabled,
    }
}

pub async fn list(store: &Store) -> Result<Vec<ClientDocumentView>, ChangeError> {
    Ok(store
        .client_documents(LIST_LIMIT)
        .await?
        .into_iter()
        .map(view_of)
        .collect())
}

pub async fn set_blocked(
    change: &Change<'_>,
    documents: &DocumentCache,
    id: &str,
    blocked: bool,
) -> Result<ClientDocumentView, ChangeError> {
    let row = change
        .store
        .client_document(id)
        .await?
        .ok_or(ChangeError::NotFound)?;
    let revoked_tokens = change
        .store
        .set_client_document_blocked(
            id,
            &row.client_id,
            blocked.then_some(change.now),
            change.now,
        )
        .await?;
    change.forget(&row.client_id);
    documents.forget(&row.client_id);
    tracing::info!(url = %row.client_id, blocked, revoked_tokens, by = ?change.actor.email, "document client blocked or unblocked");
    change
        .audit(
            &row.client_id,
            AuditEvent::ClientDocumentBlocked {
                blocked,
                revoked_tokens,
            },
        )
        .await?;
    let row = change
        .store
        .client_document(id)
        .await?
        .ok_or(ChangeError::NotFound)?;
    Ok(view_of(row))
}
