//! Clients met through their metadata documents (administrators): the list, and blocking or
//! unblocking one. Part of `api`: the same typed helpers, the same CSRF header.

use gloo_net::http::Request;
use shared::api::ClientDocumentView;

use super::{get, segment, send, url, ApiFailure};

pub async fn client_documents() -> Result<Vec<ClientDocumentView>, ApiFailure> {
    get("/admin/client-documents").await
}

/// Blocks (ending its tokens) or unblocks one; the answer is the client as it is now.
pub async fn set_client_document_blocked(
    id: &str,
    blocked: bool,
) -> Result<ClientDocumentView, ApiFailure> {
    let action = if blocked { "block" } else { "unblock" };
    let path = format!("/admin/client-documents/{}/{action}", segment(id));
    send::<(), _>(Request::post(&url(&path)), None).await
}
