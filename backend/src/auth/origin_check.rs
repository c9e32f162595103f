//! The one rule that decides whether a state-changing request a browser sent comes from this
//! site: the console API's calls and the authorization pages' form posts both go through it.
//!
//! Browsers send `Origin` with every non-GET request (Fetch standard, "append a request
//! `Origin` header"); they send the page's real origin because every page of this server is
//! served with `Referrer-Policy: same-origin` (with `no-referrer` they would send `Origin:
//! null`, which this rule refuses since it cannot tell who sent it). Where `Origin` is absent,
//! `Sec-Fetch-Site` (Fetch Metadata) decides. A request with neither comes from a program, not
//! a browser, and a program cannot ride a user's cookies, so CSRF does not apply to it; the
//! console API also wants its CSRF header and the consent form its CSRF field.

use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::current_user::is_safe;
use crate::error::AppError;
use crate::state::AppState;

/// The referrer policy of every page this server renders: same-origin requests (form posts
/// included) carry the page's origin, while navigations to apps carry no referrer, so no code
/// or state in a URL leaks to another site.
pub const REFERRER_POLICY: &str = "same-origin";

/// Where a request says it was sent from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sender {
    /// A page of this site, or the user typing the address (`Sec-Fetch-Site: none`).
    ThisSite,
    /// Another site, a sandboxed frame or a privacy-stripped origin (`Origin: null`).
    Elsewhere,
    /// Neither header: not a browser.
    Program,
}

impl Sender {
    /// Whether a state-changing request from this sender may proceed.
    pub fn may_change_state(self) -> bool {
        self != Sender::Elsewhere
    }
}

/// Applies the rule to a request's headers; `own_origin` is the public URL's serialised origin.
pub fn sender_of(headers: &HeaderMap, own_origin: &str) -> Sender {
    if let Some(origin) = headers.get(axum::http::header::ORIGIN) {
        return if origin.as_bytes() == own_origin.as_bytes() {
            Sender::ThisSite
        } else {
            Sender::Elsewhere
        };
    }
    match headers.get("sec-fetch-site").map(|value| value.as_bytes()) {
        Some(b"same-origin" | b"none") => Sender::ThisSite,
        Some(_) => Sender::Elsewhere,
        None => Sender::Program,
    }
}

/// Whether a state-changing request may proceed on this server.
pub fn from_this_site_or_program(state: &AppState, headers: &HeaderMap) -> bool {
    sender_of(
        headers,
        &state.config.public_url.origin().ascii_serialization(),
    )
    .may_change_state()
}

/// Middleware for the console API: refuses state-changing requests sent from another site.
pub async fn same_origin_only(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if !is_safe(request.method()) && !from_this_site_or_program(&state, request.headers()) {
        return AppError::Forbidden("Cross-site requests to the console API are refused.")
            .into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWN: &str = "https://auth.example.com";

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn each_combination_of_origin_and_fetch_metadata_has_one_answer() {
        let cases: &[(&[(&str, &str)], Sender)] = &[
            (&[("origin", OWN)], Sender::ThisSite),
            (
                &[("origin", OWN), ("sec-fetch-site", "same-origin")],
                Sender::ThisSite,
            ),
            (&[("origin", "null")], Sender::Elsewhere),
            (
                &[("origin", "null"), ("sec-fetch-site", "same-origin")],
                Sender::Elsewhere,
            ),
            (&[("origin", "https://evil.example")], Sender::Elsewhere),
            (
                &[("origin", "https://auth.example.com:8443")],
                Sender::Elsewhere,
            ),
            (&[("origin", "http://auth.example.com")], Sender::Elsewhere),
            (
                &[("origin", "https://auth.example.com.evil.example")],
                Sender::Elsewhere,
            ),
            (&[("sec-fetch-site", "same-origin")], Sender::ThisSite),
            (&[("sec-fetch-site", "none")], Sender::ThisSite),
            (&[("sec-fetch-site", "same-site")], Sender::Elsewhere),
            (&[("sec-fetch-site", "cross-site")], Sender::Elsewhere),
            (&[], Sender::Program),
        ];
        for (pairs, expected) in cases {
            assert_eq!(sender_of(&headers(pairs), OWN), *expected, "{pairs:?}");
        }
    }

    #[test]
    fn only_requests_from_elsewhere_may_not_change_state() {
        assert!(Sender::ThisSite.may_change_state());
        assert!(Sender::Program.may_change_state());
        assert!(!Sender::Elsewhere.may_change_state());
    }
}
