//! Looking at URLs as written, not only as parsed.
//!
//! The `url` crate follows the WHATWG URL standard, which quietly repairs input
//! (`http://0x7f.1/` becomes `http://127.0.0.1/`, `https:\\host` becomes `https://host/`,
//! tabs vanish). Redirect URIs are compared as exact strings (RFC 9700 4.1.3), so the
//! rules here also check the text the developer typed.

use std::ops::Range;

use url::Url;

mod display_host;

pub use display_host::{display_host, display_host_of};

/// Longest URL accepted anywhere (redirect URIs, web pages, origins). Long enough for any
/// real callback, short enough to fit comfortably in browsers and logs.
pub(crate) const MAX_URL_CHARS: usize = 2000;

/// The sentence for a URL with nothing between `//` and the path.
pub(crate) const NO_HOST: &str = "The URL has no host name after //.";

/// Whether the text holds a space, a tab, a line break or another control character,
/// all of which the URL parser would strip or encode behind the developer's back.
pub(crate) fn has_space_or_control(text: &str) -> bool {
    text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Byte range of the authority as written: what follows `scheme://` up to the first
/// `/`, `?` or `#`. `None` when the text has no `//` after the scheme.
pub(crate) fn authority_range(text: &str) -> Option<Range<usize>> {
    let colon = text.find(':')?;
    let start = colon + 1 + 2;
    if !text[colon + 1..].starts_with("//") {
        return None;
    }
    let length = text[start..]
        .find(['/', '?', '#'])
        .unwrap_or(text.len() - start);
    Some(start..start + length)
}

/// The authority as written (`user@host:port`), if the text has one.
pub(crate) fn authority(text: &str) -> Option<&str> {
    authority_range(text).map(|range| &text[range])
}

/// The host of an authority as written, without user-info or port.
pub(crate) fn host_as_written(authority: &str) -> &str {
    let host_and_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, after)| after);
    if host_and_port.starts_with('[') {
        return host_and_port
            .find(']')
            .map_or(host_and_port, |end| &host_and_port[..=end]);
    }
    host_and_port
        .split_once(':')
        .map_or(host_and_port, |(host, _)| host)
}

/// The text with the port removed from its authority (if it has one), for RFC 8252 7.3
/// loopback comparisons that ignore the port.
pub(crate) fn without_port(text: &str) -> String {
    match authority_range(text) {
        Some(range) => {
            let host = host_as_written(&text[range.clone()]);
            let user_info = text[range.clone()]
                .rsplit_once('@')
                .map_or("", |(user, _)| user);
            let at = if user_info.is_empty() { "" } else { "@" };
            format!(
                "{}{user_info}{at}{host}{}",
                &text[..range.start],
                &text[range.end..]
            )
        }
        None => text.to_owned(),
    }
}

/// Why a URL field's text was refused by the checks every URL field makes; each field's error
/// words them for its own kind of URL (`url_faults_into!`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UrlFault {
    Empty,
    TooLong,
    Whitespace,
    /// Not an absolute URL, or an http(s) URL without `//` and a host.
    NotAbsolute,
    /// The parser's complaint, or a missing host, as a sentence.
    Malformed(String),
}

/// Why an http(s) address (a web page, an origin) was refused, beyond `UrlFault`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum WebFault {
    /// Neither https nor http: the scheme, lower-cased.
    UnsupportedScheme(String),
    /// `user:password@` before the host.
    UserInfo,
    Url(UrlFault),
}

impl From<UrlFault> for WebFault {
    fn from(fault: UrlFault) -> WebFault {
        WebFault::Url(fault)
    }
}

/// The text as typed is usable as a URL: something, at most `MAX_URL_CHARS`, and nothing the
/// parser would strip or encode.
pub(crate) fn check_typed(text: &str) -> Result<(), UrlFault> {
    if text.is_empty() {
        return Err(UrlFault::Empty);
    }
    if text.chars().count() > MAX_URL_CHARS {
        return Err(UrlFault::TooLong);
    }
    if has_space_or_control(text) {
        return Err(UrlFault::Whitespace);
    }
    Ok(())
}

/// The text parsed, or the parser's complaint as a sentence.
pub(crate) fn parse(text: &str) -> Result<Url, UrlFault> {
    Url::parse(text).map_err(|error| match describe_parse_error(error) {
        Some(message) => UrlFault::Malformed(message.to_owned()),
        None => UrlFault::NotAbsolute,
    })
}

/// The byte range of an https or http address's authority as written, with no user-info and
/// a host.
pub(crate) fn web_authority(url: &Url, text: &str) -> Result<Range<usize>, WebFault> {
    if !matches!(url.scheme(), "https" | "http") {
        return Err(WebFault::UnsupportedScheme(url.scheme().to_owned()));
    }
    let range = authority_range(text).ok_or(UrlFault::NotAbsolute)?;
    let authority = &text[range.clone()];
    if authority.contains('@') {
        return Err(WebFault::UserInfo);
    }
    if host_as_written(authority).is_empty() {
        return Err(UrlFault::Malformed(NO_HOST.to_owned()).into());
    }
    Ok(range)
}

/// `From<UrlFault>` for a URL field's error with the variants of `UrlFault`, and with `web`,
/// `From<WebFault>` too.
macro_rules! url_faults_into {
    ($error:ident) => {
        $crate::faults_into::faults_into!($crate::url_text::UrlFault => $error {
            Empty, TooLong, Whitespace, NotAbsolute; Malformed
        });
    };
    ($error:ident, web) => {
        $crate::url_text::url_faults_into!($error);

        impl From<$crate::url_text::WebFault> for $error {
            fn from(fault: $crate::url_text::WebFault) -> $error {
                use $crate::url_text::WebFault;
                match fault {
                    WebFault::UnsupportedScheme(scheme) => $error::UnsupportedScheme(scheme),
                    WebFault::UserInfo => $error::UserInfo,
                    WebFault::Url(fault) => fault.into(),
                }
            }
        }
    };
}

pub(crate) use url_faults_into;

/// A sentence for a URL the parser refused, or `None` when the text was not an absolute
/// URL at all (each caller words that case for its own kind of URL).
pub(crate) fn describe_parse_error(error: url::ParseError) -> Option<&'static str> {
    use url::ParseError as E;
    match error {
        E::RelativeUrlWithoutBase | E::RelativeUrlWithCannotBeABaseBase => None,
        E::EmptyHost => Some(NO_HOST),
        E::InvalidPort => Some("The port must be a number from 0 to 65535."),
        E::InvalidIpv4Address | E::InvalidIpv6Address => {
            Some("The IP address in the URL is not valid.")
        }
        E::InvalidDomainCharacter | E::IdnaError => {
            Some("The host name contains characters that host names may not contain.")
        }
        _ => Some("This is not a valid URL."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authority_and_host_are_read_as_written() {
        let table = [
            ("https://example.com/cb", Some("example.com"), "example.com"),
            (
                "HTTP://LOCALHOST:8080/cb",
                Some("LOCALHOST:8080"),
                "LOCALHOST",
            ),
            ("http://[::1]:3000?x", Some("[::1]:3000"), "[::1]"),
            ("https://user:pw@host#f", Some("user:pw@host"), "host"),
            ("com.example.app:/cb", None, ""),
        ];
        for (text, expected_authority, expected_host) in table {
            assert_eq!(authority(text), expected_authority, "{text}");
            assert_eq!(
                authority(text).map(host_as_written).unwrap_or(""),
                expected_host,
                "{text}"
            );
        }
    }

    #[test]
    fn without_port_removes_only_the_port() {
        let table = [
            ("http://127.0.0.1:51234/cb?x=1", "http://127.0.0.1/cb?x=1"),
            ("http://[::1]:80/", "http://[::1]/"),
            ("http://localhost/cb", "http://localhost/cb"),
            ("com.example.app:/cb", "com.example.app:/cb"),
        ];
        for (text, expected) in table {
            assert_eq!(without_port(text), expected, "{text}");
        }
    }

    #[test]
    fn spaces_and_control_characters_are_spotted() {
        for text in ["a b", "a\tb", "a\nb", "a\u{7f}b", "a\u{a0}b"] {
            assert!(has_space_or_control(text), "{text:?}");
        }
        assert!(!has_space_or_control("https://bücher.example/ok"));
    }
}
