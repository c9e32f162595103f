//! Client secrets (hashes only).

use sqlx::{Any, Transaction};

use super::StoreError;

pub struct NewSecret<'a> {
    pub id: &'a str,
    pub client_id: &'a str,
    pub secret_hash: &'a str,
    pub prefix: &'a str,
    pub label: Option<&'a str>,
    pub created_by: Option<&'a str>,
    pub created_at: i64,
    pub expires_at: Option<i64>,
}

pub(super) async fn insert_secret(tx: &mut Transaction<'_, Any>, secret: &NewSecret<'_>) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO client_secrets (id, client_id, secret_hash, prefix, label, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(secret.id)
    .bind(secret.client_id)
    .bind(secret.secret_hash)
    .bind(secret.prefix)
    .bind(secret.label)
    .bind(secret.created_by)
    .bind(secret.created_at)
    .bind(secret.expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
