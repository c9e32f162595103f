//! The second step of a sign-in. After a correct password, an account with a second factor gets
//! no session but a pending sign-in (a token stored as its SHA-256, five minutes, once, at most
//! `store::token_rows::MOST_PENDING` per account); [`prove`] checks one proof for it. The
//! console (`routes::session`), the authorization pages (`oauth::second_factor`) and, by
//! refusing, the password grant all go through here.

use shared::api::{AccountEvent, SecondFactorChallenge};
use shared::two_factor::{SecondFactorMethod, SecondFactorProof};

use super::{attempt, enrolled_factors, record, recovery, totp, TwoFactorError};
use crate::accounts::handed_tokens::HandedToken;
use crate::passkeys::{verification, PasskeyError};
use crate::state::AppState;
use crate::store::token_rows::TokenRows;
use crate::store::users::UserRow;

pub const PENDING_SECONDS: i64 = 5 * 60;
const PENDING: HandedToken = HandedToken {
    rows: TokenRows::PendingSignIn,
    prefix: "psi_",
};

/// What a correct password leads to.
#[derive(Debug)]
pub enum AfterPassword {
    /// No second factor: a session may start.
    SignedIn(UserRow),
    /// A second factor is due for this pending sign-in.
    SecondFactor(SecondFactorChallenge),
}

/// The step after a correct password for `user`.
pub async fn after_password(
    state: &AppState,
    user: UserRow,
) -> Result<AfterPassword, TwoFactorError> {
    let methods = enrolled_factors(&state.store, &user.id).await?;
    if methods.is_empty() {
        return Ok(AfterPassword::SignedIn(user));
    }
    let pending = PENDING.hand_out(state, &user.id, PENDING_SECONDS).await?;
    Ok(AfterPassword::SecondFactor(SecondFactorChallenge {
        pending,
        methods,
    }))
}

/// The second factors the pending sign-in `pending` may be finished with (none when it names
/// no live sign-in), for a form shown again.
pub async fn methods(
    state: &AppState,
    pending: &str,
) -> Result<Vec<SecondFactorMethod>, TwoFactorError> {
    match PENDING.account_of(state, pending).await? {
        Some((_, user)) => Ok(enrolled_factors(&state.store, &user.id).await?),
        None => Ok(Vec::new()),
    }
}

/// Checks `proof` for the pending sign-in `pending`: its account, once. Failures are counted
/// before the check and recorded in the account's log (never the code).
pub async fn prove(
    state: &AppState,
    pending: &str,
    proof: &SecondFactorProof,
    address: &str,
) -> Result<UserRow, TwoFactorError> {
    let (pending_hash, user) = PENDING
        .account_of(state, pending)
        .await?
        .ok_or(TwoFactorError::PendingNotValid)?;
    let method = proof.method();
    let (admitted, recovery_left) = attempt(
        state,
        &user,
        address,
        method,
        check_proof(state, &user, proof),
    )
    .await?;
    if !state
        .store
        .take_pending_sign_in(&pending_hash, state.now())
        .await?
    {
        return Err(TwoFactorError::PendingNotValid);
    }
    if let Some(admitted) = &admitted {
        state.second_factor_limiter.succeeded(admitted);
    }
    if let Some(left) = recovery_left {
        record(
            state,
            &user,
            address,
            AccountEvent::RecoveryCodeUsed { left },
        )
        .await?;
    }
    let event = AccountEvent::SignedInWithSecondFactor { method };
    record(state, &user, address, event).await?;
    Ok(user)
}

/// The one check of a proof; recovery codes say how many are left.
async fn check_proof(
    state: &AppState,
    user: &UserRow,
    proof: &SecondFactorProof,
) -> Result<Option<u32>, TwoFactorError> {
    match proof {
        SecondFactorProof::Totp { code } => totp::accept(state, user, code, true)
            .await
            .map(|()| None)
            // An account without an app is told the code is wrong, like any wrong code.
            .map_err(|err| match err {
                TwoFactorError::NotSetUp => TwoFactorError::WrongCode,
                other => other,
            }),
        SecondFactorProof::RecoveryCode { code } => {
            recovery::spend(state, user, code).await.map(Some)
        }
        SecondFactorProof::Passkey {
            challenge_id,
            credential,
        } => {
            let verified = verification::verify(state, challenge_id, credential)
                .await
                .map_err(|err| match err {
                    PasskeyError::Internal(err) => TwoFactorError::Internal(err),
                    refused => TwoFactorError::Passkey(refused),
                })?;
            if verified.user.id == user.id {
                Ok(None)
            } else {
                Err(TwoFactorError::OtherAccountsPasskey)
            }
        }
    }
}
