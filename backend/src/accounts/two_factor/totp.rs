//! An authenticator app (RFC 6238): a 160-bit key (RFC 4226 section 4, R6), codes of six
//! digits for 30-second steps, one step either side accepted for clocks that drift (RFC 6238
//! section 5.2), and each step's code accepted once per account (`store::two_factor::
//! accept_totp_step`), so a code seen over someone's shoulder cannot be used again.

use rand::rngs::OsRng;
use rand::RngCore;
use shared::api::{AccountEvent, RecoveryCodes, TotpSetup};
use shared::two_factor::{SecondFactorMethod as Method, TotpCode};
use totp_rs::{Algorithm, TOTP};

use super::{attempt, qr, record, recovery, TwoFactorError};
use crate::crypto::constant_time_eq;
use crate::state::AppState;
use crate::store::users::UserRow;

pub const STEP_SECONDS: i64 = 30;
/// Steps accepted either side of the server's (RFC 6238 section 5.2: at most one is advised).
const SKEW_STEPS: i64 = 1;
const SECRET_BYTES: usize = 20;
/// The name apps show above the code.
const ISSUER: &str = "Clientele";

fn app(secret: Vec<u8>, email: &str) -> Result<TOTP, TwoFactorError> {
    // The URL's label is `issuer:account`, so the account name may not hold a colon.
    let account = email.replace(':', "");
    TOTP::new(
        Algorithm::SHA1,
        shared::two_factor::TOTP_DIGITS,
        0,
        STEP_SECONDS as u64,
        secret,
        Some(ISSUER.to_owned()),
        account,
    )
    .map_err(|err| TwoFactorError::Internal(anyhow::anyhow!("TOTP parameters: {err:?}")))
}

fn stored_app(secret_base32: &str, email: &str) -> Result<TOTP, TwoFactorError> {
    let secret = totp_rs::Secret::Encoded(secret_base32.to_owned())
        .to_bytes()
        .map_err(|err| TwoFactorError::Internal(anyhow::anyhow!("stored TOTP secret: {err:?}")))?;
    app(secret, email)
}

/// The time step whose code `code` is, within the skew around `now`; `None` for a wrong code.
fn matching_step(app: &TOTP, code: &TotpCode, now: i64) -> Option<i64> {
    let current = now.div_euclid(STEP_SECONDS);
    let mut found = None;
    // Every candidate is compared (constant time each), whichever matches.
    for step in current - SKEW_STEPS..=current + SKEW_STEPS {
        let expected = app.generate((step.max(0) * STEP_SECONDS) as u64);
        if constant_time_eq(&expected, code.expose()) && found.is_none() {
            found = Some(step);
        }
    }
    found
}

/// Accepts `code` for `user`'s app: a confirmed one, or (`confirmed == false`) the one being
/// set up, which this turns on. The caller has counted the attempt.
pub(super) async fn accept(
    state: &AppState,
    user: &UserRow,
    code: &TotpCode,
    confirmed: bool,
) -> Result<(), TwoFactorError> {
    let stored = state
        .store
        .totp_of(&user.id)
        .await?
        .filter(|totp| totp.confirmed_at.is_some() == confirmed)
        .ok_or(TwoFactorError::NotSetUp)?;
    let app = stored_app(&stored.secret, &user.email)?;
    let now = state.now();
    let step = matching_step(&app, code, now).ok_or(TwoFactorError::WrongCode)?;
    if state
        .store
        .accept_totp_step(&user.id, step, confirmed, now)
        .await?
    {
        Ok(())
    } else {
        Err(TwoFactorError::Replayed)
    }
}

/// [`accept`] from the console (turning the app on or off): the attempt counted and a refusal
/// logged as for a sign-in's second step.
async fn accept_counted(
    state: &AppState,
    user: &UserRow,
    code: &TotpCode,
    address: &str,
    confirmed: bool,
) -> Result<(), TwoFactorError> {
    let check = accept(state, user, code, confirmed);
    let (admitted, ()) = attempt(state, user, address, Method::Totp, check).await?;
    if let Some(admitted) = &admitted {
        state.second_factor_limiter.succeeded(admitted);
    }
    Ok(())
}

/// A new secret to scan, replacing one not confirmed yet. Nothing changes for sign-in until
/// [`confirm`].
pub async fn begin(state: &AppState, user: &UserRow) -> Result<TotpSetup, TwoFactorError> {
    let mut secret = vec![0u8; SECRET_BYTES];
    OsRng.fill_bytes(&mut secret);
    let app = app(secret, &user.email)?;
    let secret = app.get_secret_base32();
    if !state
        .store
        .begin_totp(&user.id, &secret, state.now())
        .await?
    {
        return Err(TwoFactorError::AlreadyOn);
    }
    let otpauth_url = app.get_url();
    let qr_image = qr::data_url(&otpauth_url)
        .ok_or_else(|| TwoFactorError::Internal(anyhow::anyhow!("otpauth URL too long")))?;
    Ok(TotpSetup {
        secret,
        otpauth_url,
        qr_image,
    })
}

/// Turns the app on with its first code; the account's ten recovery codes, shown once.
pub async fn confirm(
    state: &AppState,
    user: &UserRow,
    code: &TotpCode,
    address: &str,
) -> Result<RecoveryCodes, TwoFactorError> {
    accept_counted(state, user, code, address, false).await?;
    record(state, user, address, AccountEvent::TotpEnabled).await?;
    let codes = recovery::replace(state, user, address).await?;
    state.store.free_setup_only_sessions(&user.id).await?;
    Ok(codes)
}

/// Turns the app off with a current code; its recovery codes go too.
pub async fn turn_off(
    state: &AppState,
    user: &UserRow,
    code: &TotpCode,
    address: &str,
) -> Result<(), TwoFactorError> {
    accept_counted(state, user, code, address, true).await?;
    state.store.delete_totp(&user.id).await?;
    record(state, user, address, AccountEvent::TotpDisabled).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rfc_6238_sha1_test_vectors_give_their_codes() {
        // RFC 6238 appendix B: the key "12345678901234567890", 8 digits there; the last six
        // digits are what a six-digit app shows (RFC 4226 section 5.3 takes the value mod 10^6).
        let app = TOTP::new_unchecked(
            Algorithm::SHA1,
            6,
            0,
            30,
            b"12345678901234567890".to_vec(),
            None,
            String::new(),
        );
        for (time, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (2_000_000_000, "279037"),
        ] {
            assert_eq!(app.generate(time), code, "at {time}");
        }
        let code = TotpCode::try_from("081804".to_owned()).unwrap();
        assert_eq!(matching_step(&app, &code, 1_111_111_109), Some(37_037_036));
        assert_eq!(
            matching_step(&app, &code, 1_111_111_109 + 30),
            Some(37_037_036)
        );
        assert_eq!(matching_step(&app, &code, 1_111_111_109 + 60), None);
    }
}
