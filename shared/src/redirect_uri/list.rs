//! The redirect URIs registered for one app.

use serde::{Deserialize, Serialize};

use super::{RedirectMismatch, RedirectUri, RedirectUriError};
use crate::bounded_list::{parse_list, ListProblem};
use crate::field_errors::item_key;

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

    /// Where the message belongs in a form whose list field is called `field`:
    /// `field.N` for an item, `field` for the list as a whole.
    pub fn field_key(&self, field: &str) -> String {
        self.index()
            .map_or_else(|| field.to_owned(), |index| item_key(field, index))
    }
}

/// One to ten distinct redirect URIs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>", into = "Vec<String>")]
pub struct RedirectUris(Vec<RedirectUri>);

impl RedirectUris {
    /// Parses every item and checks the list, reporting every problem at once (the
    /// console shows each under its own input).
    pub fn parse_all(raw: &[String]) -> Result<RedirectUris, Vec<RedirectUrisError>> {
        parse_list(
            raw,
            1..=MAX_REDIRECT_URIS,
            |text| RedirectUri::try_from(text),
            RedirectUri::as_str,
        )
        .map(RedirectUris)
        .map_err(|problems| problems.into_iter().map(to_error).collect())
    }

    /// A list of already valid redirect URIs, checked for count and duplicates.
    pub fn new(uris: Vec<RedirectUri>) -> Result<RedirectUris, RedirectUrisError> {
        let raw: Vec<String> = uris.into_iter().map(String::from).collect();
        RedirectUris::parse_all(&raw).map_err(first)
    }

    pub fn iter(&self) -> std::slice::Iter<'_, RedirectUri> {
        self.0.iter()
    }

    pub fn as_slice(&self) -> &[RedirectUri] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always `false`: a valid list holds at least one redirect URI.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
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

fn first(mut errors: Vec<RedirectUrisError>) -> RedirectUrisError {
    errors.swap_remove(0)
}

impl TryFrom<Vec<String>> for RedirectUris {
    type Error = RedirectUrisError;

    fn try_from(raw: Vec<String>) -> Result<RedirectUris, RedirectUrisError> {
        RedirectUris::parse_all(&raw).map_err(first)
    }
}

impl From<RedirectUris> for Vec<String> {
    fn from(uris: RedirectUris) -> Vec<String> {
        uris.0.into_iter().map(String::from).collect()
    }
}

impl<'a> IntoIterator for &'a RedirectUris {
    type Item = &'a RedirectUri;
    type IntoIter = std::slice::Iter<'a, RedirectUri>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Raw list items and the (field key, message) pairs they should produce.
    type KeyedCase = (Vec<String>, Vec<(&'static str, &'static str)>);

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

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
        for (raw, expected) in table {
            let errors = RedirectUris::parse_all(&raw).unwrap_err();
            let keyed: Vec<(String, String)> = errors
                .iter()
                .map(|e| (e.field_key("redirect_uris"), e.to_string()))
                .collect();
            let expected: Vec<(String, String)> = expected
                .iter()
                .map(|(k, m)| (k.to_string(), m.to_string()))
                .collect();
            assert_eq!(keyed, expected, "{raw:?}");
        }
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
