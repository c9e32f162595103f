//! [`ScopeSet`]: what an app asks for, what a person granted, what a token carries.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

#[cfg(test)]
use super::BuiltIn;
use super::{Access, IdentityScope, Resource};

/// A set of scopes: at most one [`Access`] per [`Resource`], plus identity scopes.
///
/// Built from the OAuth string form with `FromStr`/`TryFrom` (see [`super::ScopeError`]
/// for the rules) or from code with [`ScopeSet::with`]; serialised as the canonical
/// string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ScopeSet {
    resources: BTreeMap<Resource, Access>,
    identity: BTreeSet<IdentityScope>,
}

impl ScopeSet {
    /// No scopes at all.
    pub fn empty() -> ScopeSet {
        ScopeSet::default()
    }

    /// The access granted to `resource`, or `None` when it is not granted.
    pub fn access(&self, resource: impl Into<Resource>) -> Option<Access> {
        self.resources.get(&resource.into()).copied()
    }

    /// Grants `resource` at `access`, or removes it with `None`.
    pub fn set_access(&mut self, resource: impl Into<Resource>, access: Option<Access>) {
        let resource = resource.into();
        match access {
            Some(access) => {
                self.resources.insert(resource, access);
            }
            None => {
                self.resources.remove(&resource);
            }
        }
    }

    /// This set with `resource` granted at `access` (replacing any previous level).
    pub fn with(mut self, resource: impl Into<Resource>, access: Access) -> ScopeSet {
        self.set_access(resource, Some(access));
        self
    }

    /// Whether the identity scope is present.
    pub fn has_identity(&self, scope: IdentityScope) -> bool {
        self.identity.contains(&scope)
    }

    /// Adds (`true`) or removes (`false`) an identity scope.
    pub fn set_identity(&mut self, scope: IdentityScope, present: bool) {
        if present {
            self.identity.insert(scope);
        } else {
            self.identity.remove(&scope);
        }
    }

    /// This set with the identity scope added.
    pub fn with_identity(mut self, scope: IdentityScope) -> ScopeSet {
        self.set_identity(scope, true);
        self
    }

    /// Whether the set holds no scope at all.
    pub fn is_empty(&self) -> bool {
        self.resources.is_empty() && self.identity.is_empty()
    }

    /// The granted resources and their access, built-in ones first (see [`Resource`]'s order).
    pub fn resources(&self) -> impl Iterator<Item = (&Resource, Access)> + '_ {
        self.resources
            .iter()
            .map(|(resource, access)| (resource, *access))
    }

    /// This set without the resources `keep` refuses (identity scopes stay): how a token is
    /// narrowed to the APIs it is for (RFC 8707 section 2).
    pub fn retain_resources(mut self, mut keep: impl FnMut(&Resource) -> bool) -> ScopeSet {
        self.resources.retain(|resource, _| keep(resource));
        self
    }

    /// The identity scopes present, in [`IdentityScope::ALL`] order.
    pub fn identities(&self) -> impl Iterator<Item = IdentityScope> + '_ {
        self.identity.iter().copied()
    }

    /// Whether a grant of `self` is enough for something that needs `required`: every
    /// resource in `required` is held at a level that includes the required one
    /// (`files:write` satisfies `files:read`, not the reverse), and every identity scope
    /// in `required` is present.
    pub fn satisfies(&self, required: &ScopeSet) -> bool {
        let resources_ok = required.resources().all(|(resource, needed)| {
            self.resources
                .get(resource)
                .is_some_and(|held| held.includes(needed))
        });
        resources_ok && required.identity.is_subset(&self.identity)
    }

    /// What both sets grant: resources present in both at the weaker of the two levels,
    /// and identity scopes present in both. Used, for instance, to narrow a refreshed
    /// token to the scopes the app is still registered for.
    pub fn intersection(&self, other: &ScopeSet) -> ScopeSet {
        let resources = self
            .resources()
            .filter_map(|(resource, mine)| {
                other
                    .resources
                    .get(resource)
                    .map(|theirs| (resource.clone(), mine.min(*theirs)))
            })
            .collect();
        let identity = self
            .identity
            .intersection(&other.identity)
            .copied()
            .collect();
        ScopeSet {
            resources,
            identity,
        }
    }

    /// Everything in either set, each resource at the higher of its two levels: what a person
    /// has allowed after consenting again to more.
    pub fn union(&self, other: &ScopeSet) -> ScopeSet {
        let mut all = self.clone();
        for (resource, access) in other.resources() {
            let level = all.access(resource).map_or(access, |held| held.max(access));
            all.set_access(resource, Some(level));
        }
        all.identity.extend(other.identity.iter().copied());
        all
    }

    /// The OAuth scope tokens in canonical order: resources in [`Resource`]'s order with
    /// `x:read` before `x:write` (read is always listed when write is), then `openid`,
    /// `profile`, `email`.
    pub fn tokens(&self) -> Vec<String> {
        let mut tokens = Vec::new();
        for (resource, access) in self.resources() {
            tokens.push(format!("{}:read", resource.as_str()));
            if access == Access::ReadWrite {
                tokens.push(format!("{}:write", resource.as_str()));
            }
        }
        tokens.extend(self.identities().map(|scope| scope.as_str().to_owned()));
        tokens
    }

    /// The space-separated OAuth form of [`ScopeSet::tokens`]; `""` for the empty set.
    pub fn to_canonical_string(&self) -> String {
        self.tokens().join(" ")
    }
}

impl fmt::Display for ScopeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_canonical_string())
    }
}

impl From<ScopeSet> for String {
    fn from(scopes: ScopeSet) -> String {
        scopes.to_canonical_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(access: Access) -> ScopeSet {
        ScopeSet::empty().with(BuiltIn::Files, access)
    }

    #[test]
    fn canonical_strings_list_resources_in_catalogue_order_then_identity_scopes() {
        let scopes = ScopeSet::empty()
            .with_identity(IdentityScope::Email)
            .with(BuiltIn::Rooms, Access::Read)
            .with_identity(IdentityScope::OpenId)
            .with(BuiltIn::Files, Access::ReadWrite)
            .with(BuiltIn::AccountsSelf, Access::Read);
        assert_eq!(
            scopes.to_canonical_string(),
            "accounts.self:read files:read files:write rooms:read openid email"
        );
        assert_eq!(ScopeSet::empty().to_string(), "");
    }

    #[test]
    fn satisfies_follows_write_implies_read() {
        let openid = ScopeSet::empty().with_identity(IdentityScope::OpenId);
        let table = [
            (files(Access::ReadWrite), files(Access::Read), true),
            (files(Access::Read), files(Access::ReadWrite), false),
            (files(Access::Read), files(Access::Read), true),
            (files(Access::Read), ScopeSet::empty(), true),
            (ScopeSet::empty(), files(Access::Read), false),
            (files(Access::ReadWrite), openid.clone(), false),
            (
                openid.clone().with(BuiltIn::Files, Access::Read),
                openid,
                true,
            ),
            (
                files(Access::ReadWrite),
                ScopeSet::empty().with(BuiltIn::Rooms, Access::Read),
                false,
            ),
        ];
        for (held, required, expected) in table {
            assert_eq!(
                held.satisfies(&required),
                expected,
                "{held} satisfies {required}"
            );
        }
    }

    #[test]
    fn intersection_keeps_the_weaker_access_and_the_common_identity_scopes() {
        let granted = files(Access::ReadWrite)
            .with(BuiltIn::Rooms, Access::ReadWrite)
            .with_identity(IdentityScope::OpenId)
            .with_identity(IdentityScope::Email);
        let registered = files(Access::Read)
            .with(BuiltIn::Accounts, Access::Read)
            .with_identity(IdentityScope::OpenId);
        let expected = files(Access::Read).with_identity(IdentityScope::OpenId);
        assert_eq!(granted.intersection(&registered), expected);
        assert_eq!(registered.intersection(&granted), expected);
    }

    #[test]
    fn union_keeps_the_stronger_access_and_every_identity_scope() {
        let a = files(Access::Read).with_identity(IdentityScope::OpenId);
        let b = files(Access::ReadWrite)
            .with(BuiltIn::Rooms, Access::Read)
            .with_identity(IdentityScope::Email);
        let expected = files(Access::ReadWrite)
            .with(BuiltIn::Rooms, Access::Read)
            .with_identity(IdentityScope::OpenId)
            .with_identity(IdentityScope::Email);
        assert_eq!(a.union(&b), expected);
        assert_eq!(b.union(&a), expected);
    }

    #[test]
    fn setting_access_to_none_removes_the_resource() {
        let mut scopes = files(Access::Read);
        scopes.set_access(BuiltIn::Files, None);
        assert!(scopes.is_empty());
        scopes.set_identity(IdentityScope::Profile, true);
        assert!(scopes.has_identity(IdentityScope::Profile));
        scopes.set_identity(IdentityScope::Profile, false);
        assert!(scopes.is_empty());
    }
}
