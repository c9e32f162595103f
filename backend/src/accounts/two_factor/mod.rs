//! Second factors of an account: an authenticator app (`totp.rs`, RFC 6238), recovery codes
//! (`recovery.rs`), the pending sign-in that waits for one (`pending.rs`, where a proof is
//! checked), the QR code (`qr.rs`) and the administrator's policy (`policy.rs`). Each returns
//! `TwoFactorError`; routes, pages and the CLI map it to their own answers.
//!
//! A passkey is a second factor too: after a password, `pending::check_proof` checks it through
//! `passkeys::verification::verify`, the one passkey check.

pub mod pending;
pub mod policy;
pub mod qr;
pub mod recovery;
pub mod totp;

use std::time::Duration;

use shared::account::Email;
use shared::api::AccountEvent;
use shared::two_factor::SecondFactorMethod;

use crate::audit::Actor;
use crate::auth::sign_in::address_of;
use crate::auth::sign_in_limiter::Admitted;
use crate::state::AppState;
use crate::store::users::UserRow;
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum TwoFactorError {
    #[error("That code is not right. Enter the code your app shows now.")]
    WrongCode,
    #[error("That code was used already. Wait for the next code your app shows.")]
    Replayed,
    #[error("Too many attempts. Try again in {0} seconds.")]
    Throttled(u64),
    #[error("An authenticator app is already set up. Turn it off before setting up another.")]
    AlreadyOn,
    #[error("Set up an authenticator app first.")]
    NotSetUp,
    #[error("This sign-in expired or was completed already. Sign in again.")]
    PendingNotValid,
    /// A passkey was refused (not verified, unknown, an expired challenge), with its reason.
    #[error(transparent)]
    Passkey(crate::passkeys::PasskeyError),
    /// A passkey of another account answered this account's second step.
    #[error("That passkey belongs to another account. Use one of this account's passkeys.")]
    OtherAccountsPasskey,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

crate::error::store_errors_are_internal!(TwoFactorError);

/// The proofs this account can give now, in the order they are offered. An empty list: the
/// account has no second factor.
pub async fn enrolled_factors(
    store: &Store,
    user_id: &str,
) -> Result<Vec<SecondFactorMethod>, StoreError> {
    let mut methods = Vec::new();
    if !store.passkey_credential_ids(user_id).await?.is_empty() {
        methods.push(SecondFactorMethod::Passkey);
    }
    if store
        .totp_of(user_id)
        .await?
        .is_some_and(|totp| totp.confirmed_at.is_some())
    {
        methods.push(SecondFactorMethod::Totp);
    }
    if store.recovery_codes_left(user_id).await? > 0 {
        methods.push(SecondFactorMethod::RecoveryCode);
    }
    Ok(methods)
}

/// Counts an attempt at a code for `user` from `address` before any code is checked, with the
/// password's budgets (`auth::sign_in_limiter`): 5 per account and address, 20 per address,
/// spaced out past 10 per account. A million six-digit codes stay out of reach.
async fn admit(
    state: &AppState,
    user: &UserRow,
    address: std::net::IpAddr,
) -> Result<Option<Admitted>, TwoFactorError> {
    let email = Email::try_from(user.email.clone()).ok();
    let admitted = state
        .second_factor_limiter
        .admit(email.as_ref(), address, state.now())
        .map_err(TwoFactorError::Throttled)?;
    if let Some(admitted) = &admitted {
        if admitted.wait_seconds > 0 {
            tokio::time::sleep(Duration::from_secs(admitted.wait_seconds)).await;
        }
    }
    Ok(admitted)
}

/// Runs `check` (of a code or a passkey for `user`, from `address`) once [`admit`] has counted
/// the attempt, a refusal recorded as a failed `method` ([`failures_recorded`]): the one way every
/// second factor is tried. With what `check` gave comes the admission, which the caller clears
/// (`succeeded`) once its step is done.
async fn attempt<T>(
    state: &AppState,
    user: &UserRow,
    address: &str,
    method: SecondFactorMethod,
    check: impl std::future::Future<Output = Result<T, TwoFactorError>>,
) -> Result<(Option<Admitted>, T), TwoFactorError> {
    let checked = match admit(state, user, address_of(address)).await {
        Ok(admitted) => check.await.map(|value| (admitted, value)),
        Err(err) => Err(err),
    };
    failures_recorded(state, user, address, method, checked).await
}

/// `result` of checking a code: a refusal (wrong, replayed, throttled) is recorded in the
/// account's log as a failed `method`, never with the code.
async fn failures_recorded<T>(
    state: &AppState,
    user: &UserRow,
    address: &str,
    method: SecondFactorMethod,
    result: Result<T, TwoFactorError>,
) -> Result<T, TwoFactorError> {
    match result {
        Err(
            refused @ (TwoFactorError::WrongCode
            | TwoFactorError::Replayed
            | TwoFactorError::Throttled(_)
            | TwoFactorError::Passkey(_)
            | TwoFactorError::OtherAccountsPasskey),
        ) => {
            record(
                state,
                user,
                address,
                AccountEvent::SecondFactorFailed { method },
            )
            .await?;
            Err(refused)
        }
        other => other,
    }
}

/// Records `event` in `user`'s own log, acted by themselves from `address`.
async fn record(
    state: &AppState,
    user: &UserRow,
    address: &str,
    event: AccountEvent,
) -> Result<(), TwoFactorError> {
    let actor = Actor {
        id: Some(user.id.clone()),
        email: Some(user.email.clone()),
        ip: Some(address.to_owned()),
        // Sign-in steps come before any session; the log shows the address alone.
        user_agent: None,
    };
    crate::accounts::audit::record(&state.store, &user.id, &actor, state.now(), event).await?;
    Ok(())
}
