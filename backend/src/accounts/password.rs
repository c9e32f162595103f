//! Changing a password: by its person in the console (the current password first, checked by
//! the one sign-in check with its limiter), and by an operator at the command line. Both end
//! the account's other sessions and spend its pending reset links in the same transaction
//! (`Store::replace_password`), and both are recorded in the account's log.

use shared::account::{DisplayName, Email, Password};
use shared::api::AccountEvent;

use super::{audit, AccountError};
use crate::audit::Actor;
use crate::auth::sign_in::{self, SignInError};
use crate::auth::CurrentUser;
use crate::client_address::ClientAddress;
use crate::password::Hasher;
use crate::password_strength;
use crate::state::AppState;
use crate::store::users::UserRow;
use crate::store::Store;

/// Checks that `password` is the signed-in person's, through the one sign-in check: counted
/// and throttled like a sign-in, so no form that asks for it is a way around the limiter.
pub async fn confirm(
    state: &AppState,
    user: &CurrentUser,
    address: &ClientAddress,
    password: &str,
) -> Result<(), AccountError> {
    let checked = sign_in::check_password(
        state,
        &user.user.email,
        password,
        sign_in::address_of(&address.0),
    )
    .await;
    match checked {
        Ok(row) if row.id == user.user.id => Ok(()),
        Ok(_) | Err(SignInError::NoMatch) => Err(AccountError::WrongPassword),
        Err(SignInError::Throttled(seconds)) => Err(AccountError::Throttled(seconds)),
        Err(SignInError::Busy) => Err(AccountError::Busy),
        Err(SignInError::Internal(err)) => Err(AccountError::Internal(err)),
    }
}

/// Sets the signed-in person's password after checking their current one; every other
/// session of theirs ends (this one stays). How many ended.
pub async fn change(
    state: &AppState,
    user: &CurrentUser,
    address: &ClientAddress,
    current: &str,
    new: &Password,
) -> Result<u64, AccountError> {
    confirm(state, user, address, current).await?;
    strong_enough(new, &user.user)?;
    let hash = state.passwords.hash(new.expose().to_owned()).await?;
    let now = state.now();
    let ended = state
        .store
        .replace_password(&user.user.id, &hash, Some(&user.session_hash), now)
        .await?;
    let event = AccountEvent::PasswordChanged {
        sessions_ended: ended,
    };
    audit::record_own(&state.store, user, address, now, event).await?;
    tracing::info!(user = %user.user.id, sessions_ended = ended, "password changed");
    Ok(ended)
}

/// Sets the password of the account with `email` (an operator at the command line, for
/// someone who forgot theirs); every session of the account ends. How many ended.
pub async fn set_by_operator(
    store: &Store,
    passwords: &Hasher,
    email: &Email,
    new: &Password,
    now: i64,
) -> Result<u64, AccountError> {
    let user = store
        .user_by_email(email.as_str())
        .await?
        .ok_or(AccountError::NotFound)?;
    let hash = passwords.hash(new.expose().to_owned()).await?;
    let ended = store.replace_password(&user.id, &hash, None, now).await?;
    let event = AccountEvent::PasswordSetByOperator {
        sessions_ended: ended,
    };
    audit::record(store, &user.id, &Actor::command_line(), now, event).await?;
    Ok(ended)
}

/// The strength rule sign-up applies (`password_strength`), with the account's own email and
/// name among the words a guesser tries.
pub fn strong_enough(new: &Password, user: &UserRow) -> Result<(), AccountError> {
    let email = Email::try_from(user.email.clone())
        .map_err(|err| anyhow::anyhow!("stored email: {err}"))?;
    let name = DisplayName::try_from(user.display_name.clone())
        .map_err(|err| anyhow::anyhow!("stored display name: {err}"))?;
    password_strength::check(new, &email, &name).map_err(AccountError::WeakPassword)
}
