//! Comparing a presented `redirect_uri` with a registered one.
//!
//! RFC 9700 4.1.3 requires exact string comparison; the only exception is RFC 8252 7.3,
//! which lets the port of an http loopback redirect vary because native apps listen on
//! whatever port the operating system hands them. When the strings differ, the
//! diagnosis names the most specific reason so a developer can fix the request.

use url::Url;

use super::RedirectUri;
use crate::url_text::without_port;

/// Why a presented redirect URI does not match a registered one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RedirectMismatch {
    #[error("The redirect URL uses a different scheme from the registered one (for example http instead of https).")]
    Scheme,
    #[error("The redirect URL points to a different host from the registered one.")]
    Host,
    #[error("The redirect URL uses a different port from the registered one; only http redirects to 127.0.0.1, [::1] or localhost may change the port.")]
    Port,
    #[error("The redirect URL differs from the registered one only by a trailing slash; the comparison is exact.")]
    TrailingSlash,
    #[error("The redirect URL's path differs from the registered one.")]
    Path,
    #[error("The redirect URL's query string differs from the registered one.")]
    Query,
    #[error("Redirect URLs may not contain a fragment (the part from #).")]
    Fragment,
    #[error("The redirect URL differs from the registered one only in upper- and lower-case letters; the comparison is exact.")]
    Case,
    /// Same URL once parsed, written differently (percent-encoding, an explicit default
    /// port, an international host name in the other form, ...).
    #[error("The redirect URL is written differently from the registered one (for example a default port, percent-encoding or the other form of an international host name); send it exactly as registered.")]
    Encoding,
    #[error("This redirect URL is not registered for the app.")]
    NotRegistered,
    /// The presented value is not an acceptable redirect URI at all; the reason says why.
    #[error("{0}")]
    Invalid(String),
}

impl RedirectMismatch {
    /// How close a miss this is, to pick the most helpful diagnosis among several
    /// registered URIs: near misses on the same host first, then other same-host
    /// differences, then a different host, then nothing similar.
    pub(crate) fn closeness(&self) -> u8 {
        use RedirectMismatch as M;
        match self {
            M::Case | M::TrailingSlash | M::Fragment | M::Encoding | M::Port => 3,
            M::Scheme | M::Path | M::Query => 2,
            M::Host => 1,
            M::NotRegistered | M::Invalid(_) => 0,
        }
    }
}

impl RedirectUri {
    /// Whether `presented` (from an authorization or token request) is this redirect
    /// URI: exact string equality, except that an http loopback redirect matches with any
    /// port (RFC 8252 7.3). Otherwise says why not.
    pub fn matches(&self, presented: &str) -> Result<(), RedirectMismatch> {
        if presented == self.text || self.matches_ignoring_loopback_port(presented) {
            return Ok(());
        }
        Err(self.diagnose(presented))
    }

    pub(crate) fn matches_ignoring_loopback_port(&self, presented: &str) -> bool {
        self.loopback
            && without_port(presented) == without_port(&self.text)
            && RedirectUri::try_from(presented).is_ok_and(|uri| uri.is_loopback())
    }

    fn diagnose(&self, presented: &str) -> RedirectMismatch {
        let comparable = |text: &str| {
            if self.loopback {
                without_port(text)
            } else {
                text.to_owned()
            }
        };
        let (registered, presented_text) = (comparable(&self.text), comparable(presented));
        if presented_text.eq_ignore_ascii_case(&registered) {
            return RedirectMismatch::Case;
        }
        if presented_text.trim_end_matches('/') == registered.trim_end_matches('/') {
            return RedirectMismatch::TrailingSlash;
        }
        if let Some((before, _)) = presented.split_once('#') {
            if self.matches(before).is_ok() {
                return RedirectMismatch::Fragment;
            }
        }
        match (self.url(), Url::parse(presented)) {
            (Some(registered), Ok(presented_url)) => self
                .compare_parts(&registered, &presented_url)
                .unwrap_or_else(|| unrelated(presented)),
            _ => unrelated(presented),
        }
    }

    /// The first differing part of two parsed URLs, or `None` when they are unrelated.
    fn compare_parts(&self, registered: &Url, presented: &Url) -> Option<RedirectMismatch> {
        let same_host = match (registered.host_str(), presented.host_str()) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            (None, None) => true,
            _ => false,
        };
        let same_port = self.loopback
            || registered.port_or_known_default() == presented.port_or_known_default();
        if registered.scheme() != presented.scheme() {
            // Private-use schemes have no host; a different one of those is another app.
            return (same_host && registered.host().is_some()).then_some(RedirectMismatch::Scheme);
        }
        if !same_host {
            let rest_equal = same_port
                && registered.path() == presented.path()
                && registered.query() == presented.query();
            return rest_equal.then_some(RedirectMismatch::Host);
        }
        if !same_port {
            return Some(RedirectMismatch::Port);
        }
        if registered.path() != presented.path() {
            let (a, b) = (registered.path(), presented.path());
            return Some(if a.trim_end_matches('/') == b.trim_end_matches('/') {
                RedirectMismatch::TrailingSlash
            } else if a.eq_ignore_ascii_case(b) {
                RedirectMismatch::Case
            } else {
                RedirectMismatch::Path
            });
        }
        if registered.query() != presented.query() {
            return Some(RedirectMismatch::Query);
        }
        if presented.fragment().is_some() {
            return Some(RedirectMismatch::Fragment);
        }
        Some(RedirectMismatch::Encoding)
    }
}

/// Nothing registered looks like `presented`: say why it could never be valid, if so.
fn unrelated(presented: &str) -> RedirectMismatch {
    match RedirectUri::try_from(presented) {
        Err(error) => RedirectMismatch::Invalid(error.to_string()),
        Ok(_) => RedirectMismatch::NotRegistered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RedirectMismatch as M;

    fn check(registered: &str, presented: &str) -> Result<(), RedirectMismatch> {
        RedirectUri::try_from(registered)
            .unwrap()
            .matches(presented)
    }

    #[test]
    fn identical_strings_match() {
        for uri in [
            "https://example.com/cb",
            "com.example.app:/cb",
            "http://localhost:3000/cb",
        ] {
            assert_eq!(check(uri, uri), Ok(()), "{uri}");
        }
    }

    #[test]
    fn a_loopback_redirect_matches_on_any_port_and_nothing_else_does() {
        let table = [
            ("http://127.0.0.1/cb", "http://127.0.0.1:51004/cb", Ok(())),
            (
                "http://127.0.0.1:8080/cb",
                "http://127.0.0.1:9090/cb",
                Ok(()),
            ),
            ("http://127.0.0.1:8080/cb", "http://127.0.0.1/cb", Ok(())),
            ("http://[::1]/cb", "http://[::1]:6000/cb", Ok(())),
            ("http://localhost/cb", "http://localhost:6000/cb", Ok(())),
            ("http://127.0.0.1/cb", "http://[::1]:6000/cb", Err(M::Host)),
            (
                "http://127.0.0.1/cb",
                "http://127.0.0.1:6000/other",
                Err(M::Path),
            ),
            (
                "https://example.com/cb",
                "https://example.com:8443/cb",
                Err(M::Port),
            ),
            (
                "https://localhost/cb",
                "https://localhost:8443/cb",
                Err(M::Port),
            ),
        ];
        for (registered, presented, expected) in table {
            assert_eq!(
                check(registered, presented),
                expected,
                "{registered} vs {presented}"
            );
        }
    }

    #[test]
    fn a_mismatch_is_diagnosed_by_its_most_specific_reason() {
        let table = [
            ("https://example.com/cb", "http://example.com/cb", M::Scheme),
            (
                "https://example.com/cb",
                "https://other.example/cb",
                M::Host,
            ),
            (
                "https://example.com/cb",
                "https://example.com/cb/",
                M::TrailingSlash,
            ),
            (
                "https://example.com/cb/",
                "https://example.com/cb",
                M::TrailingSlash,
            ),
            (
                "https://example.com",
                "https://example.com/",
                M::TrailingSlash,
            ),
            (
                "https://example.com/cb",
                "https://example.com/callback",
                M::Path,
            ),
            (
                "https://example.com/cb?a=1",
                "https://example.com/cb?a=2",
                M::Query,
            ),
            (
                "https://example.com/cb",
                "https://example.com/cb?a=1",
                M::Query,
            ),
            (
                "https://example.com/cb",
                "https://example.com/cb#frag",
                M::Fragment,
            ),
            (
                "https://example.com/cb",
                "https://example.com/cb#",
                M::Fragment,
            ),
            ("https://example.com/cb", "https://EXAMPLE.com/cb", M::Case),
            ("https://example.com/cb", "https://example.com/CB", M::Case),
            ("http://localhost/cb", "http://LOCALHOST:8000/cb", M::Case),
            (
                "https://example.com/cb",
                "https://example.com:443/cb",
                M::Encoding,
            ),
            (
                "https://example.com/caf%C3%A9",
                "https://example.com/café",
                M::Encoding,
            ),
            (
                "https://bücher.example/cb",
                "https://xn--bcher-kva.example/cb",
                M::Encoding,
            ),
            (
                "https://example.com/cb",
                "https://evil.example/steal",
                M::NotRegistered,
            ),
            (
                "com.example.app:/cb",
                "com.example.other:/cb",
                M::NotRegistered,
            ),
            ("com.example.app:/cb", "com.example.app:/other", M::Path),
        ];
        for (registered, presented, expected) in table {
            assert_eq!(
                check(registered, presented),
                Err(expected),
                "{registered} vs {presented}"
            );
        }
    }

    #[test]
    fn an_unrelated_invalid_uri_is_diagnosed_by_the_rule_it_breaks() {
        let table = [
            (
                "javascript:alert(1)",
                "The javascript: scheme cannot be used for redirect URLs.",
            ),
            (
                "http://evil.example/cb",
                "Redirect URLs must use https, except http on 127.0.0.1, [::1] or localhost.",
            ),
            (
                "/relative",
                "Redirect URLs must be absolute, like https://example.com/callback.",
            ),
        ];
        for (presented, message) in table {
            let mismatch = check("https://example.com/cb", presented).unwrap_err();
            assert_eq!(mismatch, M::Invalid(message.to_owned()), "{presented}");
            assert_eq!(mismatch.to_string(), message);
        }
    }
}
