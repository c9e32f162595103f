//! The one place a password is checked for signing in: the console's sign-in, the
//! authorization pages' sign-in form and the password grant all call [`check_password`] and
//! turn its domain error into their own answer (JSON, a page, an RFC 6749 error).
//!
//! Order matters: the attempt is counted before the password is checked (no check-then-act
//! race, see `sign_in_limiter`), and the hash runs in one of the server's bounded slots.

use std::net::IpAddr;
use std::time::Duration;

use shared::account::Email;

use crate::password;
use crate::state::AppState;
use crate::store::users::UserRow;

/// Passwords longer than this cannot match (the shared rule allows at most 1,024 characters,
/// 4 bytes each at most); refusing them before hashing bounds the work per request.
const MAX_PASSWORD_BYTES: usize = 4 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// The email and password do not match an account; never says which one is wrong.
    #[error("That email and password do not match an account.")]
    NoMatch,
    /// Too many attempts from here for this account, or from this address.
    #[error("Too many attempts. Try again in {0} seconds.")]
    Throttled(u64),
    /// Every password slot stayed busy.
    #[error("The server is busy. Try again in a moment.")]
    Busy,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

crate::error::store_errors_are_internal!(SignInError);
crate::error::hash_errors_are_busy_or_internal!(SignInError);

impl SignInError {
    /// Seconds for a `Retry-After` header, where waiting helps.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            SignInError::Throttled(seconds) => Some(*seconds),
            SignInError::Busy => Some(1),
            _ => None,
        }
    }
}

/// The account whose email and password these are.
pub async fn check_password(
    state: &AppState,
    email: &str,
    password: &str,
    address: IpAddr,
) -> Result<UserRow, SignInError> {
    // An email that is not well-formed matches no account: it is counted against the address
    // (never kept as a key) and costs no hash.
    let email = Email::try_from(email.to_owned()).ok();
    let admitted = state
        .sign_in_limiter
        .admit(email.as_ref(), address, state.now())
        .map_err(|seconds| {
            state.metrics.sign_in_throttled();
            SignInError::Throttled(seconds)
        })?;
    let (Some(email), Some(admitted)) = (email, admitted) else {
        state.metrics.sign_in_failed();
        return Err(SignInError::NoMatch);
    };
    if admitted.wait_seconds > 0 {
        tokio::time::sleep(Duration::from_secs(admitted.wait_seconds)).await;
    }
    let user = state.store.user_by_email(email.as_str()).await?;
    if password.len() > MAX_PASSWORD_BYTES {
        state.metrics.sign_in_failed();
        return Err(SignInError::NoMatch);
    }
    // An unknown email still costs a hash, so the answer time does not tell which emails exist.
    let stored_hash = user.as_ref().map_or_else(
        || password::unknown_user_hash().to_owned(),
        |u| u.password_hash.clone(),
    );
    let matches = state
        .passwords
        .verify(password.to_owned(), stored_hash)
        .await?;
    match user {
        Some(user) if matches => {
            state.sign_in_limiter.succeeded(&admitted);
            Ok(user)
        }
        _ => {
            state.metrics.sign_in_failed();
            Err(SignInError::NoMatch)
        }
    }
}

/// The address of a request as the limiter keys it.
pub fn address_of(text: &str) -> IpAddr {
    text.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))
}
