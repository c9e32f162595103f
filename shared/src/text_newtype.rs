//! The conversions every validated text newtype shares, written once: `FromStr` through the
//! type's own `TryFrom<String>` (so parsing and deserialising apply the same rules), the way
//! back `into` a `String`, and `as_str` and `Display` as the text itself. Secrets leave those two
//! out.

/// `text_conversions!(Email(0): EmailError)` for a newtype whose text is in field `0`;
/// `text_conversions!(Password(0): PasswordError, secret)` without `as_str` and `Display`.
macro_rules! text_conversions {
    ($type:ident($field:tt): $error:ty) => {
        $crate::text_newtype::text_conversions!($type($field): $error, secret);

        impl $type {
            /// The text, as checked (and normalised, for the types that normalise).
            pub fn as_str(&self) -> &str {
                &self.$field
            }
        }

        impl ::std::fmt::Display for $type {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.$field)
            }
        }
    };
    ($type:ident($field:tt): $error:ty, secret) => {
        impl ::std::str::FromStr for $type {
            type Err = $error;

            fn from_str(text: &str) -> Result<$type, $error> {
                $type::try_from(text.to_owned())
            }
        }

        impl From<$type> for String {
            fn from(value: $type) -> String {
                value.$field
            }
        }
    };
}

pub(crate) use text_conversions;

/// Declares a text newtype the one way they all are: a `String` inside, built only by its
/// `TryFrom<String>`, which applies `rule` (the text as kept, or why it was refused); serde only
/// through that `TryFrom` (so a request body is checked by the same rule as a form); and
/// `text_conversions!`. A `secret` has no derived `Debug` (it writes a redacted one) and no
/// `Hash`, `as_str` or `Display`. Further derives go before `pub struct`.
macro_rules! text_newtype {
    ($(#[$meta:meta])* pub struct $type:ident: $error:ty, checked by $rule:expr;) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $type(String);

        $crate::text_newtype::text_newtype!(@try_from $type, $error, $rule);
        $crate::text_newtype::text_conversions!($type(0): $error);
    };
    ($(#[$meta:meta])* pub struct $type:ident: $error:ty, checked by $rule:expr, secret;) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $type(String);

        $crate::text_newtype::text_newtype!(@try_from $type, $error, $rule);
        $crate::text_newtype::text_conversions!($type(0): $error, secret);
    };
    (@try_from $type:ident, $error:ty, $rule:expr) => {
        impl TryFrom<String> for $type {
            type Error = $error;

            fn try_from(text: String) -> Result<$type, $error> {
                ($rule)(text).map($type)
            }
        }
    };
}

pub(crate) use text_newtype;

/// The text types' tests: each input with the text it is kept as, or the error that refuses it.
#[cfg(test)]
pub(crate) fn check_text_cases<'a, T, I>(
    table: impl IntoIterator<Item = (I, Result<&'a str, T::Error>)>,
    as_str: fn(&T) -> &str,
) where
    T: TryFrom<String>,
    T::Error: PartialEq + std::fmt::Debug,
    I: AsRef<str> + std::fmt::Debug,
{
    for (input, expected) in table {
        let result = T::try_from(input.as_ref().to_owned());
        assert_eq!(
            result.as_ref().map(as_str),
            expected.as_ref().copied(),
            "{input:?}"
        );
    }
}
