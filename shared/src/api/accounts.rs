//! Sign-up, sign-in and the signed-in account.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::account::{DisplayName, Email, Password};

/// `POST /api/v1/accounts`: every field is checked while deserialising.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignUpRequest {
    pub email: Email,
    pub display_name: DisplayName,
    pub password: Password,
}

/// `POST /api/v1/session`: plain strings, because refusing a sign-in for breaking a
/// sign-up rule would tell an attacker something about the account.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInRequest {
    pub email: String,
    pub password: String,
}

impl fmt::Debug for SignInRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignInRequest")
            .field("email", &self.email)
            .field("password", &"…")
            .finish()
    }
}

/// The signed-in person, as the console shows them. Times are unix seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub is_admin: bool,
    pub created_at: i64,
}

/// The answer to signing up, signing in and `GET /api/v1/session`: who is signed in, and
/// the token the console echoes in a header on every state-changing request (CSRF
/// protection for the cookie session).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub account: Account,
    pub csrf_token: String,
    /// The administrator requires a second factor and this person has none yet: this session
    /// may only set one up (or sign out); every other console route answers 403
    /// `second_factor_setup_required`.
    #[serde(default)]
    pub second_factor_setup_required: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_up_body_breaking_a_rule_does_not_deserialise() {
        let ok = r#"{"email":" Ada@Example.com","display_name":"Ada","password":"correct horse battery"}"#;
        let request: SignUpRequest = serde_json::from_str(ok).unwrap();
        assert_eq!(request.email.as_str(), "ada@example.com");
        let short = r#"{"email":"ada@example.com","display_name":"Ada","password":"short"}"#;
        let error = serde_json::from_str::<SignUpRequest>(short).unwrap_err();
        assert!(
            error.to_string().contains("at least 12 characters"),
            "{error}"
        );
    }

    #[test]
    fn sign_in_requests_accept_anything_and_hide_the_password_in_debug() {
        let request: SignInRequest =
            serde_json::from_str(r#"{"email":"x","password":"y"}"#).unwrap();
        assert_eq!(
            format!("{request:?}"),
            r#"SignInRequest { email: "x", password: "…" }"#
        );
    }
}
