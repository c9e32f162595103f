//! What each fuzz target (`tests/fuzz/fuzz_targets/`) asserts about one input, beyond "no
//! panic": a value that parsed serialises and parses again to itself, a redirect URI matches
//! itself, write implies read, a request that parsed carries exactly the parameters it was sent.
//! Each `check` panics when a property fails. The regression tests feed every kept input
//! (`tests/fuzz/regressions/<target>/`) through the same function.

pub mod app_draft;
pub mod authorize_request;
pub mod icon;
pub mod origin;
pub mod redirect_uri;
pub mod scope;
pub mod token_request;

/// A target's check of one input: it panics when a property fails.
pub type Check = fn(&[u8]);

/// Every target by name (its folder under `regressions/`), with its check.
pub const TARGETS: [(&str, Check); 7] = [
    ("app_draft", app_draft::check),
    ("authorize_request", authorize_request::check),
    ("icon", icon::check),
    ("origin", origin::check),
    ("redirect_uri", redirect_uri::check),
    ("scope", scope::check),
    ("token_request", token_request::check),
];

/// A JSON value read back from its own serialisation; panics unless it is the same value.
pub(crate) fn assert_json_round_trip<T>(value: &T)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(value).expect("a parsed value serialises");
    let again: T = serde_json::from_str(&json)
        .unwrap_or_else(|err| panic!("{json} does not deserialise again: {err}"));
    assert_eq!(&again, value, "{json} deserialised to another value");
}
