//! The signed-in person's own account: their console sessions, changing their password, and
//! resetting a forgotten one through a mailed link.

use crate::redacted::redacted_debug;

use serde::{Deserialize, Serialize};

use crate::account::{Email, Password};
use crate::two_factor::SecondFactorMethod;

/// One console session of the signed-in person (`GET /api/v1/account/sessions`). `id` is a
/// public name for the session, never its cookie's token. Times are unix seconds.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: String,
    /// A short label from the browser's User-Agent ("Chrome on Linux"): what the browser says
    /// about itself, so it is only ever shown.
    pub browser: String,
    /// The address the session was last seen from.
    pub address: String,
    pub created_at: i64,
    /// Updated at most once a minute.
    pub last_seen_at: i64,
    /// The session of the request that asked.
    pub current: bool,
}

/// `PUT /api/v1/account/password`: the current password (plain text, checked like a sign-in)
/// and the new one (the shared rule, then the server's strength check).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: Password,
}

redacted_debug!(fields: ChangePasswordRequest);

/// `POST /api/v1/account/password-reset`: mail a reset link to this address, if it has an
/// account. The answer is the same either way.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordResetRequest {
    pub email: Email,
}

/// The answer to a reset request, whether or not the email has an account.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordResetRequested {
    pub message: String,
}

/// `POST /api/v1/account/password-reset/complete`: the link's token and the new password.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletePasswordReset {
    pub token: String,
    pub new_password: Password,
}

redacted_debug!(fields: CompletePasswordReset);

/// What the account's own log records. No variant can hold a password or a link.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AccountEvent {
    /// The person changed their password in the console (other sessions ended).
    PasswordChanged {
        sessions_ended: u64,
    },
    /// A reset link was mailed to the account's address.
    PasswordResetMailed,
    /// The password was set through a mailed link (every session ended).
    PasswordReset {
        sessions_ended: u64,
    },
    /// An operator set the password at the command line (every session ended).
    PasswordSetByOperator {
        sessions_ended: u64,
    },
    /// The person proved who they are again in a session, for sensitive actions (sudo mode).
    Reauthenticated {
        with: ReauthenticatedWith,
    },
    /// An authenticator app was confirmed with a first code.
    TotpEnabled,
    /// The authenticator app was turned off (with a current code); recovery codes went too.
    TotpDisabled,
    /// Ten new recovery codes replaced any earlier ones.
    RecoveryCodesGenerated,
    /// A recovery code was spent signing in.
    RecoveryCodeUsed {
        left: u32,
    },
    /// Signed in with the password and a second factor.
    SignedInWithSecondFactor {
        method: SecondFactorMethod,
    },
    /// A wrong, replayed or throttled second-factor code (never the code itself).
    SecondFactorFailed {
        method: SecondFactorMethod,
    },
    /// A passkey was added (its public id and the name given).
    PasskeyAdded {
        passkey: String,
        name: String,
    },
    PasskeyRenamed {
        passkey: String,
        from: String,
        to: String,
    },
    PasskeyRemoved {
        passkey: String,
        name: String,
    },
    /// Someone signed in with this passkey (both factors: it verified the person).
    SignedInWithPasskey {
        passkey: String,
        name: String,
    },
}

/// How a person re-authenticated (a passkey or a one-time code may join the password).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReauthenticatedWith {
    Password,
}

impl AccountEvent {
    /// The entry as the account's log page says it.
    pub fn sentence(&self) -> String {
        let ended = |n: u64| match n {
            0 => String::new(),
            1 => " (1 other session ended)".to_owned(),
            n => format!(" ({n} other sessions ended)"),
        };
        match self {
            AccountEvent::PasswordChanged { sessions_ended } => {
                format!("Password changed{}", ended(*sessions_ended))
            }
            AccountEvent::PasswordResetMailed => "Password-reset link mailed".to_owned(),
            AccountEvent::PasswordReset { sessions_ended } => format!(
                "Password set through a mailed link{}",
                ended(*sessions_ended)
            ),
            AccountEvent::PasswordSetByOperator { sessions_ended } => {
                format!("Password set by an operator{}", ended(*sessions_ended))
            }
            AccountEvent::Reauthenticated {
                with: ReauthenticatedWith::Password,
            } => "Password confirmed for a sensitive action".to_owned(),
            AccountEvent::TotpEnabled => "Authenticator app turned on".to_owned(),
            AccountEvent::TotpDisabled => {
                "Authenticator app turned off (its recovery codes too)".to_owned()
            }
            AccountEvent::RecoveryCodesGenerated => "New recovery codes made".to_owned(),
            AccountEvent::RecoveryCodeUsed { left } => {
                format!("Recovery code used to sign in ({left} left)")
            }
            AccountEvent::SignedInWithSecondFactor { method } => {
                format!("Signed in with {}", method.label())
            }
            AccountEvent::SecondFactorFailed { method } => {
                format!("Refused a wrong or used {} at sign-in", method.label())
            }
            AccountEvent::PasskeyAdded { name, .. } => {
                format!("Passkey \u{201c}{name}\u{201d} added")
            }
            AccountEvent::PasskeyRenamed { from, to, .. } => {
                format!("Passkey \u{201c}{from}\u{201d} renamed \u{201c}{to}\u{201d}")
            }
            AccountEvent::PasskeyRemoved { name, .. } => {
                format!("Passkey \u{201c}{name}\u{201d} removed")
            }
            AccountEvent::SignedInWithPasskey { name, .. } => {
                format!("Signed in with the passkey \u{201c}{name}\u{201d}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_requests_check_the_new_password_and_hide_both_in_debug() {
        let ok = r#"{"current_password":"x","new_password":"a long new passphrase"}"#;
        let request: ChangePasswordRequest = serde_json::from_str(ok).unwrap();
        assert_eq!(format!("{request:?}"), "ChangePasswordRequest { … }");
        let short = r#"{"current_password":"x","new_password":"short"}"#;
        let error = serde_json::from_str::<ChangePasswordRequest>(short).unwrap_err();
        assert!(error.to_string().contains("at least 12"), "{error}");
        let reset = r#"{"token":"pwr_x","new_password":"a long new passphrase"}"#;
        let reset: CompletePasswordReset = serde_json::from_str(reset).unwrap();
        assert_eq!(format!("{reset:?}"), "CompletePasswordReset { … }");
    }
}
