//! Redirect URIs (`shared::redirect_uri`): the input is a registered URI and, after a line
//! break, a presented one (a line break is never part of a valid URI).

use shared::redirect_uri::{RedirectMismatch, RedirectUri, RedirectUris};

pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (registered, presented) = text.split_once('\n').unwrap_or((text, text));
    let Ok(uri) = RedirectUri::try_from(registered) else {
        return;
    };
    // Kept exactly as written, and a URI matches itself, alone or in a list.
    assert_eq!(uri.as_str(), registered);
    assert_eq!(uri.matches(registered), Ok(()), "{registered}");
    let list = RedirectUris::new(vec![uri.clone()]).expect("one valid URI is a valid list");
    assert_eq!(list.find_match(registered), Ok(&uri));
    crate::assert_json_round_trip(&uri);
    crate::assert_json_round_trip(&list);

    let presented_uri = RedirectUri::try_from(presented);
    match uri.matches(presented) {
        // RFC 9700 4.1.3: exact, except a loopback redirect's port (RFC 8252 7.3).
        Ok(()) => {
            if presented != registered {
                assert!(uri.is_loopback(), "{presented} matched {registered}");
                let presented_uri = presented_uri.expect("a match is a valid URI");
                assert!(
                    presented_uri.is_loopback(),
                    "{presented} matched {registered}"
                );
            }
        }
        Err(RedirectMismatch::Invalid(message)) => {
            let error = presented_uri.expect_err("only an invalid URI is called invalid");
            assert_eq!(message, error.to_string());
        }
        Err(RedirectMismatch::NotRegistered) => {
            assert!(presented_uri.is_ok(), "{presented} is not valid");
        }
        Err(_) => assert_ne!(presented, registered),
    }
    assert_eq!(
        list.find_match(presented).is_ok(),
        uri.matches(presented).is_ok()
    );
}
