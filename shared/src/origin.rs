//! Web origins (RFC 6454) an app's browser code may call the token endpoint from (CORS).
//!
//! An origin is only `scheme://host[:port]`. The value kept is the origin as browsers
//! serialise it in the `Origin` header (RFC 6454 6.1): lower-case scheme and host,
//! international host names in their ASCII (punycode) form, no default port and no
//! trailing slash. That way a CORS check is a plain string comparison.

mod list;

use crate::text_newtype::text_newtype;

use crate::loopback::is_loopback;
use crate::url_text::{check_typed, parse, url_faults_into, web_authority};

url_faults_into!(OriginError, web);

pub use list::{AllowedOrigins, AllowedOriginsError, MAX_ALLOWED_ORIGINS};

/// Why an origin was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OriginError {
    #[error("Enter an origin, like https://app.example.com.")]
    Empty,
    #[error("Origins may be at most 2,000 characters long.")]
    TooLong,
    #[error("Origins may not contain spaces, line breaks or other control characters.")]
    Whitespace,
    #[error("Origins may not contain wildcards (*); list each origin.")]
    Wildcard,
    #[error("Origins look like https://app.example.com: a scheme, a host and an optional port.")]
    NotAbsolute,
    #[error("{0}")]
    Malformed(String),
    #[error("The {0}: scheme cannot be used for an origin; use https.")]
    UnsupportedScheme(String),
    #[error("Origins may not contain a user name or password (user@host).")]
    UserInfo,
    #[error(
        "Origins are only scheme, host and port, like https://app.example.com; remove the path."
    )]
    HasPath,
    #[error("Origins are only scheme, host and port, like https://app.example.com; remove the query (the part from ?).")]
    HasQuery,
    #[error("Origins are only scheme, host and port, like https://app.example.com; remove the fragment (the part from #).")]
    HasFragment,
    #[error("Origins must use https, except http on 127.0.0.1, [::1] or localhost.")]
    InsecureHttp,
}

text_newtype! {
    /// A web origin in the form browsers send it.
    #[derive(PartialOrd, Ord)]
    pub struct Origin: OriginError, checked by |text: String| normalise(&text);
}

fn normalise(text: &str) -> Result<String, OriginError> {
    check_typed(text)?;
    if text.contains('*') {
        return Err(OriginError::Wildcard);
    }
    let url = parse(text)?;
    let range = web_authority(&url, text)?;
    let rest = &text[range.end..];
    let path = rest.split(['?', '#']).next().unwrap_or("");
    // A single trailing slash is what many people paste; it is still just the origin.
    if !path.is_empty() && path != "/" {
        return Err(OriginError::HasPath);
    }
    if rest.contains('?') {
        return Err(OriginError::HasQuery);
    }
    if rest.contains('#') {
        return Err(OriginError::HasFragment);
    }
    if url.scheme() == "http" && !is_loopback(&url, text) {
        return Err(OriginError::InsecureHttp);
    }
    Ok(url.origin().ascii_serialization())
}

impl TryFrom<&str> for Origin {
    type Error = OriginError;

    fn try_from(text: &str) -> Result<Origin, OriginError> {
        normalise(text).map(Origin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OriginError as E;

    #[test]
    fn origins_are_normalised_the_way_browsers_serialise_them() {
        let table = [
            ("https://app.example.com", "https://app.example.com"),
            ("https://app.example.com/", "https://app.example.com"),
            ("HTTPS://App.Example.COM", "https://app.example.com"),
            ("https://app.example.com:443", "https://app.example.com"),
            (
                "https://app.example.com:8443/",
                "https://app.example.com:8443",
            ),
            ("https://bücher.example", "https://xn--bcher-kva.example"),
            ("http://localhost:3000", "http://localhost:3000"),
            ("http://LOCALHOST:3000/", "http://localhost:3000"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("http://[::1]:8080", "http://[::1]:8080"),
            ("http://localhost:80", "http://localhost"),
        ];
        for (text, expected) in table {
            let origin = Origin::try_from(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(origin.as_str(), expected, "{text}");
        }
    }

    #[test]
    fn origins_breaking_a_rule_are_refused_with_that_rule() {
        let too_long = format!("https://{}.example", "a".repeat(2000));
        let table: Vec<(&str, OriginError)> = vec![
            ("", E::Empty),
            (&too_long, E::TooLong),
            ("https://app.example.com ", E::Whitespace),
            ("https://*.example.com", E::Wildcard),
            ("app.example.com", E::NotAbsolute),
            ("https:app.example.com", E::NotAbsolute),
            ("ftp://app.example.com", E::UnsupportedScheme("ftp".into())),
            (
                "com.example.app:/cb",
                E::UnsupportedScheme("com.example.app".into()),
            ),
            ("https://user@app.example.com", E::UserInfo),
            ("https://app.example.com/path", E::HasPath),
            ("https://app.example.com//", E::HasPath),
            ("https://app.example.com/?x=1", E::HasQuery),
            ("https://app.example.com?x=1", E::HasQuery),
            ("https://app.example.com#top", E::HasFragment),
            ("http://app.example.com", E::InsecureHttp),
            ("http://localhost.evil.com", E::InsecureHttp),
            (
                "https:///",
                E::Malformed("The URL has no host name after //.".into()),
            ),
        ];
        for (text, expected) in table {
            assert_eq!(Origin::try_from(text), Err(expected), "{text}");
        }
    }

    #[test]
    fn origins_serialise_in_normalised_form() {
        let origin: Origin = serde_json::from_str("\"HTTPS://App.Example.com/\"").unwrap();
        assert_eq!(
            serde_json::to_string(&origin).unwrap(),
            "\"https://app.example.com\""
        );
        assert!(serde_json::from_str::<Origin>("\"https://app.example.com/path\"").is_err());
    }
}
