//! Characters that change how a name looks, or whether it looks like anything, without being
//! seen themselves.
//!
//! On a consent screen a name is a claim of identity: `Goo\u{200D}gle` shows as "Google",
//! U+202E turns the rest of a name around, and a name of Hangul fillers shows as nothing at
//! all. Unicode Technical Standard #39 (section 3.1, identifier profile) excludes format
//! characters (general category Cf) and default-ignorable code points from identifiers; names
//! shown to people follow the same rule here.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// A character refused in a name, with the kind of trouble it causes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hidden {
    /// Reorders text on screen (Unicode Bidirectional Algorithm, UAX #9, section 2).
    DirectionControl(char),
    /// Takes no space or shows nothing: format characters, fillers, variation selectors.
    Invisible(char),
}

/// The explicit directional formatting characters of UAX #9 section 2 (embeddings, overrides,
/// isolates) and the implicit marks (LRM, RLM, ALM).
pub(crate) fn is_direction_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Invisible: every format character (Cf: zero-width space and joiners, word joiner, soft
/// hyphen, byte order mark, tags…) and the default-ignorable or blank-looking letters and
/// marks that are not Cf (Hangul fillers, combining grapheme joiner, Khmer inherent vowels,
/// Mongolian free variation selectors, variation selectors, braille blank).
pub(crate) fn is_invisible(c: char) -> bool {
    c.general_category() == GeneralCategory::Format
        || matches!(
            c,
            '\u{034F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FFA0}'
                | '\u{E0100}'..='\u{E01EF}'
        )
}

/// The first hidden character of `text`, if any.
pub(crate) fn first_hidden(text: &str) -> Option<Hidden> {
    text.chars().find_map(|c| {
        if is_direction_control(c) {
            Some(Hidden::DirectionControl(c))
        } else if is_invisible(c) {
            Some(Hidden::Invisible(c))
        } else {
            None
        }
    })
}

/// Whether nothing would be seen: every character is white space or hidden.
pub(crate) fn shows_nothing(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || is_direction_control(c) || is_invisible(c))
}

/// Why a name shown to people was refused, before its length is looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NameFault {
    /// Nothing would be seen.
    Empty,
    /// A line break or another control character.
    ControlCharacter,
    /// The code point, as `U+200D`.
    Invisible(String),
    DirectionControl(String),
}

/// The name trimmed, with its length in characters, when it shows as exactly what it is: on
/// one line, with nothing hidden in it.
pub(crate) fn shown_name(text: &str) -> Result<(&str, usize), NameFault> {
    let trimmed = text.trim();
    if shows_nothing(trimmed) {
        return Err(NameFault::Empty);
    }
    if trimmed.chars().any(char::is_control) {
        return Err(NameFault::ControlCharacter);
    }
    match first_hidden(trimmed) {
        Some(Hidden::Invisible(c)) => Err(NameFault::Invisible(code_point(c))),
        Some(Hidden::DirectionControl(c)) => Err(NameFault::DirectionControl(code_point(c))),
        None => Ok((trimmed, trimmed.chars().count())),
    }
}

/// `U+200D`, the way the messages name a character that cannot be shown.
pub(crate) fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_found_and_visible_ones_are_not() {
        let table = [
            ("Goo\u{200D}gle", Some(Hidden::Invisible('\u{200D}'))),
            ("Zero\u{200B}width", Some(Hidden::Invisible('\u{200B}'))),
            ("soft\u{00AD}hyphen", Some(Hidden::Invisible('\u{00AD}'))),
            ("\u{FEFF}bom", Some(Hidden::Invisible('\u{FEFF}'))),
            ("filler\u{3164}", Some(Hidden::Invisible('\u{3164}'))),
            ("tag\u{E0041}", Some(Hidden::Invisible('\u{E0041}'))),
            ("var\u{FE0F}", Some(Hidden::Invisible('\u{FE0F}'))),
            (
                "Evil\u{202E}ppA",
                Some(Hidden::DirectionControl('\u{202E}')),
            ),
            (
                "iso\u{2067}late",
                Some(Hidden::DirectionControl('\u{2067}')),
            ),
            ("mark\u{200F}", Some(Hidden::DirectionControl('\u{200F}'))),
            ("Photo Sync", None),
            ("Ünïcødé 李 🦀", None),
            ("שלום", None),
        ];
        for (text, expected) in table {
            assert_eq!(first_hidden(text), expected, "{text:?}");
        }
    }

    #[test]
    fn text_of_only_spaces_and_hidden_characters_shows_nothing() {
        for text in [
            "\u{200B}\u{200D}",
            "\u{3164}\u{3164}\u{3164}",
            " \u{2800} ",
            "\u{202E}",
        ] {
            assert!(shows_nothing(text), "{text:?}");
        }
        assert!(!shows_nothing("\u{200B}a"));
    }
}
