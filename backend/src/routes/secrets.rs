//! `/api/v1/apps/{client_id}/secrets`, `/reset` and `/audit`: rotating, revoking and resetting
//! an app's credentials, and reading its audit log.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use shared::api::{AuditEntry, CreatedSecret, NewSecretRequest, ResetResult, SecretMetadata};

use crate::apps::access::app_for;
use crate::apps::change::Change;
use crate::apps::secret_views::metadata_of;
use crate::apps::secrets;
use crate::audit;
use crate::auth::CurrentUser;
use crate::client_address::ClientAddress;
use crate::error::AppError;
use crate::routes::json::ApiJson;
use crate::state::AppState;
use crate::teams::access::Need;

const AUDIT_PAGE: i64 = 200;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/apps/{client_id}/secrets", get(list).post(create))
        .route("/apps/{client_id}/secrets/{secret_id}", delete(revoke))
        .route("/apps/{client_id}/reset", post(reset))
        .route("/apps/{client_id}/audit", get(audit_log))
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(client_id): Path<String>,
) -> Result<Json<Vec<SecretMetadata>>, AppError> {
    app_for(&state, &user, &client_id, Need::Read).await?;
    let secrets = state.store.secrets_of(&client_id).await?;
    Ok(Json(metadata_of(&secrets, state.now())))
}

async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    address: ClientAddress,
    Path(client_id): Path<String>,
    ApiJson(request): ApiJson<NewSecretRequest>,
) -> Result<(StatusCode, Json<CreatedSecret>), AppError> {
    let app = app_for(&state, &user, &client_id, Need::ReadWrite).await?;
    request.validate().map_err(AppError::Validation)?;
    let change = Change::by_user(&state, &user, &address);
    let created =
        secrets::issue_secret(&change, &app, request.label(), request.expires_in_days).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn revoke(
    State(state): State<AppState>,
    user: CurrentUser,
    address: ClientAddress,
    Path((client_id, secret_id)): Path<(String, String)>,
) -> Result<Json<SecretMetadata>, AppError> {
    app_for(&state, &user, &client_id, Need::ReadWrite).await?;
    let change = Change::by_user(&state, &user, &address);
    let revoked = secrets::revoke_secret(&change, &client_id, &secret_id).await?;
    Ok(Json(revoked))
}

async fn reset(
    State(state): State<AppState>,
    user: CurrentUser,
    address: ClientAddress,
    Path(client_id): Path<String>,
) -> Result<Json<ResetResult>, AppError> {
    let app = app_for(&state, &user, &client_id, Need::ReadWrite).await?;
    let change = Change::by_user(&state, &user, &address);
    Ok(Json(secrets::reset(&change, &app).await?))
}

async fn audit_log(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(client_id): Path<String>,
) -> Result<Json<Vec<AuditEntry>>, AppError> {
    app_for(&state, &user, &client_id, Need::Read).await?;
    let rows = state.store.audit_of(&client_id, AUDIT_PAGE).await?;
    Ok(Json(
        rows.into_iter()
            .map(audit::entry_of)
            .collect::<anyhow::Result<_>>()?,
    ))
}
