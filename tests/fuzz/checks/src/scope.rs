//! Scope strings (`shared::scope`): the canonical form parses to the same set, write implies
//! read, and the set holds every token it was parsed from.

use shared::scope::{Access, ScopeSet};

pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(scopes) = text.parse::<ScopeSet>() else {
        return;
    };
    let canonical = scopes.to_canonical_string();
    let again: ScopeSet = canonical
        .parse()
        .unwrap_or_else(|err| panic!("{canonical:?} (from {text:?}) does not parse: {err}"));
    assert_eq!(again, scopes, "{text:?}");
    assert_eq!(again.to_canonical_string(), canonical);
    crate::assert_json_round_trip(&scopes);
    for (resource, access) in scopes.resources() {
        let read: ScopeSet = format!("{}:read", resource.as_str()).parse().unwrap();
        assert!(scopes.satisfies(&read), "{text:?}: write implies read");
        if access == Access::ReadWrite {
            assert!(canonical.contains(&format!("{}:read", resource.as_str())));
        }
    }
    for token in text.split(' ') {
        let one: ScopeSet = token.parse().expect("a token of a valid string parses");
        assert!(scopes.satisfies(&one), "{text:?} lacks {token}");
        assert_eq!(scopes.union(&one), scopes);
        assert_eq!(scopes.intersection(&one), one);
    }
}
