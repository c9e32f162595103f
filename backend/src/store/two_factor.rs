//! Second factors (`totp_factors`, `recovery_codes`), pending sign-ins (`pending_sign_ins`) and
//! the policy that requires a factor (`server_settings`). Every "works once" here is one
//! conditional statement, so parallel uses of one code or one pending sign-in succeed once.

use sqlx::FromRow;

use super::{changed, Store, StoreError};

const REQUIRE_SECOND_FACTOR: &str = "require_second_factor";

/// An account's authenticator app.
#[derive(Debug, Clone, FromRow)]
pub struct TotpRow {
    pub secret: String,
    pub confirmed_at: Option<i64>,
    pub last_step: i64,
}

impl Store {
    pub async fn totp_of(&self, user_id: &str) -> Result<Option<TotpRow>, StoreError> {
        let query = sqlx::query_as(
            "SELECT secret, confirmed_at, last_step FROM totp_factors WHERE user_id = $1",
        );
        self.optional(bound!(query, user_id)).await
    }

    /// A new secret waiting for its first code, replacing one not confirmed yet; `false` when
    /// the account already has a confirmed app.
    pub async fn begin_totp(
        &self,
        user_id: &str,
        secret: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let query = sqlx::query(
            "INSERT INTO totp_factors (user_id, secret, created_at, confirmed_at, last_step) \
             VALUES ($1, $2, $3, NULL, 0) \
             ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, \
             created_at = excluded.created_at, last_step = 0 \
             WHERE totp_factors.confirmed_at IS NULL",
        );
        Ok(self.write(bound!(query, user_id, secret, now)).await? == 1)
    }

    /// Accepts the code of time step `step`: `true` once per step and account, for a confirmed
    /// app (`confirmed`) or one being set up (`!confirmed`, which confirming turns on).
    pub async fn accept_totp_step(
        &self,
        user_id: &str,
        step: i64,
        confirmed: bool,
        now: i64,
    ) -> Result<bool, StoreError> {
        let written = if confirmed {
            let query = sqlx::query(
                "UPDATE totp_factors SET last_step = $2 \
                 WHERE user_id = $1 AND last_step < $2 AND confirmed_at IS NOT NULL",
            );
            self.write(bound!(query, user_id, step)).await?
        } else {
            let query = sqlx::query(
                "UPDATE totp_factors SET last_step = $2, confirmed_at = $3 \
                 WHERE user_id = $1 AND last_step < $2 AND confirmed_at IS NULL",
            );
            self.write(bound!(query, user_id, step, now)).await?
        };
        Ok(written == 1)
    }

    /// Turns the app off and drops the recovery codes; `true` when there was one.
    pub async fn delete_totp(&self, user_id: &str) -> Result<bool, StoreError> {
        let mut tx = self.writer.begin().await?;
        let query = sqlx::query("DELETE FROM totp_factors WHERE user_id = $1");
        let deleted = changed(&mut tx, bound!(query, user_id)).await?;
        let query = sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1");
        changed(&mut tx, bound!(query, user_id)).await?;
        tx.commit().await?;
        Ok(deleted == 1)
    }

    /// Replaces the account's recovery codes with these hashes.
    pub async fn replace_recovery_codes(
        &self,
        user_id: &str,
        code_hashes: &[String],
        now: i64,
    ) -> Result<(), StoreError> {
        let mut statements = vec![bound!(
            sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1"),
            user_id
        )];
        for hash in code_hashes {
            let insert = sqlx::query(
                "INSERT INTO recovery_codes (code_hash, user_id, created_at) VALUES ($1, $2, $3)",
            );
            statements.push(bound!(insert, hash, user_id, now));
        }
        self.write_all(statements).await
    }

    /// Spends a recovery code: `true` once, for an unused code of this account.
    pub async fn use_recovery_code(
        &self,
        user_id: &str,
        code_hash: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let query = sqlx::query(
            "UPDATE recovery_codes SET used_at = $3 \
             WHERE code_hash = $1 AND user_id = $2 AND used_at IS NULL",
        );
        Ok(self.write(bound!(query, code_hash, user_id, now)).await? == 1)
    }

    pub async fn recovery_codes_left(&self, user_id: &str) -> Result<i64, StoreError> {
        let query = sqlx::query_as(
            "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL",
        );
        let (count,): (i64,) = self.optional(bound!(query, user_id)).await?.unwrap_or((0,));
        Ok(count)
    }

    /// Ends a pending sign-in: `true` once, while it is live.
    pub async fn take_pending_sign_in(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let query =
            sqlx::query("DELETE FROM pending_sign_ins WHERE token_hash = $1 AND expires_at > $2");
        Ok(self.write(bound!(query, token_hash, now)).await? == 1)
    }

    /// Whether the administrator requires a second factor of every developer.
    pub async fn second_factor_required(&self) -> Result<bool, StoreError> {
        let query = sqlx::query_as("SELECT value FROM server_settings WHERE name = $1");
        let row: Option<(String,)> = self.optional(bound!(query, REQUIRE_SECOND_FACTOR)).await?;
        Ok(row.is_some_and(|(value,)| value == "true"))
    }

    /// Sets the policy; lifting it frees every setup-only session at once.
    pub async fn set_second_factor_required(&self, required: bool) -> Result<(), StoreError> {
        let mut tx = self.writer.begin().await?;
        let query = sqlx::query(
            "INSERT INTO server_settings (name, value) VALUES ($1, $2) \
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        );
        let value = if required { "true" } else { "false" };
        changed(&mut tx, bound!(query, REQUIRE_SECOND_FACTOR, value)).await?;
        if !required {
            let query = sqlx::query("UPDATE sessions SET setup_only = 0 WHERE setup_only = 1");
            changed(&mut tx, query).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The account has a factor now: its setup-only sessions become ordinary ones.
    pub async fn free_setup_only_sessions(&self, user_id: &str) -> Result<(), StoreError> {
        let query =
            sqlx::query("UPDATE sessions SET setup_only = 0 WHERE user_id = $1 AND setup_only = 1");
        self.write(bound!(query, user_id)).await?;
        Ok(())
    }
}
