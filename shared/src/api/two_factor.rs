//! Two-factor sign-in in the console API: the answer to a sign-in (signed in, or a second
//! factor is due), proving it, setting up an authenticator app, recovery codes, and the
//! administrators' policy.

use crate::redacted::redacted_debug;

use serde::{Deserialize, Serialize};

use super::SessionInfo;
use crate::two_factor::{SecondFactorMethod, SecondFactorProof, TotpCode};

/// The answer to `POST /api/v1/session`: signed in (the session's fields beside
/// `"outcome": "signed_in"`), or the password was right and a second factor is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum SignInOutcome {
    SignedIn(SessionInfo),
    SecondFactorRequired(SecondFactorChallenge),
}

/// A pending sign-in: `pending` names it (valid 5 minutes, once), `methods` are the proofs
/// this account can give.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecondFactorChallenge {
    pub pending: String,
    pub methods: Vec<SecondFactorMethod>,
}

/// `POST /api/v1/session/second-factor`: the pending sign-in and one proof.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecondFactorRequest {
    pub pending: String,
    pub proof: SecondFactorProof,
}

/// `GET /api/v1/account/two-factor`: what protects the signed-in person's account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorStatus {
    /// An authenticator app is set up and confirmed.
    pub totp: bool,
    /// Recovery codes not used yet.
    pub recovery_codes_left: u32,
    /// The administrator requires a second factor of every developer.
    pub required: bool,
}

/// `POST /api/v1/account/two-factor/totp`: a new secret to scan, not on until a first code
/// confirms it. `qr_image` is the `otpauth://` URL as a QR code: an SVG in a `data:` URL.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpSetup {
    /// The secret in base32, for typing into an app by hand.
    pub secret: String,
    pub otpauth_url: String,
    pub qr_image: String,
}

/// A current code from the app (confirming the setup, turning it off).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpCodeRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub code: TotpCode,
}

/// Ten recovery codes, shown once (`abcd-efgh-ijkl-mnop`); the server keeps only their hashes.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
}

/// `GET`/`PUT /api/v1/admin/two-factor-policy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorPolicy {
    /// Every developer must have a second factor; one without is asked to set it up at their
    /// next console sign-in before anything else.
    pub required: bool,
}

redacted_debug!(
    fields:
    SecondFactorChallenge,
    SecondFactorRequest,
    TotpSetup,
    TotpCodeRequest,
    RecoveryCodes
);
