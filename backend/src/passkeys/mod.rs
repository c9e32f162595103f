//! Passkeys (WebAuthn Level 3): a person registers several, names them, removes them, and
//! signs in with one instead of a password. The ceremonies are checked by webauthn-rs; this
//! module keeps their state between the two requests (`challenges`), decides the relying
//! party from the server's public URL, and returns [`PasskeyError`] to its callers (the
//! console API's routes and the authorization pages).
//!
//! - `registration`: adding a passkey (a discoverable credential with user verification).
//! - `manage`: listing, renaming, removing.
//! - `verification`: **the one check of a passkey sign-in** (challenge id + the browser's
//!   answer → the person), for every path that accepts a passkey.

pub mod challenges;
pub mod manage;
pub mod registration;
pub mod verification;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use url::Host;
use webauthn_rs::prelude::{Uuid, Webauthn, WebauthnBuilder};

use crate::config::ServeConfig;

/// Why a passkey operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum PasskeyError {
    /// The server's public URL names no domain (an IP address): WebAuthn's relying party id
    /// must be a domain (WebAuthn Level 3 section 5.1.3 step 7; browsers refuse IP addresses).
    #[error("Passkeys need this server to be reached by a domain name; ask its administrator.")]
    Unavailable,
    /// The challenge is unknown, expired, used, or another person's.
    #[error("This passkey request has expired or was already used. Try again.")]
    ChallengeNotValid,
    /// Too many ceremonies under way for this person or address, or in all.
    #[error("Too many passkey requests at once. Try again in a few minutes.")]
    TooManyChallenges,
    /// The browser's answer is not a WebAuthn credential at all.
    #[error("The browser's answer is not a passkey credential.")]
    Malformed,
    /// The answer failed WebAuthn's checks (signature, origin, challenge, user verification,
    /// counter).
    #[error("The passkey could not be verified. Try again.")]
    NotVerified,
    /// No account has this credential (never registered here, or removed).
    #[error("This passkey is not registered here. It may have been removed.")]
    UnknownPasskey,
    /// The authenticator is registered already (to this account or another).
    #[error("This passkey is registered already.")]
    AlreadyRegistered,
    /// No passkey of the person's has this id.
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

crate::error::store_errors_are_internal!(PasskeyError);

/// The relying party: its id is the host of the public URL, and the only origin it accepts is
/// the public URL's (section 7.1 step 9 and 7.2 step 13). Built per ceremony: cheap, and the
/// configuration is the single source.
pub fn relying_party(config: &ServeConfig) -> Result<Webauthn, PasskeyError> {
    let origin = &config.public_url;
    let Some(Host::Domain(domain)) = origin.host() else {
        return Err(PasskeyError::Unavailable);
    };
    WebauthnBuilder::new(domain, origin)
        .and_then(|builder| builder.rp_name("Clientele").build())
        .map_err(|err| {
            tracing::warn!(error = %err, "no WebAuthn relying party for the public URL");
            PasskeyError::Unavailable
        })
}

/// The WebAuthn user handle of an account: stable, opaque, 16 bytes derived from its id
/// (section 14.6.1: no personal information in it).
pub fn user_handle(user_id: &str) -> Uuid {
    let digest = Sha256::digest(format!("clientele passkey user {user_id}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    Uuid::from_bytes(bytes)
}

/// A credential id as stored and looked up (base64url without padding).
pub fn credential_key(credential_id: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(credential_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_handles_are_stable_and_differ_between_accounts() {
        assert_eq!(user_handle("usr_a"), user_handle("usr_a"));
        assert_ne!(user_handle("usr_a"), user_handle("usr_b"));
    }
}
