//! `/api/v1/apps/{client_id}/secrets`, `/reset` and `/audit`: rotating, revoking and resetting
//! an app's credentials, and reading its audit log.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use shared::api::{
    AuditEntry, AuditEvent, CreatedSecret, NewSecretRequest, ResetResult, SecretMetadata,
};
use shared::app::ClientType;
use shared::credentials::ClientSecret;

use crate::apps::access::visible_app;
use crate::apps::records;
use crate::apps::secrets::{metadata_of, reference, MAX_ACTIVE_SECRETS};
use crate::audit;
use crate::auth::CurrentUser;
use crate::client_address::ClientAddress;
use crate::crypto::token_hash;
use crate::error::AppError;
use crate::ids;
use crate::routes::json::ApiJson;
use crate::state::AppState;
use crate::store::secrets::{NewSecret, RevokeOutcome};

const AUDIT_PAGE: i64 = 200;
const DAY: i64 = 24 * 60 * 60;

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
    visible_app(&state, &user, &client_id).await?;
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
    let app = visible_app(&state, &user, &client_id).await?;
    request.validate().map_err(AppError::Validation)?;
    if records::client_type_of(&app)? == ClientType::Public {
        return Err(AppError::BadRequest(
            "Public apps use PKCE and have no client secrets.".into(),
        ));
    }
    let now = state.now();
    let secret = ClientSecret::generate();
    let id = ids::sortable_id("sec");
    let expires_at = request
        .expires_in_days
        .map(|days| now + i64::from(days) * DAY);
    let new_secret = NewSecret {
        id: &id,
        client_id: &client_id,
        secret_hash: &token_hash(secret.expose()),
        prefix: secret.prefix(),
        label: request.label(),
        created_by: Some(&user.user.id),
        created_at: now,
        expires_at,
    };
    let inserted = state
        .store
        .insert_secret_within_limit(&new_secret, MAX_ACTIVE_SECRETS)
        .await?;
    state.clients.invalidate(&client_id);
    if !inserted {
        return Err(AppError::Conflict {
            field: None,
            message: format!(
                "This app already has {MAX_ACTIVE_SECRETS} active secrets. Revoke one before generating another."
            ),
        });
    }
    let metadata = created_metadata(&state, &client_id, &id).await?;
    let event = AuditEvent::SecretGenerated {
        secret: shared::api::SecretRef {
            id: id.clone(),
            prefix: metadata.prefix.clone(),
            label: metadata.label.clone(),
        },
        expires_at,
    };
    audit::record(&state, &client_id, &user, &address, event).await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedSecret {
            secret: metadata,
            client_secret: secret.expose().to_owned(),
        }),
    ))
}

async fn revoke(
    State(state): State<AppState>,
    user: CurrentUser,
    address: ClientAddress,
    Path((client_id, secret_id)): Path<(String, String)>,
) -> Result<Json<SecretMetadata>, AppError> {
    visible_app(&state, &user, &client_id).await?;
    let now = state.now();
    let outcome = state
        .store
        .revoke_secret(&client_id, &secret_id, now)
        .await?;
    state.clients.invalidate(&client_id);
    let revoked = match outcome {
        RevokeOutcome::Revoked(secret) => secret,
        RevokeOutcome::AlreadyRevoked => {
            return Err(AppError::Conflict {
                field: None,
                message: "This secret is already revoked; nothing changed.".into(),
            })
        }
        RevokeOutcome::NotFound => return Err(AppError::NotFound),
    };
    audit::record(
        &state,
        &client_id,
        &user,
        &address,
        AuditEvent::SecretRevoked {
            secret: reference(&revoked),
        },
    )
    .await?;
    let secrets = state.store.secrets_of(&client_id).await?;
    metadata_of(&secrets, now)
        .into_iter()
        .find(|secret| secret.id == secret_id)
        .map(Json)
        .ok_or(AppError::NotFound)
}

async fn reset(
    State(state): State<AppState>,
    user: CurrentUser,
    address: ClientAddress,
    Path(client_id): Path<String>,
) -> Result<Json<ResetResult>, AppError> {
    let app = visible_app(&state, &user, &client_id).await?;
    let confidential = records::client_type_of(&app)? == ClientType::Confidential;
    let now = state.now();
    let secret = ClientSecret::generate();
    let id = ids::sortable_id("sec");
    let new_secret = NewSecret {
        id: &id,
        client_id: &client_id,
        secret_hash: &token_hash(secret.expose()),
        prefix: secret.prefix(),
        label: Some("Issued by reset"),
        created_by: Some(&user.user.id),
        created_at: now,
        expires_at: None,
    };
    let counts = state
        .store
        .reset_credentials(&client_id, confidential.then_some(&new_secret), now)
        .await?;
    state.clients.invalidate(&client_id);
    let new_secret = if confidential {
        let metadata = created_metadata(&state, &client_id, &id).await?;
        Some(CreatedSecret {
            secret: metadata,
            client_secret: secret.expose().to_owned(),
        })
    } else {
        None
    };
    let event = AuditEvent::OAuthValuesReset {
        revoked_secrets: counts.secrets,
        revoked_tokens: counts.tokens,
        revoked_consents: counts.consents,
        new_secret: new_secret.as_ref().map(|created| shared::api::SecretRef {
            id: created.secret.id.clone(),
            prefix: created.secret.prefix.clone(),
            label: created.secret.label.clone(),
        }),
    };
    audit::record(&state, &client_id, &user, &address, event).await?;
    Ok(Json(ResetResult {
        new_secret,
        revoked_secrets: counts.secrets,
        revoked_tokens: counts.tokens,
        revoked_consents: counts.consents,
    }))
}

async fn audit_log(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(client_id): Path<String>,
) -> Result<Json<Vec<AuditEntry>>, AppError> {
    visible_app(&state, &user, &client_id).await?;
    let rows = state.store.audit_of(&client_id, AUDIT_PAGE).await?;
    Ok(Json(
        rows.into_iter()
            .map(audit::entry_of)
            .collect::<anyhow::Result<_>>()?,
    ))
}

async fn created_metadata(
    state: &AppState,
    client_id: &str,
    secret_id: &str,
) -> Result<SecretMetadata, AppError> {
    let secrets = state.store.secrets_of(client_id).await?;
    metadata_of(&secrets, state.now())
        .into_iter()
        .find(|secret| secret.id == secret_id)
        .ok_or(AppError::NotFound)
}
