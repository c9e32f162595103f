//! OpenAPI schemas of the newtypes the console API carries, by their wire form: each travels as
//! a JSON string (or integer) that its `TryFrom` checks, so the document describes that string
//! with the constraints a schema can state simply (lengths, a pattern, a format), and says the
//! rest in words. Only the server builds this (feature `openapi`); the wasm console never does.

use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

use crate::account::{DisplayName, Email, Password};
use crate::api::{TokenDays, TokenUses};
use crate::passkey::PasskeyName;
use crate::scope::{Resource, ScopeSet, MAX_RESOURCE_CHARS};
use crate::team::{TeamName, TeamSlug};

/// A string schema: its length in characters, a pattern and format if any, and what it is.
fn text(
    (min, max): (usize, Option<usize>),
    pattern: Option<&str>,
    format: Option<KnownFormat>,
    description: &str,
) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .min_length((min > 0).then_some(min))
        .max_length(max)
        .pattern(pattern)
        .format(format.map(SchemaFormat::KnownFormat))
        .into()
}

/// `impl PartialSchema + ToSchema for TYPE` with the schema `text(…)` gives.
macro_rules! text_schema {
    ($type:ty: $($argument:expr),+) => {
        impl PartialSchema for $type {
            fn schema() -> RefOr<Schema> {
                text($($argument),+)
            }
        }
        impl ToSchema for $type {}
    };
}

text_schema! { Email: (1, Some(254)), None, Some(KnownFormat::Email),
"An email address, `local@domain` (the domain with a dot, or `localhost`), without spaces; \
trimmed and lower-cased." }

text_schema! { DisplayName: (1, Some(64)), None, None,
"A person's name: 1 to 64 characters once trimmed, on one line, without invisible characters \
or text-direction controls." }

text_schema! { Password: (12, Some(1024)), None, Some(KnownFormat::Password),
"A new password: 12 to 1,024 characters, taken exactly as typed, not easy to guess (checked \
on the server)." }

text_schema! { TeamName: (2, Some(64)), None, None,
"A team's name: 2 to 64 characters once trimmed, on one line, without invisible characters or \
text-direction controls." }

text_schema! { PasskeyName: (1, Some(64)), None, None,
"A passkey's name: 1 to 64 characters once trimmed, on one line, without invisible characters \
or text-direction controls." }

text_schema! { TeamSlug: (2, Some(40)), Some("^[a-z0-9]+(-[a-z0-9]+)*$"), None,
"A team's handle in URLs: 2 to 40 of `a`-`z`, `0`-`9` and single inner hyphens." }

text_schema! { Resource: (1, Some(MAX_RESOURCE_CHARS)), Some("^[a-z]([a-z0-9._-]*[a-z0-9])?$"), None,
"A resource name, the `NAME` of the scopes `NAME:read` and `NAME:write`: `a`-`z`, digits, `.`, \
`-` and `_`, starting with a letter, not ending with punctuation, not an OpenID Connect scope." }

// RFC 6749 section 3.3: scope tokens of `%x21 / %x23-5B / %x5D-7E`, separated by one space.
text_schema! { ScopeSet: (0, None), Some("^([\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*)?$"), None,
"Scopes separated by single spaces: `openid`, `profile`, `email`, and `NAME:read` or \
`NAME:write` of an API's resources, each at most once. The empty string is no scope." }

/// An integer schema between two bounds.
fn whole_number(description: &'static str, min: i64, max: i64) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .description(Some(description))
        .minimum(Some(min))
        .maximum(Some(max))
        .into()
}

impl PartialSchema for TokenUses {
    fn schema() -> RefOr<Schema> {
        whole_number("Registrations one initial access token allows.", 1, 1000)
    }
}
impl ToSchema for TokenUses {}

impl PartialSchema for TokenDays {
    fn schema() -> RefOr<Schema> {
        whole_number("Days an initial access token stays valid.", 1, 90)
    }
}
impl ToSchema for TokenDays {}

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T: PartialSchema>() -> serde_json::Value {
        serde_json::to_value(T::schema()).unwrap()
    }

    #[test]
    fn newtypes_are_described_by_their_wire_form_and_limits() {
        let slug = json::<TeamSlug>();
        assert_eq!(slug["type"], "string");
        assert_eq!(slug["maxLength"], 40);
        assert_eq!(slug["pattern"], "^[a-z0-9]+(-[a-z0-9]+)*$");
        assert_eq!(json::<Email>()["format"], "email");
        assert_eq!(json::<Password>()["minLength"], 12);
        assert_eq!(json::<TokenDays>()["maximum"], 90);
    }
}
