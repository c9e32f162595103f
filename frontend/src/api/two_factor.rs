//! Two-factor sign-in: the second step of signing in, the person's authenticator app and
//! recovery codes, and the administrators' policy.

use gloo_net::http::Request;
use shared::api::{
    RecoveryCodes, SecondFactorRequest, SessionInfo, TotpCodeRequest, TotpSetup, TwoFactorPolicy,
    TwoFactorStatus,
};

use super::{get, remember, send, send_for_status, url, ApiFailure};

/// The second step of a sign-in; signed in once it is accepted.
pub async fn prove_second_factor(request: &SecondFactorRequest) -> Result<SessionInfo, ApiFailure> {
    let session: SessionInfo =
        send(Request::post(&url("/session/second-factor")), Some(request)).await?;
    remember(&session);
    Ok(session)
}

pub async fn two_factor_status() -> Result<TwoFactorStatus, ApiFailure> {
    get("/account/two-factor").await
}

pub async fn begin_totp() -> Result<TotpSetup, ApiFailure> {
    send::<(), _>(Request::post(&url("/account/two-factor/totp")), None).await
}

pub async fn confirm_totp(request: &TotpCodeRequest) -> Result<RecoveryCodes, ApiFailure> {
    send(
        Request::post(&url("/account/two-factor/totp/confirm")),
        Some(request),
    )
    .await
}

pub async fn turn_off_totp(request: &TotpCodeRequest) -> Result<(), ApiFailure> {
    send_for_status(
        Request::post(&url("/account/two-factor/totp/off")),
        Some(request),
    )
    .await
}

pub async fn new_recovery_codes() -> Result<RecoveryCodes, ApiFailure> {
    send::<(), _>(
        Request::post(&url("/account/two-factor/recovery-codes")),
        None,
    )
    .await
}

pub async fn two_factor_policy() -> Result<TwoFactorPolicy, ApiFailure> {
    get("/admin/two-factor-policy").await
}

pub async fn set_two_factor_policy(
    policy: &TwoFactorPolicy,
) -> Result<TwoFactorPolicy, ApiFailure> {
    send(Request::put(&url("/admin/two-factor-policy")), Some(policy)).await
}
