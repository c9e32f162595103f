//! The origins one app's browser code may call from.

use serde::{Deserialize, Serialize};

use super::{Origin, OriginError};
use crate::bounded_list::{parse_list, ListProblem};
use crate::field_errors::item_key;

/// Most origins one app may allow.
pub const MAX_ALLOWED_ORIGINS: usize = 10;

/// Why a list of origins was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AllowedOriginsError {
    #[error("An app may allow at most 10 origins.")]
    TooMany,
    /// The item at `index` is the same origin as an earlier one once normalised.
    #[error("This origin is already in the list.")]
    Duplicate { index: usize },
    #[error("{error}")]
    Invalid { index: usize, error: OriginError },
}

impl AllowedOriginsError {
    /// The position of the offending item, when the problem is about one item.
    pub fn index(&self) -> Option<usize> {
        match self {
            AllowedOriginsError::Duplicate { index }
            | AllowedOriginsError::Invalid { index, .. } => Some(*index),
            AllowedOriginsError::TooMany => None,
        }
    }

    /// `field.N` for a problem with one item, `field` for the list as a whole.
    pub fn field_key(&self, field: &str) -> String {
        self.index()
            .map_or_else(|| field.to_owned(), |index| item_key(field, index))
    }
}

/// Zero to ten distinct origins (compared after normalisation).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>", into = "Vec<String>")]
pub struct AllowedOrigins(Vec<Origin>);

impl AllowedOrigins {
    /// Parses every item and checks the list, reporting every problem at once.
    pub fn parse_all(raw: &[String]) -> Result<AllowedOrigins, Vec<AllowedOriginsError>> {
        parse_list(
            raw,
            0..=MAX_ALLOWED_ORIGINS,
            |text| Origin::try_from(text),
            Origin::as_str,
        )
        .map(AllowedOrigins)
        .map_err(|problems| problems.into_iter().map(to_error).collect())
    }

    /// Whether a request's `Origin` header is one of these origins. Browsers send the
    /// serialised origin (RFC 6454 6.1), the same form stored here, so this is an exact
    /// comparison.
    pub fn contains(&self, origin_header: &str) -> bool {
        self.0.iter().any(|origin| origin.as_str() == origin_header)
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Origin> {
        self.0.iter()
    }

    pub fn as_slice(&self) -> &[Origin] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn to_error(problem: ListProblem<OriginError>) -> AllowedOriginsError {
    match problem {
        // The lower bound is zero, so a list is never too short.
        ListProblem::TooFew | ListProblem::TooMany => AllowedOriginsError::TooMany,
        ListProblem::Duplicate { index } => AllowedOriginsError::Duplicate { index },
        ListProblem::Item { index, error } => AllowedOriginsError::Invalid { index, error },
    }
}

impl TryFrom<Vec<String>> for AllowedOrigins {
    type Error = AllowedOriginsError;

    fn try_from(raw: Vec<String>) -> Result<AllowedOrigins, AllowedOriginsError> {
        AllowedOrigins::parse_all(&raw).map_err(|mut errors| errors.swap_remove(0))
    }
}

impl From<AllowedOrigins> for Vec<String> {
    fn from(origins: AllowedOrigins) -> Vec<String> {
        origins.0.into_iter().map(String::from).collect()
    }
}

impl<'a> IntoIterator for &'a AllowedOrigins {
    type Item = &'a Origin;
    type IntoIter = std::slice::Iter<'a, Origin>;

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

    #[test]
    fn an_empty_list_of_origins_is_fine() {
        assert!(AllowedOrigins::try_from(Vec::new()).unwrap().is_empty());
    }

    #[test]
    fn origin_lists_report_every_problem_with_its_field_key() {
        let eleven: Vec<String> = (0..11).map(|i| format!("https://app{i}.example")).collect();
        let table: [KeyedCase; 3] = [
            (
                eleven,
                vec![("allowed_origins", "An app may allow at most 10 origins.")],
            ),
            (
                strings(&["https://app.example", "HTTPS://APP.example/"]),
                vec![("allowed_origins.1", "This origin is already in the list.")],
            ),
            (
                strings(&["http://app.example", "https://ok.example"]),
                vec![(
                    "allowed_origins.0",
                    "Origins must use https, except http on 127.0.0.1, [::1] or localhost.",
                )],
            ),
        ];
        for (raw, expected) in table {
            let errors = AllowedOrigins::parse_all(&raw).unwrap_err();
            let keyed: Vec<(String, String)> = errors
                .iter()
                .map(|e| (e.field_key("allowed_origins"), e.to_string()))
                .collect();
            let expected: Vec<(String, String)> = expected
                .iter()
                .map(|(k, m)| (k.to_string(), m.to_string()))
                .collect();
            assert_eq!(keyed, expected, "{raw:?}");
        }
    }

    #[test]
    fn contains_compares_the_origin_header_exactly_with_the_normalised_form() {
        let origins =
            AllowedOrigins::try_from(strings(&["https://App.example/", "http://localhost:3000"]))
                .unwrap();
        let table = [
            ("https://app.example", true),
            ("http://localhost:3000", true),
            ("https://app.example/", false),
            ("http://app.example", false),
            ("http://localhost:3001", false),
            ("null", false),
        ];
        for (header, expected) in table {
            assert_eq!(origins.contains(header), expected, "{header}");
        }
    }
}
