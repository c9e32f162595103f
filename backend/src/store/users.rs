//! Console accounts.

use sqlx::FromRow;

use super::columns::Flag;
use super::{changed, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    #[sqlx(try_from = "Flag")]
    pub is_admin: bool,
    pub created_at: i64,
}

pub struct NewUser<'a> {
    pub id: &'a str,
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub is_admin: bool,
    pub created_at: i64,
}

const USER_COLUMNS: &str = "id, email, display_name, password_hash, is_admin, created_at";
/// The same columns of `users u` in a join (a session's account, a token row's).
pub(super) const JOINED_USER_COLUMNS: &str =
    "u.id, u.email, u.display_name, u.password_hash, u.is_admin, u.created_at";

impl Store {
    /// Inserts an account; `StoreError::Conflict` when the email is taken.
    pub async fn insert_user(&self, user: &NewUser<'_>) -> Result<UserRow, StoreError> {
        let sql = format!(
            "INSERT INTO users ({USER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) RETURNING {USER_COLUMNS}"
        );
        let query = bound!(
            sqlx::query_as(&sql),
            user.id,
            user.email,
            user.display_name,
            user.password_hash,
            i64::from(user.is_admin),
            user.created_at
        );
        Ok(query.fetch_one(&self.writer).await?)
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRow>, StoreError> {
        self.user_where("email = $1", email).await
    }

    /// Replaces an account's password hash, ends its sessions (all of them, or all but the
    /// one with `keep_session_hash`) and spends its pending reset links, in one transaction;
    /// how many sessions ended.
    pub async fn replace_password(
        &self,
        user_id: &str,
        password_hash: &str,
        keep_session_hash: Option<&str>,
        now: i64,
    ) -> Result<u64, StoreError> {
        let mut tx = self.writer.begin().await?;
        let ended =
            replace_password_in(&mut tx, user_id, password_hash, keep_session_hash, now).await?;
        tx.commit().await?;
        Ok(ended)
    }

    pub async fn user_by_id(&self, id: &str) -> Result<Option<UserRow>, StoreError> {
        self.user_where("id = $1", id).await
    }

    async fn user_where(
        &self,
        condition: &str,
        value: &str,
    ) -> Result<Option<UserRow>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE {condition}");
        self.optional(bound!(sqlx::query_as(&sql), value)).await
    }
}

/// The writes of a password change inside the caller's transaction (see `replace_password`).
pub(super) async fn replace_password_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    user_id: &str,
    password_hash: &str,
    keep_session_hash: Option<&str>,
    now: i64,
) -> Result<u64, StoreError> {
    let query = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2");
    changed(tx, bound!(query, password_hash, user_id)).await?;
    // A token hash is never empty, so "" keeps no session.
    let query = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2");
    let ended = changed(tx, bound!(query, user_id, keep_session_hash.unwrap_or(""))).await?;
    let query = sqlx::query(
        "UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL",
    );
    changed(tx, bound!(query, user_id, now)).await?;
    Ok(ended)
}
