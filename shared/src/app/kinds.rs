//! What kind of client an app is, and what its access tokens look like.

use serde::{Deserialize, Serialize};

/// RFC 6749 2.1 client types.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ClientType {
    /// Runs on a server that can keep a secret; authenticates with `client_secret_basic`
    /// or `client_secret_post`.
    #[default]
    Confidential,
    /// Runs where a secret cannot be kept (browser or native app): no secret, and PKCE
    /// with S256 is required (RFC 9700 2.1.1).
    Public,
}

impl ClientType {
    pub const ALL: [ClientType; 2] = [ClientType::Confidential, ClientType::Public];

    pub fn as_str(self) -> &'static str {
        match self {
            ClientType::Confidential => "confidential",
            ClientType::Public => "public",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            ClientType::Confidential => "Confidential",
            ClientType::Public => "Public",
        }
    }

    /// One line for the console's picker.
    pub fn description(self) -> &'static str {
        match self {
            ClientType::Confidential => "A server-side app that can keep a client secret.",
            ClientType::Public => {
                "A browser or mobile app that cannot keep a secret; it uses PKCE instead."
            }
        }
    }

    /// Whether the client is issued client secrets.
    pub fn has_secret(self) -> bool {
        self == ClientType::Confidential
    }

    /// Whether authorization requests must carry a PKCE S256 challenge.
    pub fn requires_pkce(self) -> bool {
        self == ClientType::Public
    }

    /// The token endpoint authentication methods (RFC 7591 2) this client may use.
    pub fn auth_methods(self) -> &'static [&'static str] {
        match self {
            ClientType::Confidential => &["client_secret_basic", "client_secret_post"],
            ClientType::Public => &["none"],
        }
    }
}

/// The format of issued access tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum TokenFormat {
    /// A random reference the resource server looks up (or introspects).
    #[default]
    Opaque,
    /// A signed JWT (RFC 9068) the resource server can verify on its own.
    Jwt,
}

impl TokenFormat {
    pub const ALL: [TokenFormat; 2] = [TokenFormat::Opaque, TokenFormat::Jwt];

    pub fn as_str(self) -> &'static str {
        match self {
            TokenFormat::Opaque => "opaque",
            TokenFormat::Jwt => "jwt",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            TokenFormat::Opaque => "Opaque",
            TokenFormat::Jwt => "JWT",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            TokenFormat::Opaque => {
                "Random strings; resource servers check them with token introspection."
            }
            TokenFormat::Jwt => {
                "Signed JSON Web Tokens; resource servers verify them with the published keys."
            }
        }
    }
}

/// How the app's ID tokens are signed (OpenID Connect Dynamic Client Registration 1.0
/// `id_token_signed_response_alg`). RS256 is the default because every OpenID client library
/// supports it (OpenID Connect Core 1.0 section 15.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum IdTokenAlg {
    #[default]
    #[serde(rename = "RS256")]
    Rs256,
    #[serde(rename = "ES256")]
    Es256,
}

impl IdTokenAlg {
    pub const ALL: [IdTokenAlg; 2] = [IdTokenAlg::Rs256, IdTokenAlg::Es256];

    pub fn as_str(self) -> &'static str {
        match self {
            IdTokenAlg::Rs256 => "RS256",
            IdTokenAlg::Es256 => "ES256",
        }
    }

    pub fn from_name(name: &str) -> Option<IdTokenAlg> {
        IdTokenAlg::ALL.into_iter().find(|alg| alg.as_str() == name)
    }

    pub fn description(self) -> &'static str {
        match self {
            IdTokenAlg::Rs256 => "RSA with SHA-256: understood by every OpenID Connect library.",
            IdTokenAlg::Es256 => "ECDSA P-256 with SHA-256: smaller and faster to sign.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_types_and_token_formats_serialise_in_snake_case() {
        let table = [
            (
                serde_json::to_string(&ClientType::Confidential).unwrap(),
                "\"confidential\"",
            ),
            (
                serde_json::to_string(&ClientType::Public).unwrap(),
                "\"public\"",
            ),
            (
                serde_json::to_string(&TokenFormat::Opaque).unwrap(),
                "\"opaque\"",
            ),
            (serde_json::to_string(&TokenFormat::Jwt).unwrap(), "\"jwt\""),
        ];
        for (json, expected) in table {
            assert_eq!(json, expected);
        }
        for kind in ClientType::ALL {
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
    }

    #[test]
    fn only_confidential_clients_have_secrets_and_only_public_ones_need_pkce() {
        assert!(ClientType::Confidential.has_secret() && !ClientType::Confidential.requires_pkce());
        assert!(!ClientType::Public.has_secret() && ClientType::Public.requires_pkce());
        assert_eq!(ClientType::Public.auth_methods(), ["none"]);
        assert_eq!(TokenFormat::default(), TokenFormat::Opaque);
    }
}
