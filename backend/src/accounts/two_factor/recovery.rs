//! Recovery codes: ten per account, each 80 random bits in base32 (`abcd-efgh-ijkl-mnop`),
//! shown once and stored as their SHA-256 (`crypto::token_hash`: 80 bits need no slow hash),
//! each spent once by a conditional update.

use shared::api::{AccountEvent, RecoveryCodes};
use shared::two_factor::{RecoveryCode, RECOVERY_CODE_CHARS};

use super::{record, TwoFactorError};
use crate::crypto::{random_code, token_hash};
use crate::state::AppState;
use crate::store::users::UserRow;

pub const CODES: usize = 10;
const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

fn new_code() -> RecoveryCode {
    // 16 characters of 5 bits: 80 random bits.
    let text = random_code(ALPHABET, RECOVERY_CODE_CHARS);
    RecoveryCode::try_from(text).expect("base32 characters make a recovery code")
}

/// Ten new codes replace the account's earlier ones; they need an authenticator app on.
pub async fn replace(
    state: &AppState,
    user: &UserRow,
    address: &str,
) -> Result<RecoveryCodes, TwoFactorError> {
    let on = state
        .store
        .totp_of(&user.id)
        .await?
        .is_some_and(|totp| totp.confirmed_at.is_some());
    if !on {
        return Err(TwoFactorError::NotSetUp);
    }
    let codes: Vec<RecoveryCode> = (0..CODES).map(|_| new_code()).collect();
    let hashes: Vec<String> = codes.iter().map(|c| token_hash(c.expose())).collect();
    state
        .store
        .replace_recovery_codes(&user.id, &hashes, state.now())
        .await?;
    record(state, user, address, AccountEvent::RecoveryCodesGenerated).await?;
    Ok(RecoveryCodes {
        codes: codes.iter().map(RecoveryCode::grouped).collect(),
    })
}

/// Spends one of `user`'s codes; how many are left. The caller has counted the attempt.
pub(super) async fn spend(
    state: &AppState,
    user: &UserRow,
    code: &RecoveryCode,
) -> Result<u32, TwoFactorError> {
    let used = state
        .store
        .use_recovery_code(&user.id, &token_hash(code.expose()), state.now())
        .await?;
    if !used {
        return Err(TwoFactorError::WrongCode);
    }
    let left = state.store.recovery_codes_left(&user.id).await?;
    Ok(u32::try_from(left).unwrap_or(0))
}
