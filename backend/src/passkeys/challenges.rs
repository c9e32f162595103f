//! A ceremony's state between its two requests, in the database (`store::passkeys`) so that
//! any node can finish what another started. A challenge is single-use (taken by deleting it),
//! expires after five minutes (WebAuthn's recommended ceremony timeout, section 15.1), and the
//! live ones are bounded per owner and in all, so a stranger cannot fill the table.

use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::credentials::random_token;

use super::PasskeyError;
use crate::state::AppState;
use crate::store::passkeys::{ChallengeBounds, NewChallenge};

/// Seconds a challenge stays usable.
pub const LIFETIME_SECONDS: i64 = 5 * 60;

/// Live challenges one owner (an account registering, an address signing in) may have, and
/// everyone together.
pub const BOUNDS: ChallengeBounds = ChallengeBounds {
    per_owner: 10,
    in_all: 10_000,
};

/// What a challenge is for; one purpose's challenge cannot finish another's ceremony.
#[derive(Debug, Clone, Copy)]
pub enum Purpose {
    Register,
    SignIn,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Register => "register",
            Purpose::SignIn => "sign_in",
        }
    }
}

/// Stores `state` for a new challenge of `owner`; its id.
pub async fn keep(
    state: &AppState,
    purpose: Purpose,
    owner: &str,
    ceremony: &impl Serialize,
) -> Result<String, PasskeyError> {
    let id = random_token("pkc_");
    let json = serde_json::to_string(ceremony).map_err(anyhow::Error::from)?;
    let now = state.now();
    let stored = state
        .store
        .insert_passkey_challenge(
            &NewChallenge {
                id: &id,
                purpose: purpose.as_str(),
                owner,
                state: &json,
                created_at: now,
                expires_at: now + LIFETIME_SECONDS,
            },
            BOUNDS,
        )
        .await?;
    if stored {
        Ok(id)
    } else {
        Err(PasskeyError::TooManyChallenges)
    }
}

/// Takes the live challenge `id` of this purpose (and owner, when given) and reads its state.
pub async fn take<T: DeserializeOwned>(
    state: &AppState,
    id: &str,
    purpose: Purpose,
    owner: Option<&str>,
) -> Result<T, PasskeyError> {
    let json = state
        .store
        .take_passkey_challenge(id, purpose.as_str(), owner, state.now())
        .await?
        .ok_or(PasskeyError::ChallengeNotValid)?;
    Ok(serde_json::from_str(&json).map_err(anyhow::Error::from)?)
}
