//! New passwords must not be easy to guess. NIST SP 800-63B section 5.1.1.2 asks for new
//! passwords to be checked against lists of common, expected or compromised values; zxcvbn
//! estimates the guesses an attacker needs from such lists (common passwords, words, names,
//! keyboard patterns, sequences, repeats, dates), including the person's own email and name.
//!
//! The shared crate's length rule (12 characters) stays the rule the console checks as you
//! type; this check runs on the server only, so its dictionaries stay out of the wasm.

use shared::account::{DisplayName, Email, Password};
use zxcvbn::Score;

/// Scores below this are refused: zxcvbn rates 0 to 2 (at most about 10^8 guesses) as too
/// weak and advises "any score less than 3 should be considered too weak".
const MINIMUM: Score = Score::Three;

/// `Err` with a sentence for the password field when the password is too easy to guess.
pub fn check(password: &Password, email: &Email, name: &DisplayName) -> Result<(), String> {
    // The whole values and each of their words: `adalovelace2024` is two words of the name
    // and a year.
    let mut inputs = vec![email.as_str(), name.as_str(), "clientele"];
    for text in [email.as_str(), name.as_str()] {
        inputs.extend(
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|word| word.chars().count() >= 3),
        );
    }
    let estimate = zxcvbn::zxcvbn(password.expose(), &inputs);
    if estimate.score() >= MINIMUM {
        return Ok(());
    }
    let mut message = String::from("This password is too easy to guess.");
    if let Some(feedback) = estimate.feedback() {
        if let Some(warning) = feedback.warning() {
            message.push(' ');
            message.push_str(&warning.to_string());
        }
        for suggestion in feedback.suggestions() {
            message.push(' ');
            message.push_str(&suggestion.to_string());
        }
    }
    if estimate
        .feedback()
        .is_none_or(|f| f.suggestions().is_empty())
    {
        message.push_str(" Add more words or characters that are not a common pattern.");
    }
    Err(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn password(text: &str) -> Password {
        Password::try_from(text.to_owned()).unwrap()
    }

    #[test]
    fn common_patterns_are_refused_and_long_unusual_passphrases_pass() {
        let email = Email::try_from("ada@example.com".to_owned()).unwrap();
        let name = DisplayName::try_from("Ada Lovelace".to_owned()).unwrap();
        let table = [
            ("password1234", false),
            ("123456789012", false),
            ("            ", false),
            ("qwertyuiopas", false),
            ("aaaaaaaaaaaaaaaa", false),
            ("ada@example.com1", false),
            ("ada lovelace", false),
            ("correct horse battery staple", true),
            ("velvet kiosk drizzle 47 otter", true),
        ];
        for (text, accepted) in table {
            let result = check(&password(text), &email, &name);
            assert_eq!(result.is_ok(), accepted, "{text:?}: {result:?}");
            if let Err(message) = result {
                assert!(
                    message.starts_with("This password is too easy to guess."),
                    "{message}"
                );
            }
        }
    }
}
