//! [`Binding`]: which APIs a token, an authorization code or a device request is bound to, as
//! stored. By API id (`builtin`, `api_…`), not by identifier: an id survives a change of the
//! server's public URL (the built-in API's identifier is made from it, and `db copy` moves an
//! instance to a new address) and is never given to another API, so tokens of a deleted API
//! can never open one registered later under the same identifier.

/// API ids in order, without repeats; stored separated by single spaces. Empty: not bound, as
/// tokens issued before APIs existed (all for the built-in API).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Binding(Vec<String>);

impl Binding {
    pub fn of<'a>(ids: impl IntoIterator<Item = &'a str>) -> Binding {
        let mut list: Vec<String> = Vec::new();
        for id in ids {
            if !list.iter().any(|held| held == id) {
                list.push(id.to_owned());
            }
        }
        Binding(list)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.0.iter().any(|held| held == id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    pub fn to_column(&self) -> String {
        self.0.join(" ")
    }

    /// Reads the stored form back; `None` for anything that is not ids (letters, digits, `_`,
    /// `-`) separated by single spaces.
    pub fn from_column(text: &str) -> Option<Binding> {
        if text.is_empty() {
            return Some(Binding::default());
        }
        let valid = |id: &str| {
            !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        };
        let ids: Vec<&str> = text.split(' ').collect();
        ids.iter().all(|id| valid(id)).then(|| Binding::of(ids))
    }
}

/// The column as read (`FromRow`'s `try_from`).
impl TryFrom<String> for Binding {
    type Error = &'static str;

    fn try_from(text: String) -> Result<Binding, &'static str> {
        Binding::from_column(&text).ok_or("not API ids")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_read_back_what_they_write_and_nothing_else() {
        let binding = Binding::of(["builtin", "api_x-1", "builtin"]);
        assert_eq!(binding.to_column(), "builtin api_x-1");
        assert_eq!(Binding::from_column(&binding.to_column()), Some(binding));
        assert_eq!(Binding::from_column(""), Some(Binding::default()));
        for garbage in ["https://api.example.com", "a  b", " a", "a;b"] {
            assert_eq!(Binding::from_column(garbage), None, "{garbage:?}");
        }
    }
}
