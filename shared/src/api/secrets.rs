//! Client secrets as the console lists and creates them. The secret itself is only ever
//! returned once, in [`CreatedSecret`].

use serde::{Deserialize, Serialize};

use crate::field_errors::FieldErrors;

/// The lifetimes a new secret may be given, in days; `None` means it never expires.
pub const SECRET_EXPIRY_DAYS: [u32; 3] = [30, 90, 365];

/// Where a secret stands, so the console can tell what is safe to revoke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SecretStatus {
    /// In use.
    Active,
    /// Not used for a while and a newer secret is in use: revoking it should break nothing.
    SafeToRevoke,
    /// Never used to authenticate.
    NeverUsed,
    /// Past its expiry date.
    Expired,
    /// Revoked; kept for the record.
    Revoked,
}

impl SecretStatus {
    pub fn title(self) -> &'static str {
        match self {
            SecretStatus::Active => "Active",
            SecretStatus::SafeToRevoke => "Safe to revoke",
            SecretStatus::NeverUsed => "Never used",
            SecretStatus::Expired => "Expired",
            SecretStatus::Revoked => "Revoked",
        }
    }
}

/// What the console shows about one secret. Times are unix seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecretMetadata {
    pub id: String,
    /// The first characters of the secret (`cs_AbCdE`), to tell secrets apart.
    pub prefix: String,
    pub label: Option<String>,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
    pub last_used_ip: Option<String>,
    pub use_count: i64,
    pub revoked_at: Option<i64>,
    pub status: SecretStatus,
}

/// `POST /api/v1/apps/{client_id}/secrets`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSecretRequest {
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub expires_in_days: Option<u32>,
}

impl NewSecretRequest {
    /// The label trimmed, or `None` when blank.
    pub fn label(&self) -> Option<&str> {
        self.label
            .as_deref()
            .map(str::trim)
            .filter(|label| !label.is_empty())
    }

    /// Checks the label (at most 64 characters, one line) and the lifetime (one of
    /// [`SECRET_EXPIRY_DAYS`] or none), keyed `label` and `expires_in_days`.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if let Some(label) = self.label() {
            if label.chars().count() > 64 {
                errors.insert(
                    "label".into(),
                    "Labels may be at most 64 characters long.".into(),
                );
            } else if label.chars().any(char::is_control) {
                errors.insert(
                    "label".into(),
                    "Labels may not contain line breaks or control characters.".into(),
                );
            }
        }
        if let Some(days) = self.expires_in_days {
            if !SECRET_EXPIRY_DAYS.contains(&days) {
                errors.insert(
                    "expires_in_days".into(),
                    "Secrets expire after 30, 90 or 365 days, or never.".into(),
                );
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// The answer to creating a secret: its metadata and, this once, the secret itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedSecret {
    pub secret: SecretMetadata,
    pub client_secret: String,
}

/// The answer to "reset OAuth values": what was revoked, and for a confidential app the one
/// new secret, shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetResult {
    pub new_secret: Option<CreatedSecret>,
    pub revoked_secrets: u64,
    pub revoked_tokens: u64,
    pub revoked_consents: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_secret_requests_check_label_length_and_lifetime() {
        let table: Vec<(Option<String>, Option<u32>, Vec<&str>)> = vec![
            (None, None, vec![]),
            (Some("CI deploy".into()), Some(90), vec![]),
            (Some("   ".into()), Some(30), vec![]),
            (Some("é".repeat(64)), Some(365), vec![]),
            (Some("é".repeat(65)), None, vec!["label"]),
            (Some("two\nlines".into()), None, vec!["label"]),
            (None, Some(7), vec!["expires_in_days"]),
            (
                Some("x".repeat(65)),
                Some(0),
                vec!["expires_in_days", "label"],
            ),
        ];
        for (label, expires_in_days, expected) in table {
            let request = NewSecretRequest {
                label: label.clone(),
                expires_in_days,
            };
            let keys: Vec<String> = request
                .validate()
                .err()
                .unwrap_or_default()
                .into_keys()
                .collect();
            assert_eq!(keys, expected, "{label:?} {expires_in_days:?}");
        }
    }

    #[test]
    fn secret_statuses_serialise_in_snake_case() {
        let json =
            serde_json::to_string(&[SecretStatus::SafeToRevoke, SecretStatus::NeverUsed]).unwrap();
        assert_eq!(json, r#"["safe_to_revoke","never_used"]"#);
    }
}
