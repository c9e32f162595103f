//! `Debug` for values that hold a secret (a password, a one-time code, a request carrying
//! one): the type's name and nothing of its content, so a secret cannot reach a log through
//! `{:?}` or a panic message.

/// `redacted_debug!(tuple: TotpCode, RecoveryCode)` writes `TotpCode(…)`;
/// `redacted_debug!(fields: TotpSetup)` writes `TotpSetup { … }`.
macro_rules! redacted_debug {
    (tuple: $($type:ident),+ $(,)?) => {
        $($crate::redacted::redacted_debug!(@one $type, "(…)");)+
    };
    (fields: $($type:ident),+ $(,)?) => {
        $($crate::redacted::redacted_debug!(@one $type, " { … }");)+
    };
    (@one $type:ident, $shape:literal) => {
        impl ::std::fmt::Debug for $type {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(concat!(stringify!($type), $shape))
            }
        }
    };
}

pub(crate) use redacted_debug;
