//! An app's client secrets, the "reset OAuth values" action and the audit log that records
//! both. Part of `api`: the same typed helpers, the same CSRF header.

use gloo_net::http::Request;
use serde::Serialize;
use shared::api::{AuditEntry, CreatedSecret, NewSecretRequest, ResetResult, SecretMetadata};

use super::{app_path, delete, get, segment, send, url, ApiFailure};

/// The reset endpoint takes no fields; it is sent `{}` so it is a JSON request like the rest.
#[derive(Serialize)]
struct NoFields {}

/// Every secret of the app, revoked ones included, oldest first.
pub async fn secrets(client_id: &str) -> Result<Vec<SecretMetadata>, ApiFailure> {
    get(&format!("{}/secrets", app_path(client_id))).await
}

/// A new secret; the answer carries the secret itself this once.
pub async fn create_secret(
    client_id: &str,
    request: &NewSecretRequest,
) -> Result<CreatedSecret, ApiFailure> {
    let path = format!("{}/secrets", app_path(client_id));
    send(Request::post(&url(&path)), Some(request)).await
}

/// Revokes one secret. The answer's metadata is not read: the page reloads the whole list,
/// whose statuses may all have changed.
pub async fn revoke_secret(client_id: &str, secret_id: &str) -> Result<(), ApiFailure> {
    let path = format!("{}/secrets/{}", app_path(client_id), segment(secret_id));
    delete(&path).await
}

/// Revokes every secret, token and consent of the app (and issues one new secret).
pub async fn reset_app(client_id: &str) -> Result<ResetResult, ApiFailure> {
    let path = format!("{}/reset", app_path(client_id));
    send(Request::post(&url(&path)), Some(&NoFields {})).await
}

/// The app's audit log, newest first.
pub async fn audit_log(client_id: &str) -> Result<Vec<AuditEntry>, ApiFailure> {
    get(&format!("{}/audit", app_path(client_id))).await
}
