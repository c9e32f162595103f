//! Sudo mode and the account's log: proving who one is again before a sensitive action
//! (`POST /api/v1/session/reauthenticate`), and reading one's own log
//! (`GET /api/v1/account/audit`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::AccountEvent;

/// The error code of a 403 that asks the session to re-authenticate first.
pub const REAUTHENTICATION_REQUIRED: &str = "reauthentication_required";

/// `POST /api/v1/session/reauthenticate`: how the person proves who they are, tagged by
/// `method` so passkeys and one-time codes can join the password.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum ReauthenticateRequest {
    /// The account's password (plain text, checked like a sign-in).
    Password { password: String },
}

impl fmt::Debug for ReauthenticateRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReauthenticateRequest::Password { .. } => f.write_str("Password { … }"),
        }
    }
}

/// One entry of the person's own log. Times are unix seconds.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountLogEntry {
    pub id: String,
    pub at: i64,
    pub event: AccountEvent,
    /// Who acted: the person, "command line" for an operator, none for a signed-out step.
    pub actor_email: Option<String>,
    /// The address the request came from, when known.
    pub address: Option<String>,
    /// A short label of the acting browser ("Chrome on Linux"), when known.
    pub browser: Option<String>,
}

/// A page of the log, newest first; `next_cursor` asks for the older ones.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountLogPage {
    pub items: Vec<AccountLogEntry>,
    pub next_cursor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reauthentication_is_tagged_by_method_and_hides_the_password_in_debug() {
        let request: ReauthenticateRequest =
            serde_json::from_str(r#"{"method":"password","password":"hunter2"}"#).unwrap();
        assert_eq!(format!("{request:?}"), "Password { … }");
        let unknown = r#"{"method":"carrier_pigeon","password":"x"}"#;
        assert!(serde_json::from_str::<ReauthenticateRequest>(unknown).is_err());
    }
}
