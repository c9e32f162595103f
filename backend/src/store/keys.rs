//! Signing keys.

use sqlx::FromRow;

use super::{Store, StoreError};

#[derive(Debug, Clone, FromRow)]
pub struct KeyRow {
    pub kid: String,
    pub alg: String,
    pub private_der: Vec<u8>,
    pub public_jwk: String,
    pub created_at: i64,
    pub retired_at: Option<i64>,
}

pub struct NewKey<'a> {
    pub kid: &'a str,
    pub alg: &'a str,
    pub private_der: &'a [u8],
    pub public_jwk: &'a str,
    pub created_at: i64,
}

impl Store {
    /// Current keys, and retired ones retired after `retired_since` (still published).
    pub async fn signing_keys(&self, retired_since: i64) -> Result<Vec<KeyRow>, StoreError> {
        let query = sqlx::query_as(
            "SELECT kid, alg, private_der, public_jwk, created_at, retired_at FROM signing_keys \
             WHERE retired_at IS NULL OR retired_at > $1 ORDER BY created_at DESC, kid",
        );
        Ok(bound!(query, retired_since).fetch_all(&self.pool).await?)
    }

    /// Every key ever made, newest first (for `clientele keys list`).
    pub async fn all_signing_keys(&self) -> Result<Vec<KeyRow>, StoreError> {
        self.signing_keys(i64::MIN).await
    }

    /// Adds a current key for its algorithm, retiring the previous one, in one transaction.
    /// `Conflict` when another node made a current key at the same moment.
    pub async fn add_current_key(
        &self,
        key: &NewKey<'_>,
        retire_previous: bool,
    ) -> Result<(), StoreError> {
        let mut tx = self.writer.begin().await?;
        if retire_previous {
            let query = sqlx::query(
                "UPDATE signing_keys SET retired_at = $2 WHERE alg = $1 AND retired_at IS NULL",
            );
            bound!(query, key.alg, key.created_at)
                .execute(&mut *tx)
                .await?;
        }
        let query = sqlx::query("INSERT INTO signing_keys (kid, alg, private_der, public_jwk, created_at) VALUES ($1, $2, $3, $4, $5)");
        bound!(
            query,
            key.kid,
            key.alg,
            key.private_der,
            key.public_jwk,
            key.created_at
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
