//! [`Resource`]: the name part of a `NAME:read` / `NAME:write` scope, for the built-in API's
//! resources and for those of APIs developers register.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{BuiltIn, IdentityScope};

/// The longest resource name, so a scope string stays readable on the consent screen.
pub const MAX_RESOURCE_CHARS: usize = 40;

/// Why a resource name was refused; each message says what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResourceError {
    #[error("Enter a resource name, like calendar.")]
    Empty,
    #[error("Resource names may be at most 40 characters long.")]
    TooLong,
    /// Look-alike letters (Cyrillic `а` for Latin `a`) would make two scopes that read the
    /// same on the consent screen, so names are plain ASCII.
    #[error("Resource names may contain only lowercase letters a-z, digits, '.', '-' and '_'; \"{0}\" is not allowed.")]
    Character(char),
    #[error("Resource names start with a lowercase letter.")]
    Start,
    #[error("Resource names may not end with '.', '-' or '_'.")]
    End,
    /// `openid:read` would read as the identity scope on the consent screen.
    #[error("\"{0}\" is an OpenID Connect scope; choose another name.")]
    Identity(String),
}

/// A validated resource name: 1 to 40 of `a-z 0-9 . - _`, starting with a letter. The
/// built-in API's resources ([`BuiltIn`]) are resources too and sort first, in their catalogue
/// order; the rest sort by name, so canonical scope strings are stable.
///
/// Every token request parses scopes and every token look-up decodes them, so a built-in name
/// borrows its static text (no allocation) and the sort rank is computed once, at parsing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Resource {
    name: Cow<'static, str>,
    /// The position in [`BuiltIn::ALL`], or `OTHER` (a function of `name`).
    rank: u8,
}

const OTHER: u8 = u8::MAX;

impl Resource {
    pub fn as_str(&self) -> &str {
        &self.name
    }

    /// The built-in resource this is, if it is one.
    pub fn built_in(&self) -> Option<BuiltIn> {
        BuiltIn::ALL.get(usize::from(self.rank)).copied()
    }

    fn checked(name: &str) -> Result<Resource, ResourceError> {
        if let Some(rank) = BuiltIn::ALL.iter().position(|b| b.as_str() == name) {
            return Ok(BuiltIn::ALL[rank].into());
        }
        validate(name)?;
        Ok(Resource {
            name: Cow::Owned(name.to_owned()),
            rank: OTHER,
        })
    }
}

fn validate(name: &str) -> Result<(), ResourceError> {
    let first = name.chars().next().ok_or(ResourceError::Empty)?;
    if name.chars().count() > MAX_RESOURCE_CHARS {
        return Err(ResourceError::TooLong);
    }
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c);
    if let Some(bad) = name.chars().find(|c| !allowed(*c)) {
        return Err(ResourceError::Character(bad));
    }
    if !first.is_ascii_lowercase() {
        return Err(ResourceError::Start);
    }
    if name.ends_with(['.', '-', '_']) {
        return Err(ResourceError::End);
    }
    if IdentityScope::from_name(name).is_some() {
        return Err(ResourceError::Identity(name.to_owned()));
    }
    Ok(())
}

impl TryFrom<&str> for Resource {
    type Error = ResourceError;

    fn try_from(name: &str) -> Result<Resource, ResourceError> {
        Resource::checked(name)
    }
}

impl TryFrom<String> for Resource {
    type Error = ResourceError;

    fn try_from(name: String) -> Result<Resource, ResourceError> {
        Resource::checked(&name)
    }
}

impl From<BuiltIn> for Resource {
    fn from(built_in: BuiltIn) -> Resource {
        let rank = BuiltIn::ALL
            .iter()
            .position(|b| *b == built_in)
            .unwrap_or(usize::from(OTHER));
        Resource {
            name: Cow::Borrowed(built_in.as_str()),
            rank: rank as u8,
        }
    }
}

impl From<&Resource> for Resource {
    fn from(resource: &Resource) -> Resource {
        resource.clone()
    }
}

impl From<Resource> for String {
    fn from(resource: Resource) -> String {
        resource.name.into_owned()
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl Ord for Resource {
    fn cmp(&self, other: &Resource) -> Ordering {
        (self.rank, &*self.name).cmp(&(other.rank, &*other.name))
    }
}

impl PartialOrd for Resource {
    fn partial_cmp(&self, other: &Resource) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_names_are_checked_with_a_reason() {
        let long = "a".repeat(41);
        let table: [(&str, Result<(), ResourceError>); 12] = [
            ("calendar", Ok(())),
            ("calendar.events", Ok(())),
            ("a1-b_c", Ok(())),
            (&long, Err(ResourceError::TooLong)),
            ("", Err(ResourceError::Empty)),
            ("Calendar", Err(ResourceError::Character('C'))),
            // Cyrillic а, which looks like a Latin a.
            ("cаlendar", Err(ResourceError::Character('а'))),
            ("cal:endar", Err(ResourceError::Character(':'))),
            ("cal endar", Err(ResourceError::Character(' '))),
            ("1calendar", Err(ResourceError::Start)),
            ("calendar.", Err(ResourceError::End)),
            ("openid", Err(ResourceError::Identity("openid".into()))),
        ];
        for (name, expected) in table {
            assert_eq!(Resource::try_from(name).map(|_| ()), expected, "{name:?}");
        }
    }

    #[test]
    fn built_in_resources_sort_first_in_catalogue_order_then_the_rest_by_name() {
        let mut names: Vec<Resource> = ["zoo", "rooms", "accounts", "alpha", "accounts.self"]
            .into_iter()
            .map(|name| Resource::try_from(name).unwrap())
            .collect();
        names.sort();
        let sorted: Vec<&str> = names.iter().map(Resource::as_str).collect();
        assert_eq!(
            sorted,
            ["accounts.self", "accounts", "rooms", "alpha", "zoo"]
        );
    }

    #[test]
    fn every_built_in_resource_is_a_valid_resource_name() {
        for built_in in BuiltIn::ALL {
            let resource = Resource::try_from(built_in.as_str()).unwrap();
            assert_eq!(resource.built_in(), Some(built_in));
        }
    }
}
