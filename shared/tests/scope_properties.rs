//! Properties of scope sets that must hold for every combination, not only the examples.

use proptest::prelude::*;
use shared::scope::{Access, BuiltIn, IdentityScope, ScopeSet};

fn access() -> impl Strategy<Value = Option<Access>> {
    prop_oneof![
        Just(None),
        Just(Some(Access::Read)),
        Just(Some(Access::ReadWrite))
    ]
}

fn scope_set() -> impl Strategy<Value = ScopeSet> {
    (
        proptest::collection::vec(access(), 4),
        proptest::collection::vec(any::<bool>(), 3),
    )
        .prop_map(|(levels, identities)| {
            let mut scopes = ScopeSet::empty();
            for (resource, level) in BuiltIn::ALL.into_iter().zip(levels) {
                scopes.set_access(resource, level);
            }
            for (scope, present) in IdentityScope::ALL.into_iter().zip(identities) {
                scopes.set_identity(scope, present);
            }
            scopes
        })
}

proptest! {
    #[test]
    fn parsing_the_canonical_string_gives_back_the_same_set(scopes in scope_set()) {
        let parsed: ScopeSet = scopes.to_canonical_string().parse().unwrap();
        prop_assert_eq!(parsed, scopes);
    }

    #[test]
    fn the_tokens_parse_to_the_same_set_in_any_order(scopes in scope_set(), seed in any::<u64>()) {
        let mut tokens = scopes.tokens();
        // A cheap deterministic shuffle driven by the seed.
        let mut state = seed;
        for i in (1..tokens.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            tokens.swap(i, (state >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(ScopeSet::try_from(tokens.join(" ").as_str()).unwrap(), scopes);
    }

    #[test]
    fn a_set_with_write_on_a_resource_satisfies_read_on_it(scopes in scope_set()) {
        for (resource, access) in scopes.resources() {
            let read = ScopeSet::empty().with(resource, Access::Read);
            prop_assert!(scopes.satisfies(&read));
            let write = ScopeSet::empty().with(resource, Access::ReadWrite);
            prop_assert_eq!(scopes.satisfies(&write), access == Access::ReadWrite);
        }
    }

    #[test]
    fn no_canonical_string_lists_a_write_without_its_read(scopes in scope_set()) {
        let tokens = scopes.tokens();
        for resource in BuiltIn::ALL {
            let write = format!("{}:write", resource.as_str());
            let read = format!("{}:read", resource.as_str());
            if tokens.contains(&write) {
                prop_assert!(tokens.contains(&read), "{:?}", tokens);
            }
        }
    }

    #[test]
    fn every_set_satisfies_itself_and_its_intersections(a in scope_set(), b in scope_set()) {
        prop_assert!(a.satisfies(&a));
        let both = a.intersection(&b);
        prop_assert!(a.satisfies(&both));
        prop_assert!(b.satisfies(&both));
        prop_assert_eq!(both, b.intersection(&a));
    }

    #[test]
    fn parsing_arbitrary_text_never_panics_and_accepted_text_is_stable(text in "[ -~]{0,40}") {
        if let Ok(scopes) = text.parse::<ScopeSet>() {
            let canonical = scopes.to_canonical_string();
            prop_assert_eq!(canonical.parse::<ScopeSet>().unwrap(), scopes);
        }
    }
}
