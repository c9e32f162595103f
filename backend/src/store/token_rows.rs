//! Rows keyed by the SHA-256 of a token handed to one account: password-reset links
//! (`password_resets`) and pending sign-ins waiting for a second factor
//! (`pending_sign_ins`). Both keep at most `MOST_PENDING` rows an account, and a live token
//! names its account; this is the one place that stores them and finds their account (using
//! one stays with its table: `password_resets.rs`, `two_factor.rs`).

use super::users::UserRow;
use super::{Store, StoreError};

/// Rows one account may have pending at once; storing another makes room by the oldest.
pub const MOST_PENDING: i64 = 5;

#[derive(Debug, Clone, Copy)]
pub enum TokenRows {
    /// Used once; making room spends the oldest unused link (kept, so it still reads as
    /// used).
    PasswordReset,
    /// Taken once; making room drops the oldest.
    PendingSignIn,
}

impl TokenRows {
    fn insert(self) -> &'static str {
        match self {
            Self::PasswordReset => {
                "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4)"
            }
            Self::PendingSignIn => {
                "INSERT INTO pending_sign_ins (token_hash, user_id, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4)"
            }
        }
    }

    fn live_user(self) -> &'static str {
        match self {
            Self::PasswordReset => {
                "SELECT u.id, u.email, u.display_name, u.password_hash, u.is_admin, u.created_at \
                 FROM password_resets r JOIN users u ON u.id = r.user_id \
                 WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2"
            }
            Self::PendingSignIn => {
                "SELECT u.id, u.email, u.display_name, u.password_hash, u.is_admin, u.created_at \
                 FROM pending_sign_ins p JOIN users u ON u.id = p.user_id \
                 WHERE p.token_hash = $1 AND p.expires_at > $2"
            }
        }
    }
}

impl Store {
    /// Stores a new row for `user_id` and makes room by the account's oldest beyond
    /// `MOST_PENDING`, in one transaction.
    pub async fn insert_token_row(
        &self,
        rows: TokenRows,
        token_hash: &str,
        user_id: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        let insert = bound!(
            sqlx::query(rows.insert()),
            token_hash,
            user_id,
            now,
            expires_at
        );
        let make_room = match rows {
            TokenRows::PasswordReset => bound!(
                sqlx::query(
                    "UPDATE password_resets SET used_at = $2 WHERE token_hash IN \
                     (SELECT token_hash FROM password_resets WHERE user_id = $1 AND used_at IS NULL \
                      ORDER BY created_at DESC, token_hash LIMIT 1000 OFFSET $3)",
                ),
                user_id,
                now,
                MOST_PENDING
            ),
            TokenRows::PendingSignIn => bound!(
                sqlx::query(
                    "DELETE FROM pending_sign_ins WHERE token_hash IN \
                     (SELECT token_hash FROM pending_sign_ins WHERE user_id = $1 \
                      ORDER BY created_at DESC, token_hash LIMIT 1000 OFFSET $2)",
                ),
                user_id,
                MOST_PENDING
            ),
        };
        self.write_all(vec![insert, make_room]).await
    }

    /// The account a live (unexpired, and for a link unused) row belongs to.
    pub async fn token_row_user(
        &self,
        rows: TokenRows,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<UserRow>, StoreError> {
        self.optional(bound!(sqlx::query_as(rows.live_user()), token_hash, now))
            .await
    }
}
