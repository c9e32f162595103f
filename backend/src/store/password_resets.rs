//! Password-reset links (`password_resets`). A link works once: using it is one conditional
//! update (`used_at IS NULL AND expires_at > now`) written first in the transaction that also
//! sets the password, so two uses at once set it once, and SQLite never has to turn a read
//! transaction into a write (SQLITE_BUSY_SNAPSHOT).

use super::users::replace_password_in;
use super::{changed, Store, StoreError};

impl Store {
    /// Uses the link: marks it used, sets the password of its account and ends every session
    /// of it, in one transaction that writes first. The account's id and how many sessions
    /// ended; `None` (nothing changed) when the link is not pending.
    pub async fn use_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
    ) -> Result<Option<(String, u64)>, StoreError> {
        let mut tx = self.writer.begin().await?;
        let query = sqlx::query(
            "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 \
             AND used_at IS NULL AND expires_at > $2",
        );
        if changed(&mut tx, bound!(query, token_hash, now)).await? != 1 {
            return Ok(None);
        }
        let query = sqlx::query_scalar("SELECT user_id FROM password_resets WHERE token_hash = $1");
        let user_id: String = bound!(query, token_hash).fetch_one(&mut *tx).await?;
        let ended = replace_password_in(&mut tx, &user_id, password_hash, None, now).await?;
        tx.commit().await?;
        Ok(Some((user_id, ended)))
    }
}
