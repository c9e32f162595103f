//! `/api/v1/apps/{client_id}/secrets`, `/reset` and `/audit`: rotating, revoking and resetting
//! an app's credentials, and reading its audit log.

use axum::http::StatusCode;
use axum::Json;
use shared::api::{
    ApiError, AuditEntry, CreatedSecret, NewSecretRequest, ResetResult, SecretMetadata,
};
use utoipa_axum::router::OpenApiRouter;

use crate::apps::secret_views::metadata_of;
use crate::apps::secrets;
use crate::audit;
use crate::auth::RecentlyAuthenticated;
use crate::error::AppError;
use crate::routes::app_access::{ChangedApp, SeenApp};
use crate::routes::json::ApiJson;
use crate::routes::openapi::AppPath;
use crate::routes::url_parts::ApiPath;
use crate::state::AppState;

const AUDIT_PAGE: i64 = 200;

pub fn router() -> OpenApiRouter<AppState> {
    super::documented!(list, create; revoke; reset; audit_log)
}

/// The app's secrets (never the secrets themselves), revoked ones included.
#[utoipa::path(get, path = "/apps/{client_id}/secrets", tag = "secrets", operation_id = "list_secrets",
    params(AppPath), security(("session" = [])),
    responses((status = OK, description = "The secrets' metadata.", body = Vec<SecretMetadata>)))]
async fn list(seen: SeenApp) -> Result<Json<Vec<SecretMetadata>>, AppError> {
    let secrets = seen.state.store.secrets_of(&seen.app.client_id).await?;
    Ok(Json(metadata_of(&secrets, seen.state.now())))
}

/// Generates a secret for a confidential app (at most five active at once).
#[utoipa::path(post, path = "/apps/{client_id}/secrets", tag = "secrets", operation_id = "create_secret",
    params(AppPath), request_body = NewSecretRequest, security(("session" = [], "csrf" = [])),
    responses((status = CREATED, description = "The secret, shown this once, and its metadata.", body = CreatedSecret), (status = BAD_REQUEST, description = "`bad_request`: a public app has no secrets, or the body is not JSON.", body = ApiError), (status = CONFLICT, description = "`conflict`: the app already has five active secrets.", body = ApiError), (status = FORBIDDEN, description = "`reauthentication_required`: this session's password was entered too long ago (`POST /session/reauthenticate` first); `forbidden`: the request lacks its CSRF token, or the person's role changes nothing.", body = ApiError)))]
async fn create(
    changed: ChangedApp<RecentlyAuthenticated>,
    ApiJson(request): ApiJson<NewSecretRequest>,
) -> Result<(StatusCode, Json<CreatedSecret>), AppError> {
    request.validate().map_err(AppError::Validation)?;
    let (label, days) = (request.label(), request.expires_in_days);
    let created = secrets::issue_secret(&changed.change(), &changed.app, label, days).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Revokes one secret; it stops working at once.
#[utoipa::path(delete, path = "/apps/{client_id}/secrets/{secret_id}", tag = "secrets", operation_id = "revoke_secret",
    params(AppPath, ("secret_id" = String, Path, description = "The secret's id.")), security(("session" = [], "csrf" = [])),
    responses((status = OK, description = "The revoked secret's metadata.", body = SecretMetadata), (status = CONFLICT, description = "`conflict`: the secret is already revoked.", body = ApiError)))]
async fn revoke(
    changed: ChangedApp,
    ApiPath((_, secret_id)): ApiPath<(String, String)>,
) -> Result<Json<SecretMetadata>, AppError> {
    let client_id = &changed.app.client_id;
    let revoked = secrets::revoke_secret(&changed.change(), client_id, &secret_id).await?;
    Ok(Json(revoked))
}

/// Revokes every secret, token and consent of the app, and for a confidential app issues one
/// new secret.
#[utoipa::path(post, path = "/apps/{client_id}/reset", tag = "secrets", operation_id = "reset_app",
    params(AppPath), security(("session" = [], "csrf" = [])),
    responses((status = OK, description = "What was revoked, and the new secret (shown this once).", body = ResetResult), (status = FORBIDDEN, description = "`reauthentication_required`: this session's password was entered too long ago (`POST /session/reauthenticate` first); `forbidden`: the request lacks its CSRF token, or the person's role changes nothing.", body = ApiError)))]
async fn reset(changed: ChangedApp<RecentlyAuthenticated>) -> Result<Json<ResetResult>, AppError> {
    Ok(Json(secrets::reset(&changed.change(), &changed.app).await?))
}

/// The app's audit log, newest first (the latest 200 entries).
#[utoipa::path(get, path = "/apps/{client_id}/audit", tag = "apps", operation_id = "app_audit_log",
    params(AppPath), security(("session" = [])),
    responses((status = OK, description = "The entries.", body = Vec<AuditEntry>)))]
async fn audit_log(seen: SeenApp) -> Result<Json<Vec<AuditEntry>>, AppError> {
    let rows = seen
        .state
        .store
        .audit_of(&seen.app.client_id, AUDIT_PAGE)
        .await?;
    Ok(Json(
        rows.into_iter()
            .map(audit::entry_of)
            .collect::<anyhow::Result<_>>()?,
    ))
}
