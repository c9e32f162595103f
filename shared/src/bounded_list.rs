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
