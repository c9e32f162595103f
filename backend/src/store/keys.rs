//! Signing keys.

use sqlx::Row;

use super::{Store, StoreError};

#[derive(Debug, Clone)]
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
        let rows = sqlx::query(
            "SELECT kid, alg, private_der, public_jwk, created_at, retired_at FROM signing_keys \
             WHERE retired_at IS NULL OR retired_at > $1 ORDER BY created_at DESC, kid",
        )
        .bind(retired_since)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(KeyRow {
                    kid: row.try_get("kid")?,
                    alg: row.try_get("alg")?,
                    private_der: row.try_get("private_der")?,
                    public_jwk: row.try_get("public_jwk")?,
                    created_at: row.try_get("created_at")?,
                    retired_at: row.try_get("retired_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(Into::into)
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
            sqlx::query(
                "UPDATE signing_keys SET retired_at = $2 WHERE alg = $1 AND retired_at IS NULL",
            )
            .bind(key.alg)
            .bind(key.created_at)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("INSERT INTO signing_keys (kid, alg, private_der, public_jwk, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(key.kid)
            .bind(key.alg)
            .bind(key.private_der)
            .bind(key.public_jwk)
            .bind(key.created_at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
