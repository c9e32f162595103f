//! `POST /oauth/sign-in/passkey`: the authorization pages' passkey form, which `passkey.js`
//! fills with the sign-in challenge's id and the browser's answer. The answer is checked by the
//! pages' one sign-in step (`page_sign_in`); a session starts and the authorization flow
//! carries on to consent or the app exactly as after a password.

use serde::Deserialize;

use super::authorize::SignInProof;
use super::page_sign_in::PageProof;

/// Where the passkey form posts.
pub const PATH: &str = "/oauth/sign-in/passkey";

#[derive(Debug, Deserialize)]
pub struct PasskeyPost {
    challenge_id: String,
    /// `PublicKeyCredential.toJSON()` of the browser's answer, as JSON text.
    credential: String,
    #[serde(rename = "continue")]
    continue_query: String,
}

impl SignInProof for PasskeyPost {
    fn continue_query(&self) -> &str {
        &self.continue_query
    }

    fn proof(&self) -> PageProof<'_> {
        PageProof::Passkey {
            challenge_id: &self.challenge_id,
            credential: &self.credential,
        }
    }
}
