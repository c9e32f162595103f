//! Properties of redirect URI validation and matching over generated input.

use proptest::prelude::*;
use shared::redirect_uri::RedirectUri;

proptest! {
    #[test]
    fn validating_arbitrary_text_never_panics(text in "\\PC{0,80}") {
        let _ = RedirectUri::try_from(text.as_str());
    }

    #[test]
    fn an_accepted_redirect_uri_matches_exactly_itself(text in "(https|http|com\\.example\\.app)://[a-z0-9.:\\[\\]]{1,20}(/[a-zA-Z0-9._~%-]{0,10}){0,3}(\\?[a-z=&]{0,10})?") {
        if let Ok(uri) = RedirectUri::try_from(text.as_str()) {
            prop_assert_eq!(uri.as_str(), text.as_str());
            prop_assert!(uri.matches(&text).is_ok());
            let with_fragment = format!("{text}#x");
            prop_assert!(uri.matches(&with_fragment).is_err());
        }
    }

    #[test]
    fn a_loopback_redirect_matches_on_every_port(
        host in prop_oneof![Just("127.0.0.1"), Just("[::1]"), Just("localhost")],
        registered_port in proptest::option::of(1u16..),
        presented_port in 1u16..,
        path in "/[a-z]{0,8}",
    ) {
        let registered = match registered_port {
            Some(port) => format!("http://{host}:{port}{path}"),
            None => format!("http://{host}{path}"),
        };
        let uri = RedirectUri::try_from(registered.as_str()).unwrap();
        prop_assert!(uri.is_loopback());
        let presented = format!("http://{host}:{presented_port}{path}");
        prop_assert!(uri.matches(&presented).is_ok());
        let other_path = format!("http://{host}:{presented_port}{path}x");
        prop_assert!(uri.matches(&other_path).is_err());
    }

    #[test]
    fn a_non_loopback_https_redirect_never_matches_on_another_port(port in 1u16.., other in 1u16..) {
        prop_assume!(port != other && port != 443 && other != 443);
        let uri = RedirectUri::try_from(format!("https://app.example:{port}/cb")).unwrap();
        let presented = format!("https://app.example:{other}/cb");
        prop_assert!(uri.matches(&presented).is_err());
    }
}
