//! What a person types as a second factor: a code from an authenticator app (RFC 6238, six
//! digits) or one of their recovery codes. Both are read here once, for the console and the
//! script-free authorization pages alike, so a code that breaks the rule is refused with the
//! same sentence everywhere and never reaches the server's checks.

use crate::redacted::redacted_debug;

use serde::{Deserialize, Serialize};

use crate::text_newtype::text_newtype;

/// Digits in an authenticator app's code (RFC 6238 section 4: the HOTP value of RFC 4226
/// section 5.3, six digits as every common app shows).
pub const TOTP_DIGITS: usize = 6;
/// Characters of a recovery code without its hyphens: 16 of base32's 32, 80 random bits.
pub const RECOVERY_CODE_CHARS: usize = 16;
/// Anything longer than this is no code at all; refused before looking at its characters.
const MAX_TYPED_CHARS: usize = 64;

/// Why a typed code was refused. The sentences are the console's and the pages' own.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("Enter a code.")]
    Empty,
    #[error("That is too long for a code: enter the 6 digits your app shows, or a recovery code.")]
    TooLong,
    #[error("Enter the 6 digits (0 to 9) your authenticator app shows.")]
    NotSixDigits,
    #[error("Recovery codes are 16 letters and digits, like abcd-efgh-ijkl-mnop.")]
    NotRecoveryCode,
}

text_newtype! {
    /// Six ASCII digits; spaces people type between groups are dropped. Other digits (Arabic-Indic,
    /// full-width) are refused: no app shows them, and accepting them would make look-alikes count.
    pub struct TotpCode: CodeError, checked by totp_code_rule, secret;
}

/// `TotpCode`'s rule: the text as kept, or why it is refused.
fn totp_code_rule(text: String) -> Result<String, CodeError> {
    let compact = compact(&text)?;
    if compact.len() == TOTP_DIGITS && compact.bytes().all(|b| b.is_ascii_digit()) {
        Ok(compact)
    } else {
        Err(CodeError::NotSixDigits)
    }
}

impl TotpCode {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

text_newtype! {
    /// A recovery code: 16 characters of RFC 4648 base32 (`a`-`z`, `2`-`7`), read without case,
    /// spaces or hyphens, kept lower-case without them (the form the server hashes).
    pub struct RecoveryCode: CodeError, checked by recovery_code_rule, secret;
}

/// `RecoveryCode`'s rule: the text as kept, or why it is refused.
fn recovery_code_rule(text: String) -> Result<String, CodeError> {
    let compact: String = compact(&text)?
        .chars()
        .filter(|c| *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let base32 = |c: char| c.is_ascii_lowercase() || ('2'..='7').contains(&c);
    if compact.len() == RECOVERY_CODE_CHARS && compact.chars().all(base32) {
        Ok(compact)
    } else {
        Err(CodeError::NotRecoveryCode)
    }
}

impl RecoveryCode {
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// As shown to the person: four groups of four, `abcd-efgh-ijkl-mnop`.
    pub fn grouped(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        chars
            .chunks(4)
            .map(|group| group.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("-")
    }
}

redacted_debug!(tuple: TotpCode, RecoveryCode);

/// The typed text without spaces, after the length bound.
fn compact(text: &str) -> Result<String, CodeError> {
    if text.chars().count() > MAX_TYPED_CHARS {
        return Err(CodeError::TooLong);
    }
    let compact: String = text.chars().filter(|c| *c != ' ').collect();
    if compact.is_empty() {
        return Err(CodeError::Empty);
    }
    Ok(compact)
}

/// The ways a person can prove a second factor after their password.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SecondFactorMethod {
    /// A code from an authenticator app.
    Totp,
    /// One of the ten single-use recovery codes.
    RecoveryCode,
    /// One of the person's passkeys (WebAuthn), as at a passkey sign-in.
    Passkey,
}

impl SecondFactorMethod {
    /// The method as the account's log names it.
    pub fn label(self) -> &'static str {
        match self {
            SecondFactorMethod::Totp => "an authenticator app code",
            SecondFactorMethod::RecoveryCode => "a recovery code",
            SecondFactorMethod::Passkey => "a passkey",
        }
    }
}

/// One proof of a second factor, as the console sends it
/// (`{"method": "totp", "code": "123456"}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum SecondFactorProof {
    Totp {
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        code: TotpCode,
    },
    RecoveryCode {
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        code: RecoveryCode,
    },
    /// The browser's answer to a passkey challenge (`POST /api/v1/session/passkey/options`),
    /// which must name one of this account's passkeys.
    Passkey {
        challenge_id: String,
        #[cfg_attr(feature = "openapi", schema(value_type = Object))]
        credential: serde_json::Value,
    },
}

impl SecondFactorProof {
    /// Reads what someone typed into one field (the authorization pages' code form): digits
    /// are an app's code, anything else a recovery code.
    pub fn read(text: &str) -> Result<SecondFactorProof, CodeError> {
        let compact = compact(text)?;
        // Any digits, not only ASCII ones: full-width or Arabic-Indic digits are an app's code
        // typed on another keyboard, and hear why they are refused.
        if compact.chars().all(char::is_numeric) {
            TotpCode::try_from(compact).map(|code| SecondFactorProof::Totp { code })
        } else {
            RecoveryCode::try_from(compact).map(|code| SecondFactorProof::RecoveryCode { code })
        }
    }

    pub fn method(&self) -> SecondFactorMethod {
        match self {
            SecondFactorProof::Totp { .. } => SecondFactorMethod::Totp,
            SecondFactorProof::RecoveryCode { .. } => SecondFactorMethod::RecoveryCode,
            SecondFactorProof::Passkey { .. } => SecondFactorMethod::Passkey,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_once_with_clear_refusals() {
        let table: Vec<(String, Result<SecondFactorProof, CodeError>)> = vec![
            (
                "123456".into(),
                Ok(SecondFactorProof::Totp {
                    code: TotpCode("123456".into()),
                }),
            ),
            (
                " 123 456 ".into(),
                Ok(SecondFactorProof::Totp {
                    code: TotpCode("123456".into()),
                }),
            ),
            ("12345".into(), Err(CodeError::NotSixDigits)),
            ("1234567".into(), Err(CodeError::NotSixDigits)),
            ("١٢٣٤٥٦".into(), Err(CodeError::NotSixDigits)),
            ("１２３４５６".into(), Err(CodeError::NotSixDigits)),
            (
                "ABCD-efgh-2345-67ab".into(),
                Ok(SecondFactorProof::RecoveryCode {
                    code: RecoveryCode("abcdefgh234567ab".into()),
                }),
            ),
            ("abcd-efgh-2345-67a".into(), Err(CodeError::NotRecoveryCode)),
            (
                "abcd-efgh-2345-67a1".into(),
                Err(CodeError::NotRecoveryCode),
            ),
            (
                "аbcd-efgh-2345-67ab".into(),
                Err(CodeError::NotRecoveryCode),
            ),
            ("".into(), Err(CodeError::Empty)),
            ("   ".into(), Err(CodeError::Empty)),
            ("1".repeat(65), Err(CodeError::TooLong)),
        ];
        for (typed, expected) in table {
            assert_eq!(SecondFactorProof::read(&typed), expected, "{typed:?}");
        }
    }

    #[test]
    fn proofs_deserialise_through_the_code_rules_and_hide_codes_in_debug() {
        let ok: SecondFactorProof =
            serde_json::from_str(r#"{"method":"totp","code":"000 111"}"#).unwrap();
        assert_eq!(format!("{ok:?}"), "Totp { code: TotpCode(…) }");
        let bad = serde_json::from_str::<SecondFactorProof>(r#"{"method":"totp","code":"12a456"}"#);
        assert!(bad.unwrap_err().to_string().contains("6 digits"));
        let grouped = RecoveryCode::try_from("abcdefgh234567ab".to_owned()).unwrap();
        assert_eq!(grouped.grouped(), "abcd-efgh-2345-67ab");
    }
}
