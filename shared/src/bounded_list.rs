//! The list rules shared by redirect URIs and allowed origins: a count range, valid items
//! and no duplicates. Each list type words the problems for its own items.

use std::collections::BTreeSet;

/// One thing wrong with a list; indexes are 0-based positions in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ListProblem<E> {
    TooFew,
    TooMany,
    Item {
        index: usize,
        error: E,
    },
    /// The item at `index` repeats an earlier one.
    Duplicate {
        index: usize,
    },
}

/// Parses every item and checks the list, reporting every problem at once.
pub(crate) fn parse_list<T, E>(
    raw: &[String],
    count: std::ops::RangeInclusive<usize>,
    parse: impl Fn(&str) -> Result<T, E>,
    key: impl Fn(&T) -> &str,
) -> Result<Vec<T>, Vec<ListProblem<E>>> {
    let mut problems = Vec::new();
    if raw.len() < *count.start() {
        problems.push(ListProblem::TooFew);
    }
    if raw.len() > *count.end() {
        problems.push(ListProblem::TooMany);
    }
    let mut items = Vec::with_capacity(raw.len());
    for (index, text) in raw.iter().enumerate() {
        match parse(text) {
            Ok(item) => items.push((index, item)),
            Err(error) => problems.push(ListProblem::Item { index, error }),
        }
    }
    let mut seen = BTreeSet::new();
    for (index, item) in &items {
        if !seen.insert(key(item)) {
            problems.push(ListProblem::Duplicate { index: *index });
        }
    }
    if problems.is_empty() {
        Ok(items.into_iter().map(|(_, item)| item).collect())
    } else {
        Err(problems)
    }
}

/// What every bounded list type has besides its own rules, for `List(Vec<Item>)` of `count`
/// items: `parse_all`, which reports every problem as `Error`s (that have an `index()`), worded
/// by the `to_error` of the list's module; reading the items, (de)serialising as a list of
/// strings (refused with the first problem), and the form field key of each problem.
macro_rules! bounded_list_type {
    ($list:ident($item:ty): $error:ident, $count:expr) => {
        impl $list {
            /// Parses every item and checks the list, reporting every problem at once (the
            /// console shows each under its own input).
            pub fn parse_all(raw: &[String]) -> Result<$list, Vec<$error>> {
                $crate::bounded_list::parse_list(
                    raw,
                    $count,
                    |text| <$item>::try_from(text),
                    <$item>::as_str,
                )
                .map($list)
                .map_err(|problems| problems.into_iter().map(to_error).collect())
            }

            pub fn iter(&self) -> std::slice::Iter<'_, $item> {
                self.0.iter()
            }

            pub fn as_slice(&self) -> &[$item] {
                &self.0
            }

            pub fn len(&self) -> usize {
                self.0.len()
            }

            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }
        }

        impl $error {
            /// Where the message belongs in a form whose list field is called `field`:
            /// `field.N` for an item, `field` for the list as a whole.
            pub fn field_key(&self, field: &str) -> String {
                self.index().map_or_else(
                    || field.to_owned(),
                    |index| $crate::field_errors::item_key(field, index),
                )
            }
        }

        impl TryFrom<Vec<String>> for $list {
            type Error = $error;

            fn try_from(raw: Vec<String>) -> Result<$list, $error> {
                $list::parse_all(&raw).map_err(|mut errors| errors.swap_remove(0))
            }
        }

        impl From<$list> for Vec<String> {
            fn from(list: $list) -> Vec<String> {
                list.0.into_iter().map(String::from).collect()
            }
        }

        impl<'a> IntoIterator for &'a $list {
            type Item = &'a $item;
            type IntoIter = std::slice::Iter<'a, $item>;

            fn into_iter(self) -> Self::IntoIter {
                self.0.iter()
            }
        }
    };
}

pub(crate) use bounded_list_type;

/// The list types' tests: each raw list and the (field key, message) pairs it should produce.
#[cfg(test)]
pub(crate) mod test_support {
    /// Raw list items and the (field key, message) pairs they should produce.
    pub(crate) type KeyedCase = (Vec<String>, Vec<(&'static str, &'static str)>);

    pub(crate) fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    /// Checks every case: the (field key in a form field `field`, message) of each problem
    /// `parse_all` finds in a raw list.
    pub(crate) fn check_keyed_cases<List: std::fmt::Debug, Error: std::fmt::Display>(
        table: impl IntoIterator<Item = KeyedCase>,
        field: &str,
        parse_all: impl Fn(&[String]) -> Result<List, Vec<Error>>,
        field_key: impl Fn(&Error, &str) -> String,
    ) {
        for (raw, expected) in table {
            let expected: Vec<(String, String)> = expected
                .iter()
                .map(|(k, m)| (k.to_string(), m.to_string()))
                .collect();
            let keyed: Vec<(String, String)> = parse_all(&raw)
                .unwrap_err()
                .iter()
                .map(|error| (field_key(error, field), error.to_string()))
                .collect();
            assert_eq!(keyed, expected, "{raw:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_digits(text: &str) -> Result<String, &'static str> {
        if text.chars().all(|c| c.is_ascii_digit()) {
            Ok(text.to_owned())
        } else {
            Err("not digits")
        }
    }

    type Outcome = Result<Vec<String>, Vec<ListProblem<&'static str>>>;

    fn check(raw: &[&str]) -> Outcome {
        let raw: Vec<String> = raw.iter().map(|s| s.to_string()).collect();
        parse_list(&raw, 1..=3, parse_digits, String::as_str)
    }

    #[test]
    fn every_problem_in_a_list_is_reported_at_once() {
        let table: [(&[&str], Outcome); 4] = [
            (&["1", "2"], Ok(vec!["1".into(), "2".into()])),
            (&[], Err(vec![ListProblem::TooFew])),
            (
                &["1", "x", "1", "2"],
                Err(vec![
                    ListProblem::TooMany,
                    ListProblem::Item {
                        index: 1,
                        error: "not digits",
                    },
                    ListProblem::Duplicate { index: 2 },
                ]),
            ),
            (
                &["7", "7", "7"],
                Err(vec![
                    ListProblem::Duplicate { index: 1 },
                    ListProblem::Duplicate { index: 2 },
                ]),
            ),
        ];
        for (raw, expected) in table {
            assert_eq!(check(raw), expected, "{raw:?}");
        }
    }
}
