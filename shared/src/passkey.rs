//! The name a person gives a passkey ("Laptop", "YubiKey 5"), so that the list tells them
//! apart when they remove one.

use crate::shown_name::shown_name;

shown_name! {
    /// 1 to 64 characters once trimmed, on one line, nothing hidden in it (the rule of app and
    /// team names, `hidden_chars`): the list shows it as typed.
    pub struct PasskeyName(1..=64) refused as PasskeyNameError {
        what: "Passkey names",
        empty: "Enter a name for the passkey, such as the device it is on.",
        invisible_hint: "; type the name as you want to see it",
    }
}

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
