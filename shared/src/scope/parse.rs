//! Reading the space-separated OAuth form (RFC 6749 3.3) into a [`ScopeSet`].

use std::collections::BTreeSet;
use std::str::FromStr;

#[cfg(test)]
use super::BuiltIn;
use super::{Access, IdentityScope, Resource, ScopeSet};

/// Why a scope string was refused. The message names the offending token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScopeError {
    /// Two spaces in a row, or a leading or trailing space: RFC 6749 3.3 separates
    /// tokens with exactly one space.
    #[error("Scopes are separated by single spaces; remove the extra space.")]
    EmptyToken,
    /// A character outside RFC 6749 3.3's scope-token grammar
    /// (`%x21 / %x23-5B / %x5D-7E`: printable ASCII except space, `"` and `\`).
    #[error("The scope \"{token}\" contains {}, which scopes may not contain.", shown(*.character))]
    InvalidCharacter { token: String, character: char },
    /// A resource named without `:read` or `:write`.
    #[error("The scope \"{name}\" needs an access level: use {name}:read or {name}:write.", name = .0.as_str())]
    MissingAccess(Resource),
    /// A token that is not an identity scope nor `NAME:read`/`NAME:write` with a valid
    /// resource name. (Whether a well-formed one is offered is the server's catalogue's call,
    /// with the same message.)
    #[error("\"{0}\" is not a scope this server offers.")]
    Unknown(String),
    /// The same token twice.
    #[error("The scope \"{0}\" is listed twice.")]
    Duplicate(String),
}

/// A character as a sentence can show it: quoted when visible, as its code point when it
/// is blank or invisible.
fn shown(character: char) -> String {
    if character.is_whitespace() || character.is_control() {
        format!("U+{:04X}", u32::from(character))
    } else {
        format!("'{character}'")
    }
}

/// RFC 6749 3.3: `scope-token = 1*( %x21 / %x23-5B / %x5D-7E )`.
fn is_scope_token_char(c: char) -> bool {
    matches!(c, '\x21' | '\x23'..='\x5B' | '\x5D'..='\x7E')
}

enum Token {
    Resource(Resource, Access),
    Identity(IdentityScope),
}

fn parse_token(token: &str) -> Result<Token, ScopeError> {
    if token.is_empty() {
        return Err(ScopeError::EmptyToken);
    }
    if let Some(character) = token.chars().find(|c| !is_scope_token_char(*c)) {
        return Err(ScopeError::InvalidCharacter {
            token: token.to_owned(),
            character,
        });
    }
    if let Some(scope) = IdentityScope::from_name(token) {
        return Ok(Token::Identity(scope));
    }
    if let Ok(resource) = Resource::try_from(token) {
        return Err(ScopeError::MissingAccess(resource));
    }
    let (name, level) = token
        .rsplit_once(':')
        .ok_or_else(|| ScopeError::Unknown(token.to_owned()))?;
    let access = match level {
        "read" => Access::Read,
        "write" => Access::ReadWrite,
        _ => return Err(ScopeError::Unknown(token.to_owned())),
    };
    Resource::try_from(name)
        .map(|resource| Token::Resource(resource, access))
        .map_err(|_| ScopeError::Unknown(token.to_owned()))
}

fn parse(text: &str) -> Result<ScopeSet, ScopeError> {
    let mut scopes = ScopeSet::empty();
    // An empty string is the empty set; the authorization endpoint decides separately
    // what a missing `scope` parameter means.
    if text.is_empty() {
        return Ok(scopes);
    }
    let mut seen = BTreeSet::new();
    for token in text.split(' ') {
        match parse_token(token)? {
            Token::Identity(scope) => scopes.set_identity(scope, true),
            // Write implies read, so `x:read x:write` and `x:write` alone mean the same.
            Token::Resource(resource, access) => {
                let level = scopes
                    .access(&resource)
                    .map_or(access, |held| held.max(access));
                scopes.set_access(resource, Some(level));
            }
        }
        if !seen.insert(token) {
            return Err(ScopeError::Duplicate(token.to_owned()));
        }
    }
    Ok(scopes)
}

impl FromStr for ScopeSet {
    type Err = ScopeError;

    fn from_str(text: &str) -> Result<ScopeSet, ScopeError> {
        parse(text)
    }
}

impl TryFrom<&str> for ScopeSet {
    type Error = ScopeError;

    fn try_from(text: &str) -> Result<ScopeSet, ScopeError> {
        parse(text)
    }
}

impl TryFrom<String> for ScopeSet {
    type Error = ScopeError;

    fn try_from(text: String) -> Result<ScopeSet, ScopeError> {
        parse(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_scope_strings_parse_to_their_canonical_form() {
        let table = [
            ("", ""),
            ("openid", "openid"),
            ("files:write", "files:read files:write"),
            ("files:read files:write", "files:read files:write"),
            ("files:write files:read", "files:read files:write"),
            (
                "email openid accounts.self:read",
                "accounts.self:read openid email",
            ),
            (
                "rooms:read accounts:write profile",
                "accounts:read accounts:write rooms:read profile",
            ),
        ];
        for (input, canonical) in table {
            let scopes: ScopeSet = input.parse().unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert_eq!(scopes.to_canonical_string(), canonical, "{input:?}");
        }
    }

    #[test]
    fn files_write_alone_means_read_write_on_files() {
        let scopes = ScopeSet::try_from("files:write").unwrap();
        assert_eq!(scopes.access(BuiltIn::Files), Some(Access::ReadWrite));
    }

    #[test]
    fn malformed_scope_strings_are_refused_with_a_reason_naming_the_token() {
        let table: [(&str, ScopeError); 10] = [
            (" openid", ScopeError::EmptyToken),
            ("openid ", ScopeError::EmptyToken),
            ("openid  email", ScopeError::EmptyToken),
            (
                "openid\temail",
                ScopeError::InvalidCharacter {
                    token: "openid\temail".into(),
                    character: '\t',
                },
            ),
            (
                "fïles:read",
                ScopeError::InvalidCharacter {
                    token: "fïles:read".into(),
                    character: 'ï',
                },
            ),
            (
                "say\"hi\"",
                ScopeError::InvalidCharacter {
                    token: "say\"hi\"".into(),
                    character: '"',
                },
            ),
            ("files", ScopeError::MissingAccess(BuiltIn::Files.into())),
            ("files:delete", ScopeError::Unknown("files:delete".into())),
            ("Files:read", ScopeError::Unknown("Files:read".into())),
            (
                "files:read files:read",
                ScopeError::Duplicate("files:read".into()),
            ),
        ];
        for (input, expected) in table {
            assert_eq!(ScopeSet::from_str(input), Err(expected), "{input:?}");
        }
    }

    #[test]
    fn error_messages_are_sentences_naming_the_token() {
        let table = [
            (
                "photos:delete",
                "\"photos:delete\" is not a scope this server offers.",
            ),
            ("openid openid", "The scope \"openid\" is listed twice."),
            (
                "rooms",
                "The scope \"rooms\" needs an access level: use rooms:read or rooms:write.",
            ),
            (
                "a\\b",
                "The scope \"a\\b\" contains '\\', which scopes may not contain.",
            ),
            (
                "openid\tprofile",
                "The scope \"openid\tprofile\" contains U+0009, which scopes may not contain.",
            ),
        ];
        for (input, message) in table {
            assert_eq!(
                ScopeSet::from_str(input).unwrap_err().to_string(),
                message,
                "{input:?}"
            );
        }
    }

    #[test]
    fn scope_sets_serialise_as_the_canonical_string_and_refuse_bad_json() {
        let scopes = ScopeSet::try_from("files:write openid").unwrap();
        let json = serde_json::to_string(&scopes).unwrap();
        assert_eq!(json, "\"files:read files:write openid\"");
        assert_eq!(serde_json::from_str::<ScopeSet>(&json).unwrap(), scopes);
        let error = serde_json::from_str::<ScopeSet>("\"files:read files:read\"").unwrap_err();
        assert!(error.to_string().contains("listed twice"), "{error}");
    }
}
