//! Passkeys: the person's list, adding one (the server's options, the authenticator, the
//! server again), renaming and removing, and signing in with one (alone, or as the second step
//! after a password). A ceremony is one call here,
//! so pages see one answer.

use gloo_net::http::Request;
use shared::api::{
    NewPasskey, PasskeyChallenge, PasskeySignIn, PasskeyView, RenamePasskey, SecondFactorRequest,
    SessionInfo,
};
use shared::passkey::PasskeyName;
use shared::two_factor::SecondFactorProof;

use super::{delete, get, remember, segment, send, url, ApiFailure};
use crate::webauthn;

pub async fn passkeys() -> Result<Vec<PasskeyView>, ApiFailure> {
    get("/account/passkeys").await
}

/// Which WebAuthn ceremony: making a new credential, or proving one.
enum Ceremony {
    Create,
    Get,
}

/// The server's challenge (its options at `options_path`) and the authenticator's answer.
async fn ceremony(
    options_path: &str,
    kind: Ceremony,
) -> Result<(String, serde_json::Value), ApiFailure> {
    let challenge: PasskeyChallenge =
        send::<(), _>(Request::post(&url(options_path)), None).await?;
    let answer = match kind {
        Ceremony::Create => webauthn::create(&challenge.options).await,
        Ceremony::Get => webauthn::get(&challenge.options).await,
    };
    let credential = answer.map_err(|message| ApiFailure::Authenticator(message.to_owned()))?;
    Ok((challenge.challenge_id, credential))
}

/// Registers a new passkey named `name` on this device's authenticator.
pub async fn add_passkey(name: PasskeyName) -> Result<PasskeyView, ApiFailure> {
    let (challenge_id, credential) =
        ceremony("/account/passkeys/options", Ceremony::Create).await?;
    let request = NewPasskey {
        challenge_id,
        name,
        credential,
    };
    send(Request::post(&url("/account/passkeys")), Some(&request)).await
}

pub async fn rename_passkey(id: &str, name: PasskeyName) -> Result<PasskeyView, ApiFailure> {
    let request = RenamePasskey { name };
    send(Request::put(&url(&passkey_path(id))), Some(&request)).await
}

pub async fn remove_passkey(id: &str) -> Result<(), ApiFailure> {
    delete(&passkey_path(id)).await
}

/// Signs in with a passkey the authenticator offers (no email typed).
pub async fn sign_in_with_passkey() -> Result<SessionInfo, ApiFailure> {
    let (challenge_id, credential) = ceremony("/session/passkey/options", Ceremony::Get).await?;
    let request = PasskeySignIn {
        challenge_id,
        credential,
    };
    let session: SessionInfo =
        send(Request::post(&url("/session/passkey")), Some(&request)).await?;
    remember(&session);
    Ok(session)
}

/// Finishes the pending sign-in `pending` with a passkey of the account's, as its second step.
pub async fn prove_second_factor_with_passkey(pending: String) -> Result<SessionInfo, ApiFailure> {
    let (challenge_id, credential) = ceremony("/session/passkey/options", Ceremony::Get).await?;
    let request = SecondFactorRequest {
        pending,
        proof: SecondFactorProof::Passkey {
            challenge_id,
            credential,
        },
    };
    super::prove_second_factor(&request).await
}

fn passkey_path(id: &str) -> String {
    format!("/account/passkeys/{}", segment(id))
}
