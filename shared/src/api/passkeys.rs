//! Passkeys (WebAuthn) in the console API: the person's list, the two steps of adding one,
//! renaming and removing, and the two steps of signing in with one.
//!
//! The ceremony's own objects (the options for `navigator.credentials.create`/`get` and the
//! browser's answer) travel as WebAuthn Level 3's JSON forms (`parseCreationOptionsFromJSON`,
//! `PublicKeyCredential.toJSON()`), which only the server reads.

use serde::{Deserialize, Serialize};

use crate::passkey::PasskeyName;

/// One passkey of the signed-in person (`GET /api/v1/account/passkeys`). Times are unix
/// seconds; `last_used_at` is `null` until the passkey signs someone in.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyView {
    pub id: String,
    pub name: PasskeyName,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

/// The first step of a ceremony: its challenge's id (sent back with the answer) and the
/// options to hand the browser, as WebAuthn's JSON (`{"publicKey": {…}}`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PasskeyChallenge {
    pub challenge_id: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub options: serde_json::Value,
}

/// `POST /api/v1/account/passkeys`: the name and the browser's answer to the registration
/// challenge `challenge_id`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewPasskey {
    pub challenge_id: String,
    pub name: PasskeyName,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub credential: serde_json::Value,
}

/// `PUT /api/v1/account/passkeys/{id}`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenamePasskey {
    pub name: PasskeyName,
}

/// `POST /api/v1/session/passkey`: the browser's answer to the sign-in challenge
/// `challenge_id`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PasskeySignIn {
    pub challenge_id: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub credential: serde_json::Value,
}
