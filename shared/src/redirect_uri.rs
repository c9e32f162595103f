//! Redirect URIs: where the authorization server sends the person back with a code.
//!
//! The rules come from RFC 6749 3.1.2 (absolute, no fragment), RFC 8252 (native apps:
//! loopback http with any port, 7.3; reverse-domain private-use schemes, 7.1) and
//! RFC 9700 (exact string matching, no wildcards, 4.1.3; no open redirectors over plain
//! http, 2.1).
//!
//! Letter case: `HTTPS://Example.COM/cb` is accepted (the scheme and host are checked
//! case-insensitively) but kept exactly as typed, because the authorization request must
//! then present exactly that string; [`RedirectMismatch::Case`] explains a near miss.

mod list;
mod matching;

use serde::{Deserialize, Serialize};

use crate::text_newtype::text_conversions;
use url::Url;

use crate::loopback::is_loopback;
use crate::url_text::{authority, check_typed, host_as_written, parse, url_faults_into, NO_HOST};

url_faults_into!(RedirectUriError);

pub use list::{RedirectUris, RedirectUrisError, MAX_REDIRECT_URIS};
pub use matching::RedirectMismatch;

/// Schemes that can never be a redirect target: they run code, embed content or read
/// local files instead of reaching the app.
const FORBIDDEN_SCHEMES: [&str; 10] = [
    "javascript",
    "vbscript",
    "data",
    "file",
    "blob",
    "about",
    "filesystem",
    "ftp",
    "ws",
    "wss",
];

/// Why a redirect URI was refused. Each message is a sentence for the console form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RedirectUriError {
    #[error("Enter a redirect URL.")]
    Empty,
    #[error("Redirect URLs may be at most 2,000 characters long.")]
    TooLong,
    #[error("Redirect URLs may not contain spaces, line breaks or other control characters.")]
    Whitespace,
    #[error("Redirect URLs may not contain wildcards (*); register each URL exactly.")]
    Wildcard,
    #[error("Redirect URLs may not contain backslashes; use forward slashes.")]
    Backslash,
    /// RFC 6749 3.1.2: "The endpoint URI MUST NOT include a fragment component."
    #[error("Redirect URLs may not contain a fragment (the part from #).")]
    Fragment,
    #[error("Redirect URLs must be absolute, like https://example.com/callback.")]
    NotAbsolute,
    #[error("{0}")]
    Malformed(String),
    #[error("Redirect URLs may not contain a user name or password (user@host).")]
    UserInfo,
    #[error("Redirect URLs must use https, except http on 127.0.0.1, [::1] or localhost.")]
    InsecureHttp,
    #[error("The {0}: scheme cannot be used for redirect URLs.")]
    ForbiddenScheme(String),
    /// RFC 8252 7.1: private-use schemes are reverse domain names the developer controls.
    #[error("Custom URL schemes must be in reverse-domain form, like com.example.app:/callback.")]
    PrivateSchemeNotReverseDomain,
}

/// A registered (or presented) redirect URI that follows every rule above, kept exactly
/// as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RedirectUri {
    text: String,
    loopback: bool,
}

impl RedirectUri {
    /// Whether this is an http redirect to the local machine (127.0.0.1, [::1] or
    /// localhost), whose port may change between requests (RFC 8252 7.3).
    pub fn is_loopback(&self) -> bool {
        self.loopback
    }

    /// Parsed form, for comparisons; `Some` for every value built by `TryFrom`, which
    /// parsed the same text.
    pub(crate) fn url(&self) -> Option<Url> {
        Url::parse(&self.text).ok()
    }
}

fn validate(text: &str) -> Result<bool, RedirectUriError> {
    check_typed(text)?;
    // RFC 9700 4.1.3: matching is exact, so a `*` is never a pattern, and a literal `*`
    // in a host is a mistake waiting to be read as one.
    if text.contains('*') {
        return Err(RedirectUriError::Wildcard);
    }
    if text.contains('\\') {
        return Err(RedirectUriError::Backslash);
    }
    // An empty fragment (`…/cb#`) counts too.
    if text.contains('#') {
        return Err(RedirectUriError::Fragment);
    }
    let url = parse(text)?;
    let scheme = url.scheme();
    if FORBIDDEN_SCHEMES.contains(&scheme) {
        return Err(RedirectUriError::ForbiddenScheme(scheme.to_owned()));
    }
    if authority(text).is_some_and(|authority| authority.contains('@')) {
        return Err(RedirectUriError::UserInfo);
    }
    match scheme {
        "https" | "http" => {
            // The parser would read `https:example.com` as `https://example.com/`; insist
            // on the `//` so the text says what it means.
            let Some(authority) = authority(text) else {
                return Err(RedirectUriError::NotAbsolute);
            };
            // `https:///cb` would quietly become `https://cb/`.
            if host_as_written(authority).is_empty() {
                return Err(RedirectUriError::Malformed(NO_HOST.to_owned()));
            }
            let loopback = is_loopback(&url, text);
            if scheme == "http" && !loopback {
                return Err(RedirectUriError::InsecureHttp);
            }
            Ok(scheme == "http")
        }
        _ => {
            let after_colon = &text[scheme.len() + 1..];
            // `localhost:8080/cb` or `example.com:8080/cb` is a forgotten `http://`, not
            // a private-use scheme.
            if after_colon.starts_with(|c: char| c.is_ascii_digit()) {
                return Err(RedirectUriError::NotAbsolute);
            }
            if !scheme.contains('.') || !after_colon.starts_with('/') {
                return Err(RedirectUriError::PrivateSchemeNotReverseDomain);
            }
            Ok(false)
        }
    }
}

impl TryFrom<String> for RedirectUri {
    type Error = RedirectUriError;

    fn try_from(text: String) -> Result<RedirectUri, RedirectUriError> {
        let loopback = validate(&text)?;
        Ok(RedirectUri { text, loopback })
    }
}

impl TryFrom<&str> for RedirectUri {
    type Error = RedirectUriError;

    fn try_from(text: &str) -> Result<RedirectUri, RedirectUriError> {
        RedirectUri::try_from(text.to_owned())
    }
}

text_conversions!(RedirectUri(text): RedirectUriError);

#[cfg(test)]
mod tests {
    use super::*;
    use RedirectUriError as E;

    #[test]
    fn acceptable_redirect_uris_are_kept_exactly_as_written() {
        let table = [
            ("https://example.com/callback", false),
            ("https://example.com", false),
            ("https://example.com:8443/cb?tenant=a&x=1", false),
            ("HTTPS://EXAMPLE.COM/Callback", false),
            ("https://bücher.example/callback", false),
            ("https://xn--bcher-kva.example/callback", false),
            ("https://localhost/cb", false),
            ("http://127.0.0.1/callback", true),
            ("http://127.0.0.1:49152/callback", true),
            ("http://[::1]:8080/callback", true),
            ("http://localhost:3000/auth/callback", true),
            ("HTTP://127.0.0.1/cb", true),
            ("http://LOCALHOST/cb", true),
            ("com.example.app:/oauth2redirect", false),
            ("com.example.app://callback", false),
        ];
        for (text, loopback) in table {
            let uri = RedirectUri::try_from(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(uri.as_str(), text);
            assert_eq!(uri.is_loopback(), loopback, "{text}");
        }
    }

    #[test]
    fn redirect_uris_breaking_a_rule_are_refused_with_that_rule() {
        let too_long = format!("https://example.com/{}", "a".repeat(2001 - 20));
        let table: Vec<(&str, RedirectUriError)> = vec![
            ("", E::Empty),
            (&too_long, E::TooLong),
            ("https://example.com/a b", E::Whitespace),
            (" https://example.com/cb", E::Whitespace),
            ("https://example.com/cb\n", E::Whitespace),
            ("https://*.example.com/cb", E::Wildcard),
            ("*.example.com", E::Wildcard),
            ("https://example.com/*", E::Wildcard),
            ("https:\\\\example.com\\cb", E::Backslash),
            ("https://example.com#x", E::Fragment),
            ("https://example.com/cb#", E::Fragment),
            ("/callback", E::NotAbsolute),
            ("example.com/callback", E::NotAbsolute),
            ("localhost:8080/cb", E::NotAbsolute),
            ("example.com:8080/cb", E::NotAbsolute),
            ("https:example.com/cb", E::NotAbsolute),
            ("https://user@example.com/cb", E::UserInfo),
            ("https://user:secret@example.com/cb", E::UserInfo),
            ("https://@example.com/cb", E::UserInfo),
            ("http://example.com/callback", E::InsecureHttp),
            ("http://localhost.evil.com/cb", E::InsecureHttp),
            ("http://127.0.0.1.nip.io/cb", E::InsecureHttp),
            ("http://127.1/cb", E::InsecureHttp),
            ("http://[::2]/cb", E::InsecureHttp),
            (
                "javascript:alert(1)",
                E::ForbiddenScheme("javascript".into()),
            ),
            (
                "JavaScript:alert(1)",
                E::ForbiddenScheme("javascript".into()),
            ),
            ("data:text/html,hi", E::ForbiddenScheme("data".into())),
            ("file:///etc/passwd", E::ForbiddenScheme("file".into())),
            ("myapp:/callback", E::PrivateSchemeNotReverseDomain),
            ("myapp://callback", E::PrivateSchemeNotReverseDomain),
            ("com.example.app:callback", E::PrivateSchemeNotReverseDomain),
        ];
        for (text, expected) in table {
            assert_eq!(RedirectUri::try_from(text), Err(expected), "{text}");
        }
    }

    #[test]
    fn a_url_of_exactly_2000_characters_is_accepted_and_2001_is_not() {
        let base = "https://example.com/";
        let at_limit = format!("{base}{}", "a".repeat(2000 - base.len()));
        assert_eq!(at_limit.len(), 2000);
        assert!(RedirectUri::try_from(at_limit.as_str()).is_ok());
        let over = format!("{at_limit}a");
        assert_eq!(RedirectUri::try_from(over), Err(E::TooLong));
    }

    #[test]
    fn malformed_hosts_and_ports_get_a_specific_sentence() {
        let table = [
            (
                "https://exa%mple.com/cb",
                "The host name contains characters that host names may not contain.",
            ),
            (
                "https://example.com:99999/cb",
                "The port must be a number from 0 to 65535.",
            ),
            ("https://[::1/cb", "The IP address in the URL is not valid."),
            ("https:///cb", "The URL has no host name after //."),
        ];
        for (text, message) in table {
            let error = RedirectUri::try_from(text).unwrap_err();
            assert_eq!(error.to_string(), message, "{text}");
        }
    }

    #[test]
    fn the_insecure_http_message_names_the_loopback_exception() {
        let error = RedirectUri::try_from("http://example.com/cb").unwrap_err();
        assert_eq!(
            error.to_string(),
            "Redirect URLs must use https, except http on 127.0.0.1, [::1] or localhost."
        );
    }

    #[test]
    fn redirect_uris_deserialise_only_when_valid() {
        let uri: RedirectUri = serde_json::from_str("\"http://[::1]:9/cb\"").unwrap();
        assert!(uri.is_loopback());
        assert_eq!(
            serde_json::to_string(&uri).unwrap(),
            "\"http://[::1]:9/cb\""
        );
        let error = serde_json::from_str::<RedirectUri>("\"https://example.com/#x\"").unwrap_err();
        assert!(error.to_string().contains("fragment"), "{error}");
    }
}
