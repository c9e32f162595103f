//! Adding a passkey to the signed-in person's account: `start` gives the browser its options
//! (a discoverable credential with user verification, none of the person's authenticators
//! again), `finish` checks the browser's answer and stores the passkey under its name.

use shared::api::{AccountEvent, NewPasskey, PasskeyChallenge, PasskeyView};
use webauthn_rs::prelude::{PasskeyRegistration, RegisterPublicKeyCredential};
use webauthn_rs_proto::{
    AuthenticatorSelectionCriteria, ResidentKeyRequirement, UserVerificationPolicy,
};

use super::challenges::{self, Purpose};
use super::{credential_key, relying_party, user_handle, PasskeyError};
use crate::accounts::audit;
use crate::auth::CurrentUser;
use crate::client_address::ClientAddress;
use crate::ids;
use crate::state::AppState;
use crate::store::passkeys::NewPasskey as PasskeyRowToInsert;
use crate::store::StoreError;

/// Passkeys one account may hold; enough for every device a person owns.
pub const MOST_PASSKEYS: usize = 20;

/// The options for `navigator.credentials.create` and the challenge to answer them with.
pub async fn start(state: &AppState, user: &CurrentUser) -> Result<PasskeyChallenge, PasskeyError> {
    let rp = relying_party(&state.config)?;
    let registered = state.store.passkey_credential_ids(&user.user.id).await?;
    if registered.len() >= MOST_PASSKEYS {
        return Err(PasskeyError::TooManyChallenges);
    }
    // Section 5.4.3: excludeCredentials keeps an authenticator from registering twice.
    let exclude = registered
        .iter()
        .filter_map(|id| {
            base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, id).ok()
        })
        .collect::<Vec<_>>();
    let (mut options, ceremony) = rp
        .start_passkey_registration(
            user_handle(&user.user.id),
            &user.user.email,
            &user.user.display_name,
            Some(exclude),
        )
        .map_err(|err| anyhow::anyhow!("starting a passkey registration: {err}"))?;
    // A discoverable credential (section 5.4.4, residentKey "required"), so that signing in
    // needs no email: webauthn-rs's passkeys leave this to the authenticator.
    options.public_key.authenticator_selection = Some(AuthenticatorSelectionCriteria {
        authenticator_attachment: None,
        resident_key: Some(ResidentKeyRequirement::Required),
        require_resident_key: true,
        user_verification: UserVerificationPolicy::Required,
    });
    let challenge_id = challenges::keep(state, Purpose::Register, &user.user.id, &ceremony).await?;
    Ok(PasskeyChallenge {
        challenge_id,
        options: serde_json::to_value(&options).map_err(anyhow::Error::from)?,
    })
}

/// Checks the browser's answer to the person's own registration challenge and stores the
/// passkey; recorded in the account's log.
pub async fn finish(
    state: &AppState,
    user: &CurrentUser,
    address: &ClientAddress,
    request: NewPasskey,
) -> Result<PasskeyView, PasskeyError> {
    let credential: RegisterPublicKeyCredential =
        serde_json::from_value(request.credential).map_err(|_| PasskeyError::Malformed)?;
    let rp = relying_party(&state.config)?;
    let ceremony: PasskeyRegistration = challenges::take(
        state,
        &request.challenge_id,
        Purpose::Register,
        Some(&user.user.id),
    )
    .await?;
    let passkey = rp
        .finish_passkey_registration(&credential, &ceremony)
        .map_err(|err| {
            tracing::info!(user = %user.user.id, error = %err, "passkey registration refused");
            PasskeyError::NotVerified
        })?;
    let id = ids::new_id("pk");
    let now = state.now();
    let stored = state
        .store
        .insert_passkey(&PasskeyRowToInsert {
            id: &id,
            user_id: &user.user.id,
            credential_id: &credential_key(passkey.cred_id()),
            name: request.name.as_str(),
            credential: &serde_json::to_string(&passkey).map_err(anyhow::Error::from)?,
            created_at: now,
        })
        .await;
    match stored {
        Ok(()) => {}
        Err(StoreError::Conflict) => return Err(PasskeyError::AlreadyRegistered),
        Err(err) => return Err(err.into()),
    }
    let event = AccountEvent::PasskeyAdded {
        passkey: id.clone(),
        name: request.name.to_string(),
    };
    audit::record_own(&state.store, user, address, now, event).await?;
    // A passkey is a second factor: under the administrator's policy, this person's
    // setup-only sessions become whole ones.
    state.store.free_setup_only_sessions(&user.user.id).await?;
    tracing::info!(user = %user.user.id, passkey = %id, "passkey added");
    Ok(PasskeyView {
        id,
        name: request.name,
        created_at: now,
        last_used_at: None,
    })
}
