//! User codes (RFC 8628 section 6.1): eight letters from twenty consonants, shown as
//! `BCDF-GHJK`. No vowels, so no words; no digits, so nothing to confuse with letters (0/O, 1/I);
//! case and separators do not matter when typed back. 20^8 is about 2^34.6 codes, and guesses
//! are limited per address (`verification.rs`).

const ALPHABET: &[u8; 20] = b"BCDFGHJKLMNPQRSTVWXZ";
const LENGTH: usize = 8;

/// A fresh user code in its stored form (no separator).
pub fn generate() -> String {
    crate::crypto::random_code(ALPHABET, LENGTH)
}

/// As people read it: `BCDF-GHJK`.
pub fn display(code: &str) -> String {
    if code.len() == LENGTH {
        format!("{}-{}", &code[..4], &code[4..])
    } else {
        code.to_owned()
    }
}

/// What a person typed, in stored form: letters upper-cased, spaces and dashes dropped; `None`
/// when it cannot be a user code (wrong length or a character outside the alphabet).
pub fn normalise(typed: &str) -> Option<String> {
    if typed.len() > 64 {
        return None;
    }
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let valid = code.len() == LENGTH && code.bytes().all(|b| ALPHABET.contains(&b));
    valid.then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_codes_are_read_whatever_their_case_and_separators() {
        let table = [
            ("BCDF-GHJK", Some("BCDFGHJK")),
            ("bcdf ghjk", Some("BCDFGHJK")),
            (" bcdfghjk ", Some("BCDFGHJK")),
            ("BCDF-GHJ", None),
            ("BCDF-GHJA", None),
            ("BCDF-GHJ1", None),
            // A Cyrillic С that looks like a Latin C.
            ("\u{421}BDF-GHJK", None),
            ("", None),
        ];
        for (typed, expected) in table {
            assert_eq!(normalise(typed).as_deref(), expected, "{typed:?}");
        }
    }

    #[test]
    fn generated_codes_read_back_and_display_in_two_halves() {
        for _ in 0..100 {
            let code = generate();
            assert_eq!(normalise(&code).as_deref(), Some(code.as_str()));
            assert_eq!(normalise(&display(&code)).as_deref(), Some(code.as_str()));
            assert_eq!(display(&code).len(), 9);
        }
    }
}
