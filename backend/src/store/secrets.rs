//! Client secrets: stored as SHA-256 hashes only, several per app, revoked by time stamp (kept
//! for the record and the audit trail).

use sqlx::{Any, FromRow, Transaction};

use super::{changed, AnyQuery, Store, StoreError};

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

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
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

// Returned once per revocation and matched at once: boxing would only add an allocation.
#[allow(clippy::large_enum_variant)]
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
        self.all(bound!(sqlx::query_as(&sql), client_id)).await
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
        let query = bound!(sqlx::query_as(&sql), client_id, now);
        self.all(query).await
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
        Ok(self
            .write(bind_secret(query, secret).bind(max_active))
            .await?
            == 1)
    }

    /// Revokes one secret; tokens issued under it by client credentials go with it. The
    /// transaction writes first: on SQLite, one that read first could not take the write lock
    /// once the token writer had committed meanwhile (`SQLITE_BUSY_SNAPSHOT`), and the busy
    /// timeout does not wait that out.
    pub async fn revoke_secret(
        &self,
        client_id: &str,
        secret_id: &str,
        now: i64,
    ) -> Result<RevokeOutcome, StoreError> {
        let mut tx = self.writer.begin().await?;
        let query = sqlx::query(
            "UPDATE client_secrets SET revoked_at = $3 WHERE id = $1 AND client_id = $2 AND revoked_at IS NULL",
        );
        let revoked = changed(&mut tx, bound!(query, secret_id, client_id, now)).await?;
        let sql =
            format!("SELECT {SECRET_COLUMNS} FROM client_secrets WHERE id = $1 AND client_id = $2");
        let query = bound!(sqlx::query_as(&sql), secret_id, client_id);
        let Some(secret): Option<SecretRow> = query.fetch_optional(&mut *tx).await? else {
            return Ok(RevokeOutcome::NotFound);
        };
        if revoked == 0 {
            return Ok(RevokeOutcome::AlreadyRevoked);
        }
        let query = sqlx::query(
            "UPDATE tokens SET revoked_at = $2 WHERE secret_id = $1 AND revoked_at IS NULL",
        );
        changed(&mut tx, bound!(query, secret_id, now)).await?;
        tx.commit().await?;
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
        let query = sqlx::query(
            "UPDATE client_secrets SET revoked_at = $2 WHERE client_id = $1 AND revoked_at IS NULL",
        );
        let secrets = changed(&mut tx, bound!(query, client_id, now)).await?;
        let query = sqlx::query(
            "UPDATE tokens SET revoked_at = $2 WHERE client_id = $1 AND revoked_at IS NULL AND expires_at > $2",
        );
        let tokens = changed(&mut tx, bound!(query, client_id, now)).await?;
        let query = sqlx::query("DELETE FROM consents WHERE client_id = $1");
        let consents = changed(&mut tx, bound!(query, client_id)).await?;
        let query = sqlx::query("DELETE FROM authorization_codes WHERE client_id = $1");
        changed(&mut tx, bound!(query, client_id)).await?;
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
        let query = sqlx::query(
            "UPDATE client_secrets SET last_used_at = $2, last_used_ip = $3, use_count = use_count + $4, \
             first_used_at = COALESCE(first_used_at, $2) WHERE id = $1",
        );
        self.write(bound!(query, secret_id, at, ip, uses)).await?;
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
