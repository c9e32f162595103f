//! Whole numbers that only a range allows (a token's uses, days, lifetime), written once: the
//! newtype, built only through `TryFrom<i64>` (serde's `try_from` too), its error with the
//! sentence the console shows, and the way back `into` an `i64`.

/// `bounded_number!(/// docs pub struct TokenDays(1..=90); /// docs TokenDaysError: "message")`.
macro_rules! bounded_number {
    (
        $(#[$meta:meta])*
        pub struct $type:ident($range:expr);
        $(#[$error_meta:meta])*
        $error:ident: $message:literal
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(try_from = "i64", into = "i64")]
        pub struct $type(i64);

        $(#[$error_meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
        #[error($message)]
        pub struct $error;

        impl TryFrom<i64> for $type {
            type Error = $error;

            fn try_from(number: i64) -> Result<$type, $error> {
                if ($range).contains(&number) {
                    Ok($type(number))
                } else {
                    Err($error)
                }
            }
        }

        impl From<$type> for i64 {
            fn from(number: $type) -> i64 {
                number.0
            }
        }
    };
}

pub(crate) use bounded_number;
