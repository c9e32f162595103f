//! The name a person gives a passkey ("Laptop", "YubiKey 5"), so that the list tells them
//! apart when they remove one.

use serde::{Deserialize, Serialize};

use crate::hidden_chars::{name_fault_into, shown_name};
use crate::text_newtype::text_conversions;

/// Why a passkey name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasskeyNameError {
    #[error("Enter a name for the passkey, such as the device it is on.")]
    Empty,
    #[error("Passkey names may be at most 64 characters long.")]
    TooLong,
    #[error("Passkey names may not contain line breaks or control characters.")]
    ControlCharacter,
    /// The code point, as `U+200D`.
    #[error("Passkey names may not contain invisible characters such as zero-width joiners ({0}); type the name as you want to see it.")]
    Invisible(String),
    #[error("Passkey names may not contain text-direction controls ({0}), which make a name display as something else.")]
    DirectionControl(String),
}

/// 1 to 64 characters once trimmed, on one line, nothing hidden in it (the rule of app and
/// team names, `hidden_chars`): the list shows it as typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PasskeyName(String);

impl TryFrom<String> for PasskeyName {
    type Error = PasskeyNameError;

    fn try_from(text: String) -> Result<PasskeyName, PasskeyNameError> {
        let (trimmed, length) = shown_name(&text)?;
        if length > 64 {
            return Err(PasskeyNameError::TooLong);
        }
        Ok(PasskeyName(trimmed.to_owned()))
    }
}

text_conversions!(PasskeyName(0): PasskeyNameError);
name_fault_into!(PasskeyNameError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passkey_names_are_checked_as_people_see_them() {
        use PasskeyNameError::*;
        let table: [(&str, Result<&str, PasskeyNameError>); 10] = [
            ("Laptop", Ok("Laptop")),
            ("  YubiKey 5  ", Ok("YubiKey 5")),
            ("Téléphone de Zoë", Ok("Téléphone de Zoë")),
            ("K", Ok("K")),
            ("   ", Err(Empty)),
            ("", Err(Empty)),
            ("Line\nbreak", Err(ControlCharacter)),
            ("Lap\u{200B}top", Err(Invisible("U+200B".into()))),
            ("pot\u{202E}pal", Err(DirectionControl("U+202E".into()))),
            (&"x".repeat(65), Err(TooLong)),
        ];
        for (text, expected) in table {
            let got = PasskeyName::try_from(text.to_owned());
            assert_eq!(
                got.as_ref().map(PasskeyName::as_str).map_err(Clone::clone),
                expected,
                "{text:?}"
            );
        }
        assert!(PasskeyName::try_from("é".repeat(64)).is_ok());
    }
}
