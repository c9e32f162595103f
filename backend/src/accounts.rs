//! Console accounts: creating one (sign-up and `clientele user create` both come here) and the
//! account as the API shows it. Rules only sign-up has (the per-address limiter and the
//! password strength check) stay with the sign-up route; an operator's account skips them.
//!
//! What a person does to their own account lives below: their sessions (`session_list`),
//! changing and setting passwords (`password`), mailed reset links (`password_reset`), each
//! recorded in the account's log (`audit`); all return [`AccountError`].

pub mod audit;
pub mod handed_tokens;
pub mod password;
pub mod password_reset;
pub mod reauthenticate;
pub mod session_list;
pub mod two_factor;
pub mod user_agent;

use shared::account::{DisplayName, Email, Password};
use shared::api::Account;

use crate::ids;
use crate::password::Hasher;
use crate::store::users::{NewUser, UserRow};
use crate::store::{Store, StoreError};

/// An account to create, from values that already passed the shared rules.
pub struct NewAccount<'a> {
    pub email: &'a Email,
    pub display_name: &'a DisplayName,
    pub password: &'a Password,
    pub is_admin: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateAccountError {
    #[error("an account with this email already exists")]
    EmailTaken,
    /// Every password slot stayed busy (see `password::Hasher`).
    #[error("the server is busy")]
    Busy,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

crate::error::hash_errors_are_busy_or_internal!(CreateAccountError);

/// Why an operation on one's own account was refused.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// The current password given to change it is not the account's.
    #[error("This is not your current password.")]
    WrongPassword,
    /// The new password is too easy to guess (the sentence says why).
    #[error("{0}")]
    WeakPassword(String),
    /// A reset link that is unknown, used or expired: one answer for all three.
    #[error("the reset link is not valid")]
    LinkNotValid,
    /// No session with this id is the person's, or no account has this email.
    #[error("not found")]
    NotFound,
    /// No SMTP server is configured, so no reset link can be mailed.
    #[error("no SMTP server for reset links")]
    NoMail,
    #[error("Too many attempts. Try again in {0} seconds.")]
    Throttled(u64),
    /// Every password slot stayed busy.
    #[error("the server is busy")]
    Busy,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

crate::error::store_errors_are_internal!(AccountError);
crate::error::hash_errors_are_busy_or_internal!(AccountError);

/// Hashes the password (through `passwords`, so a burst of sign-ups is bounded) and stores the
/// account.
pub async fn create(
    store: &Store,
    passwords: &Hasher,
    account: NewAccount<'_>,
    now: i64,
) -> Result<UserRow, CreateAccountError> {
    let password_hash = passwords.hash(account.password.expose().to_owned()).await?;
    let id = ids::new_id("usr");
    let inserted = store
        .insert_user(&NewUser {
            id: &id,
            email: account.email.as_str(),
            display_name: account.display_name.as_str(),
            password_hash: &password_hash,
            is_admin: account.is_admin,
            created_at: now,
        })
        .await;
    match inserted {
        Ok(user) => Ok(user),
        Err(StoreError::Conflict) => Err(CreateAccountError::EmailTaken),
        Err(err) => Err(CreateAccountError::Internal(err.into())),
    }
}

/// The account as the API shows it: everything but the password hash.
pub fn account_of(user: UserRow) -> Account {
    Account {
        id: user.id,
        email: user.email,
        display_name: user.display_name,
        is_admin: user.is_admin,
        created_at: user.created_at,
    }
}
