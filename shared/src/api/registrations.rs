//! The administrators' console for clients that register themselves (RFC 7591, RFC 7592):
//! initial access tokens, self-registered clients, taking one over, and the built-in API's
//! visibility. Every route behind these types answers 403 to anyone but an administrator.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::account::Email;
use crate::bounded_number::bounded_number;
use crate::registered_api::ApiVisibility;

bounded_number!(
    /// How many registrations one initial access token allows, 1 to 1,000.
    pub struct TokenUses(1..=1000);
    TokenUsesError: "Allow between 1 and 1,000 registrations."
);

bounded_number!(
    /// How many days an initial access token stays valid, 1 to 90.
    pub struct TokenDays(1..=90);
    TokenDaysError: "Choose between 1 and 90 days."
);

impl TokenDays {
    pub fn seconds(self) -> i64 {
        self.0 * 86_400
    }
}

/// `POST /api/v1/initial-access-tokens`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MintTokenRequest {
    pub uses: TokenUses,
    pub days: TokenDays,
}

/// An initial access token as administrators see it listed: never the token itself, which
/// is stored as a hash and shown once, in [`MintedToken`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InitialAccessToken {
    pub id: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub uses_left: i64,
    /// The administrator who minted it (`None` once their account is gone).
    pub created_by: Option<String>,
}

/// The answer to minting: the token, this once, and how it is listed from now on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MintedToken {
    pub token: String,
    pub id: String,
    pub uses: i64,
    pub expires_at: i64,
}

/// How a self-registered client got in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum RegisteredWith {
    /// `CLIENTELE_DYNAMIC_REGISTRATION=open`: nobody vouched for it.
    Open,
    /// With an administrator's initial access token.
    Token,
    /// Registered before the server recorded how.
    Unknown,
}

impl fmt::Display for RegisteredWith {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RegisteredWith::Open => "open registration",
            RegisteredWith::Token => "initial access token",
            RegisteredWith::Unknown => "not recorded",
        })
    }
}

/// `GET /api/v1/self-registered-clients`: newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SelfRegisteredClient {
    pub client_id: String,
    pub name: String,
    pub redirect_uris: Vec<String>,
    pub created_at: i64,
    /// When it was last issued a token (while its tokens are kept).
    pub last_used_at: Option<i64>,
    pub registered_with: RegisteredWith,
    /// Whether its registration access token still manages it (RFC 7592).
    pub management_token_active: bool,
}

/// `POST /api/v1/self-registered-clients/{client_id}/take-over`: the developer who gets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TakeOverRequest {
    pub developer_email: Email,
}

/// `GET` and `PUT /api/v1/built-in-api`: whose apps may ask for the built-in API's scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BuiltInApiSettings {
    pub visibility: ApiVisibility,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_limits_hold_at_their_edges() {
        for (uses, ok) in [
            (0, false),
            (1, true),
            (1000, true),
            (1001, false),
            (-1, false),
        ] {
            assert_eq!(TokenUses::try_from(uses).is_ok(), ok, "{uses}");
        }
        for (days, ok) in [(0, false), (1, true), (90, true), (91, false)] {
            assert_eq!(TokenDays::try_from(days).is_ok(), ok, "{days}");
        }
        let error = serde_json::from_str::<MintTokenRequest>(r#"{"uses":5,"days":365}"#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("between 1 and 90 days"), "{error}");
    }
}
