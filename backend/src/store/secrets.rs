//! Client secrets: stored as SHA-256 hashes only, several per app, revoked by time stamp (kept
//! for the record and the audit trail).

use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use super::{Store, StoreError};

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretRow {
    pub id: String,
    pub client_id: String,
    pub secret_hash: String,
    pub prefix: String,
    pub label: Option<String>,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub first_used_at: Option<i64>,
    pub last_used_at: Option<i64>,
    pub last_used_ip: Option<String>,
    pub use_count: i64,
}

impl SecretRow {
    pub fn is_active(&self, now: i64) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|expires| expires > now)
    }
}

pub enum RevokeOutcome {
    Revoked(SecretRow),
    AlreadyRevoked,
    NotFound,
}

/// What "reset OAuth values" removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResetCounts {
    pub secrets: u64,
    pub tokens: u64,
    pub consents: u64,
}

const SECRET_COLUMNS: &str =
    "id, client_id, secret_hash, prefix, label, created_at, expires_at, revoked_at, \
     first_used_at, last_used_at, last_used_ip, use_count";

impl Store {
    /// Every secret of an app, oldest first, revoked ones included.
    pub async fn secrets_of(&self, client_id: &str) -> Result<Vec<SecretRow>, StoreError> {
        let sql = format!("SELECT {SECRET_COLUMNS} FROM client_secrets WHERE client_id = $1 ORDER BY created_at, id");
        let rows = sqlx::query(&sql)
            .bind(client_id)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(secret_from_row).collect::<Result<_, _>>()?)
    }

    /// The app's secrets that authenticate at `now` (not revoked, not expired): at most five.
    pub async fn active_secrets_of(
        &self,
        client_id: &str,
        now: i64,
    ) -> Result<Vec<SecretRow>, StoreError> {
        let sql = format!(
            "SELECT {SECRET_COLUMNS} FROM client_secrets WHERE client_id = $1 \
             AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)"
        );
        let rows = sqlx::query(&sql)
            .bind(client_id)
            .bind(now)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(secret_from_row).collect::<Result<_, _>>()?)
    }

    /// Adds a secret unless the app already has `max_active` active ones; `false` when full.
    /// One statement, so two concurrent requests cannot both slip under the limit.
    pub async fn insert_secret_within_limit(
        &self,
        secret: &NewSecret<'_>,
        max_active: i64,
    ) -> Result<bool, StoreError> {
        let query = sqlx::query(
            "INSERT INTO client_secrets (id, client_id, secret_hash, prefix, label, created_by, created_at, expires_at) \
             SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE (SELECT COUNT(*) FROM client_secrets WHERE client_id = $2 \
             AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $7)) < $9",
        );
        let done = bind_secret(query, secret)
            .bind(max_active)
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Revokes one secret; tokens issued under it by client credentials go with it.
    pub async fn revoke_secret(
        &self,
        client_id: &str,
        secret_id: &str,
        now: i64,
    ) -> Result<RevokeOutcome, StoreError> {
        let mut tx = self.writer.begin().await?;
        let sql =
            format!("SELECT {SECRET_COLUMNS} FROM client_secrets WHERE id = $1 AND client_id = $2");
        let Some(row) = sqlx::query(&sql)
            .bind(secret_id)
            .bind(client_id)
            .fetch_optional(&mut *tx)
            .await?
        else {
            return Ok(RevokeOutcome::NotFound);
        };
        let mut secret = secret_from_row(&row)?;
        if secret.revoked_at.is_some() {
            return Ok(RevokeOutcome::AlreadyRevoked);
        }
        sqlx::query("UPDATE client_secrets SET revoked_at = $2 WHERE id = $1")
            .bind(secret_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE tokens SET revoked_at = $2 WHERE secret_id = $1 AND revoked_at IS NULL",
        )
        .bind(secret_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        secret.revoked_at = Some(now);
        Ok(RevokeOutcome::Revoked(secret))
    }

    /// "Reset OAuth values": revokes every secret and token of the app, forgets every consent
    /// and codes not yet redeemed, and adds one new secret (confidential apps), all in one transaction.
    pub async fn reset_credentials(
        &self,
        client_id: &str,
        new_secret: Option<&NewSecret<'_>>,
        now: i64,
    ) -> Result<ResetCounts, StoreError> {
        let mut tx = self.writer.begin().await?;
        let secrets = sqlx::query(
            "UPDATE client_secrets SET revoked_at = $2 WHERE client_id = $1 AND revoked_at IS NULL",
        )
        .bind(client_id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let tokens = sqlx::query(
            "UPDATE tokens SET revoked_at = $2 WHERE client_id = $1 AND revoked_at IS NULL AND expires_at > $2",
        )
        .bind(client_id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let consents = sqlx::query("DELETE FROM consents WHERE client_id = $1")
            .bind(client_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        sqlx::query("DELETE FROM authorization_codes WHERE client_id = $1")
            .bind(client_id)
            .execute(&mut *tx)
            .await?;
        if let Some(new_secret) = new_secret {
            insert_secret(&mut tx, new_secret).await?;
        }
        tx.commit().await?;
        Ok(ResetCounts {
            secrets,
            tokens,
            consents,
        })
    }

    /// Adds `uses` authentications to a secret's record (see `SecretUseTracker`).
    pub async fn record_secret_use(
        &self,
        secret_id: &str,
        at: i64,
        ip: &str,
        uses: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE client_secrets SET last_used_at = $2, last_used_ip = $3, use_count = use_count + $4, \
             first_used_at = COALESCE(first_used_at, $2) WHERE id = $1",
        )
        .bind(secret_id)
        .bind(at)
        .bind(ip)
        .bind(uses)
        .execute(&self.writer)
        .await?;
        Ok(())
    }
}

pub(super) async fn insert_secret(
    tx: &mut Transaction<'_, Any>,
    secret: &NewSecret<'_>,
) -> Result<(), StoreError> {
    let query = sqlx::query(
        "INSERT INTO client_secrets (id, client_id, secret_hash, prefix, label, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    );
    bind_secret(query, secret).execute(&mut **tx).await?;
    Ok(())
}

type AnyQuery<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>;

fn bind_secret<'q>(query: AnyQuery<'q>, secret: &NewSecret<'q>) -> AnyQuery<'q> {
    query
        .bind(secret.id)
        .bind(secret.client_id)
        .bind(secret.secret_hash)
        .bind(secret.prefix)
        .bind(secret.label)
        .bind(secret.created_by)
        .bind(secret.created_at)
        .bind(secret.expires_at)
}

fn secret_from_row(row: &AnyRow) -> Result<SecretRow, sqlx::Error> {
    Ok(SecretRow {
        id: row.try_get("id")?,
        client_id: row.try_get("client_id")?,
        secret_hash: row.try_get("secret_hash")?,
        prefix: row.try_get("prefix")?,
        label: row.try_get("label")?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        revoked_at: row.try_get("revoked_at")?,
        first_used_at: row.try_get("first_used_at")?,
        last_used_at: row.try_get("last_used_at")?,
        last_used_ip: row.try_get("last_used_ip")?,
        use_count: row.try_get("use_count")?,
    })
}
