//! Per-field error messages, keyed like the JSON request they are about.
//!
//! Keys are the request's JSON field names. A problem with one item of a list uses
//! `field.N` (0-based, e.g. `redirect_uris.2`); a problem with the list as a whole uses
//! the bare field name (`redirect_uris`). The console shows each message under the
//! input with that key, and the server returns the same map in `ApiError::fields`.

use std::collections::BTreeMap;
use std::fmt::Display;

/// Field key to the sentence shown under that field.
pub type FieldErrors = BTreeMap<String, String>;

/// The key of item `index` of list field `field`, e.g. `redirect_uris.2`.
pub fn item_key(field: &str, index: usize) -> String {
    format!("{field}.{index}")
}

/// Records `result`'s error under `key` (keeping the first message for a key) and
/// hands back the value, so a form's fields can all be checked before giving up.
pub fn check<T, E: Display>(
    errors: &mut FieldErrors,
    key: &str,
    result: Result<T, E>,
) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(error) => {
            errors
                .entry(key.to_owned())
                .or_insert_with(|| error.to_string());
            None
        }
    }
}

/// [`check`] for a field whose text is parsed into a `T`.
pub fn check_text<T>(errors: &mut FieldErrors, key: &str, text: &str) -> Option<T>
where
    T: TryFrom<String>,
    T::Error: Display,
{
    check(errors, key, T::try_from(text.to_owned()))
}

/// The same for a list field whose check reports every problem at once: each problem under
/// its own key, `key(problem, field)` (`redirect_uris.2` for an item, `redirect_uris` for the
/// list as a whole).
pub fn check_list<T, E: Display>(
    errors: &mut FieldErrors,
    field: &str,
    result: Result<T, Vec<E>>,
    key: impl Fn(&E, &str) -> String,
) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(problems) => {
            for problem in problems {
                errors
                    .entry(key(&problem, field))
                    .or_insert_with(|| problem.to_string());
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_keys_are_the_field_name_and_a_zero_based_index() {
        assert_eq!(item_key("redirect_uris", 2), "redirect_uris.2");
    }

    #[test]
    fn check_keeps_the_value_or_records_the_first_message() {
        let mut errors = FieldErrors::new();
        assert_eq!(check::<_, String>(&mut errors, "name", Ok(3)), Some(3));
        assert_eq!(check::<i32, _>(&mut errors, "name", Err("First.")), None);
        assert_eq!(check::<i32, _>(&mut errors, "name", Err("Second.")), None);
        assert_eq!(errors.get("name").map(String::as_str), Some("First."));
    }
}
