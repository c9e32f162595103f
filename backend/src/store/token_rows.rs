//! Rows keyed by the SHA-256 of a token handed to one account: password-reset links
//! (`password_resets`) and pending sign-ins waiting for a second factor
//! (`pending_sign_ins`). Both keep at most `MOST_PENDING` rows an account, and a live token
//! names its account; this is the one place that stores them and finds their account (using
//! one stays with its table: `password_resets.rs`, `two_factor.rs`).

use super::users::{UserRow, JOINED_USER_COLUMNS};
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
    fn table(self) -> &'static str {
        match self {
            Self::PasswordReset => "password_resets",
            Self::PendingSignIn => "pending_sign_ins",
        }
    }

    fn insert(self) -> String {
        format!(
            "INSERT INTO {} (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
            self.table()
        )
    }

    fn live_user(self) -> String {
        // A link stays (used) after its use; a pending sign-in is deleted when taken.
        let unused = match self {
            Self::PasswordReset => "AND r.used_at IS NULL ",
            Self::PendingSignIn => "",
        };
        format!(
            "SELECT {JOINED_USER_COLUMNS} FROM {} r JOIN users u ON u.id = r.user_id \
             WHERE r.token_hash = $1 {unused}AND r.expires_at > $2",
            self.table()
        )
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
        let insert_sql = rows.insert();
        let insert = bound!(
            sqlx::query(&insert_sql),
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
        let sql = rows.live_user();
        self.optional(bound!(sqlx::query_as(&sql), token_hash, now))
            .await
    }
}
