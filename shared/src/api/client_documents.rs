//! Clients met through their Client ID Metadata Document, as administrators see them
//! (`GET /api/v1/admin/client-documents`).

use serde::{Deserialize, Serialize};

/// One client that named itself by the https URL of its metadata document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClientDocumentView {
    /// Names it in `/api/v1/admin/client-documents/{id}/block`.
    pub id: String,
    /// The document's URL, which is its client id.
    pub url: String,
    /// The URL's host, the one thing about the client this server can vouch for.
    pub host: String,
    /// The name the document claims; nobody checked it.
    pub claimed_name: String,
    pub first_used_at: i64,
    pub last_used_at: i64,
    /// People who allowed it access (and have not revoked that).
    pub consents: i64,
    pub blocked: bool,
}
