//! `GET /api/v1/admin/audit/export?since=&until=&client_id=`: the audit logs as JSON lines
//! (`application/x-ndjson`), streamed a page at a time, for administrators only (401 signed
//! out, 403 for everyone else). A thin caller of `audit_export`; bad filters are 422 naming the
//! field.

use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::audit_export::{self, ExportRequest};
use crate::auth::Administrator;
use crate::error::AppError;
use crate::state::AppState;

pub const NDJSON: &str = "application/x-ndjson";

pub fn router() -> Router<AppState> {
    Router::new().route("/admin/audit/export", get(export))
}

async fn export(
    State(state): State<AppState>,
    _admin: Administrator,
    query: Result<Query<ExportRequest>, QueryRejection>,
) -> Result<Response, AppError> {
    let Query(request) = query.map_err(|err| AppError::BadRequest(err.body_text()))?;
    let range = audit_export::range(&state.store, &request).await?;
    let body = Body::from_stream(audit_export::pages(state.store.clone(), range));
    Ok((
        [
            (header::CONTENT_TYPE, NDJSON),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}
