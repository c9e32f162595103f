//! Names shown to people (app, team, passkey and person names): one rule, written once.
//!
//! Each is trimmed, on one line, with nothing invisible or direction-changing in it
//! (`hidden_chars::shown_name`), and between a least and a most characters. They differ only in
//! their bounds and in the words of their messages, so `shown_name!` makes the newtype, its
//! `TryFrom<String>`, its conversions and its error enum from those, and the four errors cannot
//! drift apart.

/// ```ignore
/// shown_name! {
///     /// The doc comment of the type.
///     #[derive(PartialOrd, Ord)]
///     pub struct TeamName(2..=64) refused as TeamNameError {
///         what: "Team names",
///         empty: "Enter a name for the team.",
///         invisible_hint: "; type the name as people should see it",
///     }
/// }
/// ```
/// With a least of 1 the error has no `TooShort`: an empty name is already `Empty`.
macro_rules! shown_name {
    (
        $(#[$meta:meta])*
        pub struct $type:ident(1..=$max:literal) refused as $error:ident {
            what: $what:literal,
            empty: $empty:literal,
            invisible_hint: $hint:literal $(,)?
        }
    ) => {
        $crate::shown_name::shown_name!(@error $error, $what, $max, $empty, $hint, {});
        $crate::shown_name::shown_name!(@type $(#[$meta])* $type, $error, length {
            if length > $max {
                return Err($error::TooLong);
            }
        });
    };
    (
        $(#[$meta:meta])*
        pub struct $type:ident($min:literal..=$max:literal) refused as $error:ident {
            what: $what:literal,
            empty: $empty:literal,
            invisible_hint: $hint:literal $(,)?
        }
    ) => {
        $crate::shown_name::shown_name!(@error $error, $what, $max, $empty, $hint, {
            #[error("{} must be at least {} characters long.", $what, $min)]
            TooShort,
        });
        $crate::shown_name::shown_name!(@type $(#[$meta])* $type, $error, length {
            if length < $min {
                return Err($error::TooShort);
            }
            if length > $max {
                return Err($error::TooLong);
            }
        });
    };
    (@error $error:ident, $what:literal, $max:literal, $empty:literal, $hint:literal, { $($too_short:tt)* }) => {
        /// Why the name was refused.
        #[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
        pub enum $error {
            #[error("{}", $empty)]
            Empty,
            $($too_short)*
            #[error("{} may be at most {} characters long.", $what, $max)]
            TooLong,
            #[error("{} may not contain line breaks or control characters.", $what)]
            ControlCharacter,
            /// The code point, as `U+200D`.
            #[error("{} may not contain invisible characters such as zero-width joiners ({}){}.", $what, .0, $hint)]
            Invisible(String),
            #[error("{} may not contain text-direction controls ({}), which make a name display as something else.", $what, .0)]
            DirectionControl(String),
        }
    };
    (@type $(#[$meta:meta])* $type:ident, $error:ident, $length:ident $bounds:block) => {
        $crate::text_newtype::text_newtype! {
            $(#[$meta])*
            pub struct $type: $error, checked by |text: String| -> Result<String, $error> {
                let (trimmed, $length) = $crate::hidden_chars::shown_name(&text)?;
                $bounds
                Ok(trimmed.to_owned())
            };
        }

        $crate::faults_into::faults_into!($crate::hidden_chars::NameFault => $error {
            Empty, ControlCharacter; Invisible, DirectionControl
        });
    };
}

pub(crate) use shown_name;

#[cfg(test)]
mod tests {
    use crate::account::DisplayNameError;
    use crate::app::AppNameError;
    use crate::passkey::PasskeyNameError;
    use crate::team::TeamNameError;

    #[test]
    fn each_kind_of_name_words_its_refusals_in_its_own_terms() {
        let cp = || "U+200D".to_owned();
        let table: Vec<(String, &str)> = vec![
            (AppNameError::Empty.to_string(), "Enter a name for the app."),
            (AppNameError::TooShort.to_string(), "App names must be at least 3 characters long."),
            (AppNameError::TooLong.to_string(), "App names may be at most 64 characters long."),
            (AppNameError::ControlCharacter.to_string(), "App names may not contain line breaks or control characters."),
            (AppNameError::Invisible(cp()).to_string(), "App names may not contain invisible characters such as zero-width joiners (U+200D); type the name as people should see it."),
            (AppNameError::DirectionControl(cp()).to_string(), "App names may not contain text-direction controls (U+200D), which make a name display as something else."),
            (TeamNameError::Empty.to_string(), "Enter a name for the team."),
            (TeamNameError::TooShort.to_string(), "Team names must be at least 2 characters long."),
            (TeamNameError::TooLong.to_string(), "Team names may be at most 64 characters long."),
            (TeamNameError::Invisible(cp()).to_string(), "Team names may not contain invisible characters such as zero-width joiners (U+200D); type the name as people should see it."),
            (PasskeyNameError::Empty.to_string(), "Enter a name for the passkey, such as the device it is on."),
            (PasskeyNameError::TooLong.to_string(), "Passkey names may be at most 64 characters long."),
            (PasskeyNameError::Invisible(cp()).to_string(), "Passkey names may not contain invisible characters such as zero-width joiners (U+200D); type the name as you want to see it."),
            (DisplayNameError::Empty.to_string(), "Enter your name."),
            (DisplayNameError::ControlCharacter.to_string(), "Names may not contain line breaks or control characters."),
            (DisplayNameError::Invisible(cp()).to_string(), "Names may not contain invisible characters such as zero-width joiners (U+200D)."),
            (DisplayNameError::DirectionControl(cp()).to_string(), "Names may not contain text-direction controls (U+200D), which make a name display as something else."),
        ];
        for (message, expected) in table {
            assert_eq!(message, expected);
        }
    }
}
