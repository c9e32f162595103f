//! `clientele keys list|rotate`.

use super::{clientele_ok, temp_database};

#[test]
fn keys_are_created_once_and_rotation_retires_the_previous_ones() {
    let (_dir, url) = temp_database();
    let first = clientele_ok(&url, &["keys", "list"]);
    assert_eq!(first.matches("current").count(), 3, "{first}");
    assert_eq!(
        clientele_ok(&url, &["keys", "list"]),
        first,
        "listing again creates nothing"
    );
    for alg in ["RS256", "ES256", "EdDSA"] {
        assert!(first.contains(alg), "{alg}");
    }

    let rotated = clientele_ok(&url, &["keys", "rotate"]);
    assert!(rotated.starts_with("New current keys:"));
    let after = clientele_ok(&url, &["keys", "list"]);
    assert_eq!(after.lines().count(), 7, "a header and six keys:\n{after}");
    assert_eq!(after.matches("current").count(), 3);
}
