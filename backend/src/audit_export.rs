//! Exporting the audit logs, the one operation behind `GET /api/v1/admin/audit/export` and
//! `clientele audit export`: the apps' log and the teams' log, oldest first, as JSON lines
//! (`shared::api::AuditExportLine`), optionally from `since` until `until` (excluded) and for
//! one app. The export is read and sent a page at a time (keyset paging, `store::audit_export`),
//! so its memory does not grow with the log.

use futures_util::stream::{self, Stream};
use serde::Deserialize;
use shared::api::{AuditActor, AuditExportLine};
use shared::field_errors::FieldErrors;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::store::audit_export::{ExportCursor, ExportRange, ExportRow};
use crate::store::Store;

/// Entries read and sent at once.
pub const PAGE_ROWS: i64 = 500;

/// The filters as given (a query string, flags), each optional.
#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportRequest {
    /// RFC 3339; entries at or after it.
    pub since: Option<String>,
    /// RFC 3339; entries before it.
    pub until: Option<String>,
    /// One app's entries (its log only).
    pub client_id: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Filters that cannot be read, keyed by `since`, `until` and `client_id`.
    #[error("the filters need attention")]
    Invalid(FieldErrors),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

crate::error::store_errors_are_internal!(ExportError);

impl From<ExportError> for crate::error::AppError {
    fn from(err: ExportError) -> Self {
        match err {
            ExportError::Invalid(fields) => crate::error::AppError::Validation(fields),
            ExportError::Internal(err) => crate::error::AppError::Internal(err),
        }
    }
}

/// The entries `request` asks for: both times RFC 3339, `since` not after `until`, and an app
/// that exists or once did.
pub async fn range(store: &Store, request: &ExportRequest) -> Result<ExportRange, ExportError> {
    let mut fields = FieldErrors::new();
    let since = instant(&mut fields, "since", request.since.as_deref());
    let until = instant(&mut fields, "until", request.until.as_deref());
    if let (Some(Some(since)), Some(Some(until))) = (since, until) {
        if since > until {
            fields.insert("since".into(), "Must not be after `until`.".into());
        }
    }
    if let Some(client_id) = &request.client_id {
        if !store.audit_knows_app(client_id).await? {
            fields.insert(
                "client_id".into(),
                "No app has this client id, and no audit entry names it.".into(),
            );
        }
    }
    if !fields.is_empty() {
        return Err(ExportError::Invalid(fields));
    }
    Ok(ExportRange {
        since: since.flatten().unwrap_or(i64::MIN),
        until: until.flatten().unwrap_or(i64::MAX),
        client_id: request.client_id.clone(),
    })
}

/// `text` as seconds since the epoch, rounded up (entries are stamped in whole seconds, so an
/// entry is at or after `…:00.5` exactly when it is at or after `…:01`); `None` (recorded in
/// `fields`) when it is not RFC 3339, `Some(None)` when absent.
fn instant(fields: &mut FieldErrors, key: &str, text: Option<&str>) -> Option<Option<i64>> {
    let Some(text) = text else {
        return Some(None);
    };
    match OffsetDateTime::parse(text.trim(), &Rfc3339) {
        Ok(time) => Some(Some(
            time.unix_timestamp() + i64::from(time.nanosecond() > 0),
        )),
        Err(_) => {
            fields.insert(
                key.to_owned(),
                "Use an RFC 3339 time, such as 2026-12-01T00:00:00Z.".to_owned(),
            );
            None
        }
    }
}

/// The export, a page of JSON lines (each ending in a newline) at a time.
pub fn pages(
    store: Store,
    range: ExportRange,
) -> impl Stream<Item = Result<String, anyhow::Error>> + Send + 'static {
    let first = ExportCursor {
        at: range.since,
        id: String::new(),
    };
    stream::try_unfold(Some(first), move |cursor| {
        let store = store.clone();
        let range = range.clone();
        async move {
            let Some(cursor) = cursor else {
                return Ok(None);
            };
            let rows = store
                .audit_export_page(&range, &cursor, PAGE_ROWS)
                .await
                .inspect_err(|err| tracing::error!(error = %err, "reading the audit export"))?;
            let next = (rows.len() as i64 == PAGE_ROWS)
                .then(|| rows.last())
                .flatten()
                .map(|last| ExportCursor {
                    at: last.at,
                    id: last.id.clone(),
                });
            if rows.is_empty() {
                return Ok(None);
            }
            let mut text = String::with_capacity(rows.len() * 256);
            for row in rows {
                text.push_str(&serde_json::to_string(&line(row)?)?);
                text.push('\n');
            }
            Ok(Some((text, next)))
        }
    })
}

/// A row as its export line; the team log records the command line as no one, which the export
/// names as the app log does.
fn line(row: ExportRow) -> anyhow::Result<AuditExportLine> {
    let time = OffsetDateTime::from_unix_timestamp(row.at)?.format(&Rfc3339)?;
    let actor = match row.actor {
        AuditActor {
            id: None,
            email: None,
            ip,
        } => AuditActor {
            id: None,
            email: Some(crate::audit::COMMAND_LINE.to_owned()),
            ip,
        },
        actor => actor,
    };
    Ok(AuditExportLine {
        id: row.id,
        time,
        at: row.at,
        actor,
        entry: row.entry,
    })
}
