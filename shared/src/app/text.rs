//! The app's name and description, shown to people on the consent screen.

use crate::text_newtype::text_newtype;

use crate::hidden_chars::is_direction_control;
use crate::shown_name::shown_name;

shown_name! {
    /// The name people see when an app asks for access: 3 to 64 characters once surrounding
    /// spaces are trimmed, on one line, with nothing invisible in it (see `hidden_chars`), so it
    /// reads on the consent screen as exactly what it is.
    #[derive(PartialOrd, Ord)]
    pub struct AppName(3..=64) refused as AppNameError {
        what: "App names",
        empty: "Enter a name for the app.",
        invisible_hint: "; type the name as people should see it",
    }
}

/// Why a description was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DescriptionError {
    #[error("Descriptions may be at most 500 characters long.")]
    TooLong,
    #[error("Descriptions may not contain control characters or text-direction overrides.")]
    ControlCharacter,
}

text_newtype! {
    /// What the app does, in at most 500 characters (trimmed); may be empty. Line breaks
    /// and tabs are allowed, other control characters are not.
    #[derive(Default)]
    pub struct Description: DescriptionError, checked by description_rule;
}

impl Description {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// `Description`'s rule: the text as kept, or why it is refused.
fn description_rule(text: String) -> Result<String, DescriptionError> {
    let trimmed = text.trim();
    let forbidden =
        |c: char| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || is_direction_control(c);
    if trimmed.chars().any(forbidden) {
        return Err(DescriptionError::ControlCharacter);
    }
    if trimmed.chars().count() > 500 {
        return Err(DescriptionError::TooLong);
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text_newtype::check_text_cases;

    #[test]
    fn app_names_are_trimmed_and_counted_in_characters() {
        let sixty_four_emoji = "🦀".repeat(64);
        let table: Vec<(String, Result<&str, AppNameError>)> = vec![
            ("Photo Sync".into(), Ok("Photo Sync")),
            ("  Abc  ".into(), Ok("Abc")),
            ("Ünï".into(), Ok("Ünï")),
            (sixty_four_emoji.clone(), Ok(sixty_four_emoji.as_str())),
            ("".into(), Err(AppNameError::Empty)),
            ("   ".into(), Err(AppNameError::Empty)),
            (" ab ".into(), Err(AppNameError::TooShort)),
            ("a".repeat(65), Err(AppNameError::TooLong)),
            ("Two\nlines".into(), Err(AppNameError::ControlCharacter)),
            ("Bell\u{7}".into(), Err(AppNameError::ControlCharacter)),
            (
                "Evil\u{202E}ppA".into(),
                Err(AppNameError::DirectionControl("U+202E".into())),
            ),
            (
                "Goo\u{200D}gle".into(),
                Err(AppNameError::Invisible("U+200D".into())),
            ),
            (
                "Pay\u{200B}Pal".into(),
                Err(AppNameError::Invisible("U+200B".into())),
            ),
            (
                "Left\u{200E}mark".into(),
                Err(AppNameError::DirectionControl("U+200E".into())),
            ),
            (
                "App\u{2066}isolate\u{2069}".into(),
                Err(AppNameError::DirectionControl("U+2066".into())),
            ),
            ("\u{200B}\u{200D}\u{FEFF}".into(), Err(AppNameError::Empty)),
            ("\u{3164}\u{3164}\u{3164}".into(), Err(AppNameError::Empty)),
            (
                " \u{2800}\u{2800}\u{2800} ".into(),
                Err(AppNameError::Empty),
            ),
            ("\u{202E}\u{202E}\u{202E}".into(), Err(AppNameError::Empty)),
        ];
        check_text_cases(table, AppName::as_str);
    }

    #[test]
    fn descriptions_may_be_empty_or_multi_line_up_to_500_characters() {
        let table: Vec<(String, Result<(), DescriptionError>)> = vec![
            ("".into(), Ok(())),
            ("Syncs photos.\nNightly.".into(), Ok(())),
            ("é".repeat(500), Ok(())),
            ("é".repeat(501), Err(DescriptionError::TooLong)),
            ("Null\0byte".into(), Err(DescriptionError::ControlCharacter)),
            (
                "Evil\u{202E}txt".into(),
                Err(DescriptionError::ControlCharacter),
            ),
            (
                "Mark\u{200F}".into(),
                Err(DescriptionError::ControlCharacter),
            ),
        ];
        for (input, expected) in table {
            assert_eq!(
                Description::try_from(input.clone()).map(|_| ()),
                expected,
                "{input:?}"
            );
        }
        let trimmed = Description::try_from("  Syncs photos.\n ".to_owned()).unwrap();
        assert_eq!(trimmed.as_str(), "Syncs photos.");
    }

    #[test]
    fn app_names_refuse_bad_json_with_the_rule() {
        let error = serde_json::from_str::<AppName>("\"ab\"").unwrap_err();
        assert!(
            error.to_string().contains("at least 3 characters"),
            "{error}"
        );
    }
}
