//! **The one check of a passkey sign-in.** `start` gives the browser a challenge for a
//! discoverable credential (no email typed: the authenticator says whose it is); [`verify`]
//! turns the challenge id and the browser's answer into the person, or a [`PasskeyError`].
//! The console's sign-in, the authorization pages' and any later step that wants a fresh
//! proof of the person (a second factor, sudo mode) call `verify`; `sign_in` adds the account
//! log entry for a sign-in.
//!
//! A passkey verifies the person (user verification is required, WebAuthn Level 3 section
//! 7.2 step 17) as well as holding the key, so it is both factors at once.

use shared::api::{AccountEvent, PasskeyChallenge};
use webauthn_rs::prelude::{DiscoverableAuthentication, Passkey, PublicKeyCredential};

use super::challenges::{self, Purpose};
use super::{credential_key, relying_party, user_handle, PasskeyError};
use crate::accounts::audit;
use crate::audit::Actor;
use crate::auth::sessions::Arrival;
use crate::state::AppState;
use crate::store::users::UserRow;

/// Who a verified answer proved, and with which passkey.
#[derive(Debug)]
pub struct Verified {
    pub user: UserRow,
    pub passkey_id: String,
    pub passkey_name: String,
}

/// The options for `navigator.credentials.get` and the challenge to answer them with; the
/// live challenges of one address are bounded (`challenges::BOUNDS`).
pub async fn start(state: &AppState, address: &str) -> Result<PasskeyChallenge, PasskeyError> {
    let rp = relying_party(&state.config)?;
    let (mut options, ceremony) = rp
        .start_discoverable_authentication()
        .map_err(|err| anyhow::anyhow!("starting a passkey sign-in: {err}"))?;
    // Asked for when the person presses the button, not offered in the email field's
    // autofill (conditional mediation), so the browser shows its own dialog.
    options.mediation = None;
    let challenge_id = challenges::keep(state, Purpose::SignIn, address, &ceremony).await?;
    Ok(PasskeyChallenge {
        challenge_id,
        options: serde_json::to_value(&options).map_err(anyhow::Error::from)?,
    })
}

/// Checks the browser's answer to the sign-in challenge `challenge_id` (spent whatever the
/// outcome), and stores the passkey's new signature counter and backup flags.
pub async fn verify(
    state: &AppState,
    challenge_id: &str,
    credential: &serde_json::Value,
) -> Result<Verified, PasskeyError> {
    let answer: PublicKeyCredential =
        serde_json::from_value(credential.clone()).map_err(|_| PasskeyError::Malformed)?;
    let rp = relying_party(&state.config)?;
    let ceremony: DiscoverableAuthentication =
        challenges::take(state, challenge_id, Purpose::SignIn, None).await?;
    // Section 7.2 step 6: the credential and the user handle the authenticator returned
    // name the account; both must agree with what is stored.
    let (handle, credential_id) = rp
        .identify_discoverable_authentication(&answer)
        .map_err(|_| PasskeyError::UnknownPasskey)?;
    let row = state
        .store
        .passkey_by_credential_id(&credential_key(credential_id))
        .await?
        .ok_or(PasskeyError::UnknownPasskey)?;
    if user_handle(&row.user_id) != handle {
        return Err(PasskeyError::UnknownPasskey);
    }
    let user = state
        .store
        .user_by_id(&row.user_id)
        .await?
        .ok_or(PasskeyError::UnknownPasskey)?;
    let mut passkey: Passkey =
        serde_json::from_str(&row.credential).map_err(anyhow::Error::from)?;
    // Signature, origin, RP id hash, challenge, user verification and the signature counter
    // (section 7.2 steps 11-21).
    let result = rp
        .finish_discoverable_authentication_v2(&answer, ceremony, &passkey)
        .map_err(|err| {
            tracing::info!(passkey = %row.id, error = %err, "passkey sign-in refused");
            PasskeyError::NotVerified
        })?;
    if !result.user_verified() {
        return Err(PasskeyError::NotVerified);
    }
    passkey.update_credential(&result);
    let stored = serde_json::to_string(&passkey).map_err(anyhow::Error::from)?;
    if !state
        .store
        .passkey_used(&row.id, &stored, state.now())
        .await?
    {
        // Removed while the person was touching it.
        return Err(PasskeyError::UnknownPasskey);
    }
    Ok(Verified {
        user,
        passkey_id: row.id,
        passkey_name: row.name,
    })
}

/// `verify`, then the sign-in recorded in the account's log. The caller starts the session
/// (`auth::sessions::start`).
pub async fn sign_in(
    state: &AppState,
    arrival: &Arrival,
    challenge_id: &str,
    credential: &serde_json::Value,
) -> Result<UserRow, PasskeyError> {
    let verified = verify(state, challenge_id, credential).await?;
    let actor = Actor {
        id: Some(verified.user.id.clone()),
        email: Some(verified.user.email.clone()),
        ip: Some(arrival.address.0.clone()),
        user_agent: Some(arrival.user_agent.clone()),
    };
    let event = AccountEvent::SignedInWithPasskey {
        passkey: verified.passkey_id.clone(),
        name: verified.passkey_name,
    };
    audit::record(&state.store, &verified.user.id, &actor, state.now(), event).await?;
    tracing::info!(user = %verified.user.id, passkey = %verified.passkey_id, "signed in with a passkey");
    Ok(verified.user)
}
