//! The redirect URIs registered for one app.

use serde::{Deserialize, Serialize};

use super::{RedirectMismatch, RedirectUri, RedirectUriError};
use crate::bounded_list::{bounded_list_type, ListProblem};

/// Most redirect URIs one app may register. Enough for a few environments and platforms;
/// more usually means a wildcard is being emulated.
pub const MAX_REDIRECT_URIS: usize = 10;

/// Why a list of redirect URIs was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RedirectUrisError {
    #[error("Add at least one redirect URL.")]
    Empty,
    #[error("An app may have at most 10 redirect URLs.")]
    TooMany,
    /// The item at `index` repeats an earlier one.
    #[error("This redirect URL is already in the list.")]
    Duplicate { index: usize },
    /// The item at `index` is not an acceptable redirect URI.
    #[error("{error}")]
    Invalid {
        index: usize,
        error: RedirectUriError,
    },
}

impl RedirectUrisError {
    /// The position of the offending item, when the problem is about one item.
    pub fn index(&self) -> Option<usize> {
        match self {
            RedirectUrisError::Duplicate { index } | RedirectUrisError::Invalid { index, .. } => {
                Some(*index)
            }
            RedirectUrisError::Empty | RedirectUrisError::TooMany => None,
        }
    }
}

/// One to ten distinct redirect URIs (so `is_empty` is always `false`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>", into = "Vec<String>")]
pub struct RedirectUris(Vec<RedirectUri>);

impl RedirectUris {
    /// A list of already valid redirect URIs, checked for count and duplicates.
    pub fn new(uris: Vec<RedirectUri>) -> Result<RedirectUris, RedirectUrisError> {
        let raw: Vec<String> = uris.into_iter().map(String::from).collect();
        RedirectUris::try_from(raw)
    }

    /// The registered redirect URI that `presented` matches (exactly, or up to the port
    /// for loopback; see [`RedirectUri::matches`]). When none does, the diagnosis from
    /// the closest registered URI, preferring one on the same host.
    pub fn find_match(&self, presented: &str) -> Result<&RedirectUri, RedirectMismatch> {
        // An exact match wins over a loopback match on another port.
        if let Some(exact) = self.0.iter().find(|uri| uri.as_str() == presented) {
            return Ok(exact);
        }
        let mut best: Option<RedirectMismatch> = None;
        for uri in &self.0 {
            match uri.matches(presented) {
                Ok(()) => return Ok(uri),
                Err(mismatch) => {
                    if best
                        .as_ref()
                        .is_none_or(|so_far| mismatch.closeness() > so_far.closeness())
                    {
                        best = Some(mismatch);
                    }
                }
            }
        }
        Err(best.unwrap_or(RedirectMismatch::NotRegistered))
    }
}

fn to_error(problem: ListProblem<RedirectUriError>) -> RedirectUrisError {
    match problem {
        ListProblem::TooFew => RedirectUrisError::Empty,
        ListProblem::TooMany => RedirectUrisError::TooMany,
        ListProblem::Duplicate { index } => RedirectUrisError::Duplicate { index },
        ListProblem::Item { index, error } => RedirectUrisError::Invalid { index, error },
    }
}

bounded_list_type!(RedirectUris(RedirectUri): RedirectUrisError, 1..=MAX_REDIRECT_URIS);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bounded_list::test_support::{check_keyed_cases, strings, KeyedCase};

    fn list(items: &[&str]) -> RedirectUris {
        RedirectUris::try_from(strings(items)).unwrap()
    }

    #[test]
    fn list_rules_report_every_problem_with_its_field_key() {
        let eleven: Vec<String> = (0..11)
            .map(|i| format!("https://example.com/{i}"))
            .collect();
        let table: [KeyedCase; 4] = [
            (
                vec![],
                vec![("redirect_uris", "Add at least one redirect URL.")],
            ),
            (
                eleven,
                vec![("redirect_uris", "An app may have at most 10 redirect URLs.")],
            ),
            (
                strings(&["https://a.example/cb", "https://a.example/cb"]),
                vec![(
                    "redirect_uris.1",
                    "This redirect URL is already in the list.",
                )],
            ),
            (
                strings(&["https://a.example/cb", "https://a.example/#x"]),
                vec![(
                    "redirect_uris.1",
                    "Redirect URLs may not contain a fragment (the part from #).",
                )],
            ),
        ];
        check_keyed_cases(
            table,
            "redirect_uris",
            RedirectUris::parse_all,
            RedirectUrisError::field_key,
        );
    }

    #[test]
    fn ten_distinct_redirect_uris_are_accepted() {
        let ten: Vec<String> = (0..10)
            .map(|i| format!("https://example.com/{i}"))
            .collect();
        assert_eq!(RedirectUris::try_from(ten).unwrap().len(), 10);
    }

    #[test]
    fn find_match_prefers_an_exact_match_and_diagnoses_from_the_closest_uri() {
        let uris = list(&[
            "https://other.example/x",
            "http://127.0.0.1:8080/cb",
            "http://127.0.0.1:9090/cb",
            "https://app.example/cb",
        ]);
        assert_eq!(
            uris.find_match("http://127.0.0.1:9090/cb")
                .unwrap()
                .as_str(),
            "http://127.0.0.1:9090/cb"
        );
        assert_eq!(
            uris.find_match("http://127.0.0.1:1234/cb")
                .unwrap()
                .as_str(),
            "http://127.0.0.1:8080/cb"
        );
        let table = [
            ("https://app.example/cb/", RedirectMismatch::TrailingSlash),
            ("https://app.example/other", RedirectMismatch::Path),
            ("https://elsewhere.example/x", RedirectMismatch::Host),
            (
                "https://elsewhere.example/y",
                RedirectMismatch::NotRegistered,
            ),
            (
                "ftp://x",
                RedirectMismatch::Invalid(
                    "The ftp: scheme cannot be used for redirect URLs.".into(),
                ),
            ),
        ];
        for (presented, expected) in table {
            assert_eq!(uris.find_match(presented), Err(expected), "{presented}");
        }
    }

    #[test]
    fn redirect_uri_lists_serialise_as_arrays_of_strings() {
        let uris = list(&["https://a.example/cb", "com.example.app:/cb"]);
        let json = serde_json::to_string(&uris).unwrap();
        assert_eq!(json, r#"["https://a.example/cb","com.example.app:/cb"]"#);
        assert_eq!(serde_json::from_str::<RedirectUris>(&json).unwrap(), uris);
        assert!(serde_json::from_str::<RedirectUris>("[]").is_err());
    }
}
