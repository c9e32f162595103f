//! What a person gives when signing up: email address, display name and password.

use crate::redacted::redacted_debug;
use crate::shown_name::shown_name;
use crate::text_newtype::text_newtype;

/// Why an email address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("Enter your email address.")]
    Empty,
    #[error("Email addresses may be at most 254 characters long.")]
    TooLong,
    #[error("Email addresses may not contain spaces or control characters.")]
    Whitespace,
    #[error("Enter an email address like name@example.com.")]
    Shape,
}

text_newtype! {
    /// An email address, trimmed and lower-cased so that one person cannot sign up twice by
    /// changing case. Only the shape is checked (`local@domain`, the domain with a dot or
    /// `localhost`); whether mail arrives is a matter for a confirmation email. The 254
    /// limit is the longest address that fits SMTP's path limit (RFC 5321 4.5.3.1.3).
    #[derive(PartialOrd, Ord)]
    pub struct Email: EmailError, checked by email_rule;
}

fn is_domain(domain: &str) -> bool {
    domain == "localhost"
        || (domain.contains('.') && domain.split('.').all(|label| !label.is_empty()))
}

/// `Email`'s rule: the text as kept, or why it is refused.
fn email_rule(text: String) -> Result<String, EmailError> {
    let address = text.trim().to_lowercase();
    if address.is_empty() {
        return Err(EmailError::Empty);
    }
    if address.chars().count() > 254 {
        return Err(EmailError::TooLong);
    }
    if address.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(EmailError::Whitespace);
    }
    match address.split_once('@') {
        Some((local, domain))
            if !local.is_empty() && !domain.contains('@') && is_domain(domain) =>
        {
            Ok(address)
        }
        _ => Err(EmailError::Shape),
    }
}

shown_name! {
    /// The name shown for a person: 1 to 64 characters after trimming, on one line, with nothing
    /// invisible or direction-changing in it (it is shown to others, e.g. as an app's owner).
    #[derive(PartialOrd, Ord)]
    pub struct DisplayName(1..=64) refused as DisplayNameError {
        what: "Names",
        empty: "Enter your name.",
        invisible_hint: "",
    }
}

/// Why a new password was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("Passwords must be at least 12 characters long.")]
    TooShort,
    #[error("Passwords may be at most 1,024 characters long.")]
    TooLong,
}

text_newtype! {
    /// A new password: 12 to 1024 characters, taken exactly as typed (never trimmed: spaces
    /// can be part of a passphrase). Length is the only composition rule, following NIST
    /// SP 800-63B 5.1.1.2; the upper bound only keeps hashing cheap. `Debug` is redacted.
    pub struct Password: PasswordError, checked by password_rule, secret;
}

impl Password {
    /// The password itself, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// `Password`'s rule: the text as kept, or why it is refused.
fn password_rule(text: String) -> Result<String, PasswordError> {
    match text.chars().count() {
        0..=11 => Err(PasswordError::TooShort),
        12..=1024 => Ok(text),
        _ => Err(PasswordError::TooLong),
    }
}

redacted_debug!(tuple: Password);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text_newtype::check_text_cases;

    #[test]
    fn email_addresses_are_trimmed_lowercased_and_shape_checked() {
        let long_local = "a".repeat(242);
        let at_limit = format!("{long_local}@example.com");
        let over_limit = format!("a{at_limit}");
        let table: Vec<(&str, Result<&str, EmailError>)> = vec![
            ("  Ada@Example.COM ", Ok("ada@example.com")),
            ("dev@localhost", Ok("dev@localhost")),
            ("ünï@bücher.example", Ok("ünï@bücher.example")),
            (&at_limit, Ok(at_limit.as_str())),
            ("", Err(EmailError::Empty)),
            (&over_limit, Err(EmailError::TooLong)),
            ("ada lovelace@example.com", Err(EmailError::Whitespace)),
            ("ada@example.com\u{0}", Err(EmailError::Whitespace)),
            ("ada.example.com", Err(EmailError::Shape)),
            ("@example.com", Err(EmailError::Shape)),
            ("ada@", Err(EmailError::Shape)),
            ("ada@example", Err(EmailError::Shape)),
            ("ada@@example.com", Err(EmailError::Shape)),
            ("ada@example..com", Err(EmailError::Shape)),
            ("ada@.example.com", Err(EmailError::Shape)),
            ("ada@example.com.", Err(EmailError::Shape)),
        ];
        check_text_cases(table, Email::as_str);
    }

    #[test]
    fn display_names_are_trimmed_and_one_to_64_characters() {
        let table: Vec<(String, Result<&str, DisplayNameError>)> = vec![
            ("  Ada Lovelace ".into(), Ok("Ada Lovelace")),
            ("李".into(), Ok("李")),
            ("".into(), Err(DisplayNameError::Empty)),
            ("   ".into(), Err(DisplayNameError::Empty)),
            ("é".repeat(65), Err(DisplayNameError::TooLong)),
            (
                "Ada\nLovelace".into(),
                Err(DisplayNameError::ControlCharacter),
            ),
            (
                "Ada\u{202E}ecalevoL".into(),
                Err(DisplayNameError::DirectionControl("U+202E".into())),
            ),
            (
                "Ad\u{200D}a".into(),
                Err(DisplayNameError::Invisible("U+200D".into())),
            ),
            ("\u{200B}\u{3164}".into(), Err(DisplayNameError::Empty)),
            ("\u{2066}\u{2069}".into(), Err(DisplayNameError::Empty)),
        ];
        check_text_cases(table, DisplayName::as_str);
    }

    #[test]
    fn passwords_are_12_to_1024_characters_untrimmed_and_redacted() {
        let table: Vec<(String, Result<(), PasswordError>)> = vec![
            ("correct horse".into(), Ok(())),
            (" twelve ch  ".into(), Ok(())),
            ("ééééééééééé".into(), Err(PasswordError::TooShort)),
            ("x".repeat(1024), Ok(())),
            ("x".repeat(1025), Err(PasswordError::TooLong)),
        ];
        for (input, expected) in table {
            assert_eq!(
                Password::try_from(input.clone()).map(|_| ()),
                expected,
                "{input:?}"
            );
        }
        let password = Password::try_from("  spaces kept ".to_owned()).unwrap();
        assert_eq!(password.expose(), "  spaces kept ");
        assert_eq!(format!("{password:?}"), "Password(…)");
    }
}
