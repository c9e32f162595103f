//! `GET /api/v1/admin/audit/export?since=&until=&client_id=`: the audit logs as JSON lines
//! (`application/x-ndjson`), streamed a page at a time, for administrators only (401 signed
//! out, 403 for everyone else). A thin caller of `audit_export`; bad filters are 422 naming the
//! field.

use axum::body::Body;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use shared::api::ApiError;
use utoipa_axum::router::OpenApiRouter;

use crate::audit_export::{self, ExportRequest};
use crate::auth::Administrator;
use crate::error::AppError;
use crate::routes::url_parts::ApiQuery;
use crate::state::AppState;

pub const NDJSON: &str = "application/x-ndjson";

pub fn router() -> OpenApiRouter<AppState> {
    super::documented!(export)
}

/// The app and team logs as JSON lines, oldest first, filtered by time and app.
#[utoipa::path(get, path = "/admin/audit/export", tag = "admin", operation_id = "export_audit_log",
    params(ExportRequest), security(("session" = [])),
    responses((status = OK, description = "One JSON object a line.", content_type = "application/x-ndjson", body = String), (status = FORBIDDEN, description = "`forbidden`: not an administrator.", body = ApiError), (status = UNPROCESSABLE_ENTITY, description = "`validation_failed`: a filter that cannot be read, by field.", body = ApiError)))]
async fn export(
    State(state): State<AppState>,
    _admin: Administrator,
    ApiQuery(request): ApiQuery<ExportRequest>,
) -> Result<Response, AppError> {
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
