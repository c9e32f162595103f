//! Removing expired authorization codes (and device codes), tokens, sessions (and password-reset
//! links, passkey challenges) and team invitations, a bounded batch at a time.
//!
//! Each statement deletes at most `BATCH` rows found through an index on `expires_at`, so it
//! holds SQLite's single write lock (or PostgreSQL row locks) only briefly; between batches
//! the pass pauses so that queued writes (token issuance) go first. The same SQL runs on both
//! databases: `DELETE … WHERE key IN (SELECT key … LIMIT n)` (SQLite has no `DELETE … LIMIT`
//! unless compiled with it).
//!
//! What stays:
//! - every row that has not expired; refresh tokens carry their own `expires_at`, so they stay
//!   until then even when their access tokens are long gone, and a spent refresh token stays
//!   as long as it could be replayed (its replay revokes the family, RFC 9700 4.14.2);
//! - a redeemed authorization code while any token issued from it remains, because presenting
//!   it again must still revoke those tokens (RFC 6749 4.1.2; the code's hash is their
//!   `grant_id`).

use std::time::Duration;

use super::{Store, StoreError};

/// Rows deleted per statement at most.
pub const BATCH: i64 = 1000;
/// Pause between two batches of one table.
const PAUSE: Duration = Duration::from_millis(20);

const EXPIRED_TOKENS: &str = "DELETE FROM tokens WHERE token_hash IN \
     (SELECT token_hash FROM tokens WHERE expires_at <= $1 LIMIT $2)";

const EXPIRED_CODES: &str = "DELETE FROM authorization_codes WHERE code_hash IN \
     (SELECT c.code_hash FROM authorization_codes c WHERE c.expires_at <= $1 \
      AND (c.redeemed_at IS NULL OR NOT EXISTS (SELECT 1 FROM tokens t WHERE t.grant_id = c.code_hash)) \
      LIMIT $2)";

const EXPIRED_DEVICE_CODES: &str = "DELETE FROM device_codes WHERE device_code_hash IN \
     (SELECT device_code_hash FROM device_codes WHERE expires_at <= $1 LIMIT $2)";

const EXPIRED_SESSIONS: &str = "DELETE FROM sessions WHERE token_hash IN \
     (SELECT token_hash FROM sessions WHERE expires_at <= $1 LIMIT $2)";

/// Password-reset links past their expiry, used or not (the account's log keeps the reset).
const EXPIRED_PASSWORD_RESETS: &str = "DELETE FROM password_resets WHERE token_hash IN \
     (SELECT token_hash FROM password_resets WHERE expires_at <= $1 LIMIT $2)";

/// Passkey ceremonies never finished (five minutes at most).
const EXPIRED_PASSKEY_CHALLENGES: &str = "DELETE FROM passkey_challenges WHERE id IN \
     (SELECT id FROM passkey_challenges WHERE expires_at <= $1 LIMIT $2)";

/// Team invitations that no longer open anything: expired, accepted or revoked (the team's
/// log keeps what happened to them).
const EXPIRED_PENDING_SIGN_INS: &str = "DELETE FROM pending_sign_ins WHERE token_hash IN \
     (SELECT token_hash FROM pending_sign_ins WHERE expires_at <= $1 LIMIT $2)";
const SPENT_INVITATIONS: &str = "DELETE FROM team_invitations WHERE id IN \
     (SELECT id FROM team_invitations WHERE expires_at <= $1 \
      OR used_at IS NOT NULL OR revoked_at IS NOT NULL LIMIT $2)";

/// Rows removed by one pass.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PruneReport {
    pub tokens: u64,
    pub codes: u64,
    pub sessions: u64,
    pub invitations: u64,
}

impl PruneReport {
    pub fn total(&self) -> u64 {
        self.tokens + self.codes + self.sessions + self.invitations
    }
}

impl Store {
    /// Deletes what expired at or before `now`. Tokens go first, so codes whose tokens have
    /// all expired go in the same pass.
    pub async fn prune_expired(&self, now: i64) -> Result<PruneReport, StoreError> {
        let tokens = self.delete_in_batches(EXPIRED_TOKENS, now).await?;
        let codes = self.delete_in_batches(EXPIRED_CODES, now).await?
            + self.delete_in_batches(EXPIRED_DEVICE_CODES, now).await?;
        // Reset links, pending sign-ins and passkey ceremonies are counted with sessions: all are ways into an account.
        let sessions = self.delete_in_batches(EXPIRED_SESSIONS, now).await?
            + self.delete_in_batches(EXPIRED_PASSWORD_RESETS, now).await?
            + self
                .delete_in_batches(EXPIRED_PENDING_SIGN_INS, now)
                .await?
            + self
                .delete_in_batches(EXPIRED_PASSKEY_CHALLENGES, now)
                .await?;
        let invitations = self.delete_in_batches(SPENT_INVITATIONS, now).await?;
        Ok(PruneReport {
            tokens,
            codes,
            sessions,
            invitations,
        })
    }

    async fn delete_in_batches(&self, sql: &str, now: i64) -> Result<u64, StoreError> {
        let mut total = 0;
        loop {
            let done = sqlx::query(sql)
                .bind(now)
                .bind(BATCH)
                .execute(&self.writer)
                .await?;
            total += done.rows_affected();
            if done.rows_affected() < BATCH as u64 {
                return Ok(total);
            }
            tokio::time::sleep(PAUSE).await;
        }
    }
}
