//! The origins one app's browser code may call from.

use serde::{Deserialize, Serialize};

use super::{Origin, OriginError};
use crate::bounded_list::{bounded_list_type, ListProblem};

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
}

/// Zero to ten distinct origins (compared after normalisation).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>", into = "Vec<String>")]
pub struct AllowedOrigins(Vec<Origin>);

impl AllowedOrigins {
    /// Whether a request's `Origin` header is one of these origins. Browsers send the
    /// serialised origin (RFC 6454 6.1), the same form stored here, so this is an exact
    /// comparison.
    pub fn contains(&self, origin_header: &str) -> bool {
        self.0.iter().any(|origin| origin.as_str() == origin_header)
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

bounded_list_type!(AllowedOrigins(Origin): AllowedOriginsError, 0..=MAX_ALLOWED_ORIGINS);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bounded_list::test_support::{check_keyed_cases, strings, KeyedCase};

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
        check_keyed_cases(
            table,
            "allowed_origins",
            AllowedOrigins::parse_all,
            AllowedOriginsError::field_key,
        );
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
