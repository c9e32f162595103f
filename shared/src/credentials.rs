//! Client identifiers and secrets.
//!
//! Both carry 256 bits from the operating system's random generator, written as 43
//! characters of URL-safe base64 without padding (RFC 4648 5), so they survive URLs,
//! headers and form bodies unescaped. Secrets start with `cs_` so that a leaked one is
//! easy to spot for secret scanners and for people reading logs.

use std::fmt;
use std::str::FromStr;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Deserialize;

use crate::text_newtype::text_newtype;

/// Length of 32 random bytes in unpadded base64.
const RANDOM_CHARS: usize = 43;

/// The prefix of every client secret.
pub const CLIENT_SECRET_PREFIX: &str = "cs_";

/// Whether `text` is exactly 32 bytes in canonical unpadded URL-safe base64.
fn is_random_part(text: &str) -> bool {
    text.len() == RANDOM_CHARS
        && URL_SAFE_NO_PAD
            .decode(text)
            .is_ok_and(|bytes| bytes.len() == 32)
}

/// Why a client id or secret was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialError {
    #[error("Client IDs are 43 characters of letters, digits, - and _.")]
    ClientId,
    #[error("Client secrets are cs_ followed by 43 characters of letters, digits, - and _.")]
    ClientSecret,
}

text_newtype! {
    /// A client identifier (RFC 6749 2.2). Public, but unguessable so that client ids cannot
    /// be enumerated.
    #[derive(PartialOrd, Ord)]
    pub struct ClientId: CredentialError, checked by client_id_rule;
}

/// `ClientId`'s rule: the text as kept, or why it is refused.
fn client_id_rule(text: String) -> Result<String, CredentialError> {
    if is_random_part(&text) {
        Ok(text)
    } else {
        Err(CredentialError::ClientId)
    }
}

/// A client secret. Shown once when created; its `Debug` form is redacted so it cannot
/// leak through logs. Deliberately not `Serialize`: sending it anywhere is an explicit
/// [`ClientSecret::expose`].
#[derive(Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct ClientSecret(String);

impl ClientSecret {
    /// The secret itself, for showing it once or hashing it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The first 8 characters (`cs_` and 5 more), enough to tell secrets apart in the
    /// console without revealing them.
    pub fn prefix(&self) -> &str {
        &self.0[..8]
    }
}

impl TryFrom<String> for ClientSecret {
    type Error = CredentialError;

    fn try_from(text: String) -> Result<ClientSecret, CredentialError> {
        match text.strip_prefix(CLIENT_SECRET_PREFIX) {
            Some(random) if is_random_part(random) => Ok(ClientSecret(text)),
            _ => Err(CredentialError::ClientSecret),
        }
    }
}

impl FromStr for ClientSecret {
    type Err = CredentialError;

    fn from_str(text: &str) -> Result<ClientSecret, CredentialError> {
        ClientSecret::try_from(text.to_owned())
    }
}

impl fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ClientSecret({}…)", self.prefix())
    }
}

#[cfg(feature = "server")]
mod generate {
    use rand::rngs::OsRng;
    use rand::RngCore;

    use super::*;

    /// `prefix` followed by 32 bytes from the operating system's generator, as 43
    /// URL-safe base64 characters.
    pub fn random_token(prefix: &str) -> String {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes))
    }

    impl ClientId {
        pub fn generate() -> ClientId {
            ClientId(random_token(""))
        }
    }

    impl ClientSecret {
        pub fn generate() -> ClientSecret {
            ClientSecret(random_token(CLIENT_SECRET_PREFIX))
        }
    }
}

#[cfg(feature = "server")]
pub use generate::random_token;

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE";

    #[test]
    fn client_ids_must_be_43_url_safe_characters_encoding_32_bytes() {
        let table = [
            (ID.to_owned(), true),
            (ID[..42].to_owned(), false),
            (format!("{ID}A"), false),
            (format!("{ID}="), false),
            (ID.replace('-', "+"), false),
            (ID.replace('_', "/"), false),
            // The last character of 43 carries 2 spare bits, which must be zero.
            (format!("{}F", &ID[..42]), false),
            (String::new(), false),
        ];
        for (text, valid) in table {
            assert_eq!(ClientId::try_from(text.clone()).is_ok(), valid, "{text}");
        }
    }

    #[test]
    fn client_secrets_need_the_cs_prefix_and_redact_themselves_in_debug() {
        let secret = ClientSecret::try_from(format!("cs_{ID}")).unwrap();
        assert_eq!(secret.prefix(), "cs_AbCdE");
        assert_eq!(format!("{secret:?}"), "ClientSecret(cs_AbCdE…)");
        assert_eq!(secret.expose(), format!("cs_{ID}"));
        for bad in [
            ID.to_owned(),
            format!("CS_{ID}"),
            format!("cs_{}", &ID[..42]),
            format!("cs__{ID}"),
        ] {
            assert_eq!(
                ClientSecret::try_from(bad),
                Err(CredentialError::ClientSecret)
            );
        }
    }

    #[cfg(feature = "server")]
    #[test]
    fn generated_credentials_parse_back_and_differ_each_time() {
        let id = ClientId::generate();
        assert_eq!(ClientId::try_from(id.as_str().to_owned()).as_ref(), Ok(&id));
        let secret = ClientSecret::generate();
        assert!(secret.expose().starts_with("cs_"));
        assert_eq!(
            ClientSecret::try_from(secret.expose().to_owned()).as_ref(),
            Ok(&secret)
        );
        assert_ne!(ClientId::generate(), id);
        assert_eq!(random_token("rt_").len(), 3 + 43);
    }
}
