//! Passkeys (`passkeys`) and the challenges of WebAuthn ceremonies under way
//! (`passkey_challenges`).
//!
//! A challenge is taken with one `DELETE … RETURNING`: of two requests finishing the same
//! ceremony at once, one gets the state and the other nothing, on SQLite and PostgreSQL alike.
//! Live challenges are bounded per owner and in all, checked in the insert itself.

use sqlx::FromRow;

use super::{Store, StoreError};

/// A passkey as stored; `credential` is webauthn-rs's `Passkey` as JSON.
#[derive(Debug, Clone, FromRow)]
pub struct PasskeyRow {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub credential: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

pub struct NewPasskey<'a> {
    pub id: &'a str,
    pub user_id: &'a str,
    pub credential_id: &'a str,
    pub name: &'a str,
    pub credential: &'a str,
    pub created_at: i64,
}

pub struct NewChallenge<'a> {
    pub id: &'a str,
    pub purpose: &'a str,
    pub owner: &'a str,
    pub state: &'a str,
    pub created_at: i64,
    pub expires_at: i64,
}

/// How many live challenges one owner and everyone together may have.
#[derive(Debug, Clone, Copy)]
pub struct ChallengeBounds {
    pub per_owner: i64,
    pub in_all: i64,
}

const TAKE: &str = "DELETE FROM passkey_challenges WHERE id = $1 AND purpose = $2 \
     AND expires_at > $3 RETURNING state";
const TAKE_OWNED: &str = "DELETE FROM passkey_challenges WHERE id = $1 AND purpose = $2 \
     AND expires_at > $3 AND owner = $4 RETURNING state";

const PASSKEY_COLUMNS: &str = "id, user_id, name, credential, created_at, last_used_at";

impl Store {
    /// Stores a new passkey; `StoreError::Conflict` when its credential id is registered
    /// already (to this account or another).
    pub async fn insert_passkey(&self, passkey: &NewPasskey<'_>) -> Result<(), StoreError> {
        let query = sqlx::query(
            "INSERT INTO passkeys (id, user_id, credential_id, name, credential, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        );
        self.write(bound!(
            query,
            passkey.id,
            passkey.user_id,
            passkey.credential_id,
            passkey.name,
            passkey.credential,
            passkey.created_at
        ))
        .await?;
        Ok(())
    }

    /// The person's passkeys, oldest first.
    pub async fn passkeys_of(&self, user_id: &str) -> Result<Vec<PasskeyRow>, StoreError> {
        let sql = format!(
            "SELECT {PASSKEY_COLUMNS} FROM passkeys WHERE user_id = $1 ORDER BY created_at, id"
        );
        self.all(bound!(sqlx::query_as(&sql), user_id)).await
    }

    /// Credential ids (base64url) of the person's passkeys, so that an authenticator is not
    /// registered twice (WebAuthn `excludeCredentials`).
    pub async fn passkey_credential_ids(&self, user_id: &str) -> Result<Vec<String>, StoreError> {
        let query =
            sqlx::query_as::<_, (String,)>("SELECT credential_id FROM passkeys WHERE user_id = $1");
        let rows = self.all(bound!(query, user_id)).await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    /// The passkey with this credential id (base64url), whoever's it is.
    pub async fn passkey_by_credential_id(
        &self,
        credential_id: &str,
    ) -> Result<Option<PasskeyRow>, StoreError> {
        let sql = format!("SELECT {PASSKEY_COLUMNS} FROM passkeys WHERE credential_id = $1");
        self.optional(bound!(sqlx::query_as(&sql), credential_id))
            .await
    }

    /// Renames the person's passkey `id`; the row, or `None` when no passkey of theirs has it.
    pub async fn rename_passkey(
        &self,
        user_id: &str,
        id: &str,
        name: &str,
    ) -> Result<Option<PasskeyRow>, StoreError> {
        let sql = format!(
            "UPDATE passkeys SET name = $3 WHERE user_id = $1 AND id = $2 RETURNING {PASSKEY_COLUMNS}"
        );
        let query = bound!(sqlx::query_as(&sql), user_id, id, name);
        Ok(query.fetch_optional(&self.writer).await?)
    }

    /// Deletes the person's passkey `id`; its name, or `None` when no passkey of theirs has it.
    pub async fn delete_passkey(
        &self,
        user_id: &str,
        id: &str,
    ) -> Result<Option<String>, StoreError> {
        let query = sqlx::query_scalar(
            "DELETE FROM passkeys WHERE user_id = $1 AND id = $2 RETURNING name",
        );
        Ok(bound!(query, user_id, id)
            .fetch_optional(&self.writer)
            .await?)
    }

    /// Stores a passkey's credential after a use (counter, backup flags) and when it was used.
    /// `false` when the passkey was removed meanwhile.
    pub async fn passkey_used(
        &self,
        id: &str,
        credential: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let query =
            sqlx::query("UPDATE passkeys SET credential = $2, last_used_at = $3 WHERE id = $1");
        Ok(self.write(bound!(query, id, credential, now)).await? == 1)
    }

    /// Stores a challenge unless its owner, or everyone together, has `bounds` live ones
    /// already; whether it was stored.
    pub async fn insert_passkey_challenge(
        &self,
        challenge: &NewChallenge<'_>,
        bounds: ChallengeBounds,
    ) -> Result<bool, StoreError> {
        let query = sqlx::query(
            "INSERT INTO passkey_challenges (id, purpose, owner, state, created_at, expires_at) \
             SELECT $1, $2, $3, $4, $5, $6 \
             WHERE (SELECT COUNT(*) FROM passkey_challenges WHERE owner = $3 AND expires_at > $5) < $7 \
             AND (SELECT COUNT(*) FROM passkey_challenges WHERE expires_at > $5) < $8",
        );
        let stored = self
            .write(bound!(
                query,
                challenge.id,
                challenge.purpose,
                challenge.owner,
                challenge.state,
                challenge.created_at,
                challenge.expires_at,
                bounds.per_owner,
                bounds.in_all
            ))
            .await?;
        Ok(stored == 1)
    }

    /// Takes (deletes) a live challenge of this purpose and owner (`None`: any owner); its
    /// state, or `None` when it is unknown, expired, taken already or not this one's.
    pub async fn take_passkey_challenge(
        &self,
        id: &str,
        purpose: &str,
        owner: Option<&str>,
        now: i64,
    ) -> Result<Option<String>, StoreError> {
        // Two statements rather than `$4 IS NULL`, whose type PostgreSQL cannot infer.
        let query = match owner {
            Some(owner) => bound!(sqlx::query_scalar(TAKE_OWNED), id, purpose, now, owner),
            None => bound!(sqlx::query_scalar(TAKE), id, purpose, now),
        };
        Ok(query.fetch_optional(&self.writer).await?)
    }
}
