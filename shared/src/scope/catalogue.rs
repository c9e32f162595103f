//! The built-in API's catalogue, which the console and the consent screen render from: what
//! each of its scopes is called and what it lets an app do. Registered APIs name their own
//! resources ([`super::Resource`]); these four are the server's own.

use serde::{Deserialize, Serialize};

/// A resource of the server's built-in API. Each resource has a `:read` and a `:write` scope;
/// see [`Access`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum BuiltIn {
    /// The signed-in person's own profile.
    #[serde(rename = "accounts.self")]
    AccountsSelf,
    /// Every account on the server (administration).
    #[serde(rename = "accounts")]
    Accounts,
    /// Files and folders.
    #[serde(rename = "files")]
    Files,
    /// Rooms.
    #[serde(rename = "rooms")]
    Rooms,
}

impl BuiltIn {
    /// Every resource, in the order canonical scope strings and the console list them.
    pub const ALL: [BuiltIn; 4] = [
        BuiltIn::AccountsSelf,
        BuiltIn::Accounts,
        BuiltIn::Files,
        BuiltIn::Rooms,
    ];

    /// The resource part of its scope tokens, e.g. `accounts.self` in `accounts.self:read`.
    pub fn as_str(self) -> &'static str {
        match self {
            BuiltIn::AccountsSelf => "accounts.self",
            BuiltIn::Accounts => "accounts",
            BuiltIn::Files => "files",
            BuiltIn::Rooms => "rooms",
        }
    }

    /// The resource named `name` (the part before `:read`/`:write`), if there is one.
    pub fn from_name(name: &str) -> Option<BuiltIn> {
        BuiltIn::ALL
            .into_iter()
            .find(|resource| resource.as_str() == name)
    }

    /// A short heading for the console and the consent screen.
    pub fn title(self) -> &'static str {
        match self {
            BuiltIn::AccountsSelf => "Profile",
            BuiltIn::Accounts => "Accounts",
            BuiltIn::Files => "Files & folders",
            BuiltIn::Rooms => "Rooms",
        }
    }

    /// What `:read` lets an app do, as the consent screen says it.
    pub fn read_description(self) -> &'static str {
        match self {
            BuiltIn::AccountsSelf => "View basic information about your profile.",
            BuiltIn::Accounts => "View every account on this server.",
            BuiltIn::Files => "View your files and folders.",
            BuiltIn::Rooms => "View your rooms and what is in them.",
        }
    }

    /// What `:write` (which includes `:read`) lets an app do.
    pub fn write_description(self) -> &'static str {
        match self {
            BuiltIn::AccountsSelf => "View and manage basic information about your profile.",
            BuiltIn::Accounts => "View and manage every account on this server.",
            BuiltIn::Files => "View, create, change and delete your files and folders.",
            BuiltIn::Rooms => "View, create, change and delete your rooms.",
        }
    }

    /// The description for a given level of access.
    pub fn description(self, access: Access) -> &'static str {
        match access {
            Access::Read => self.read_description(),
            Access::ReadWrite => self.write_description(),
        }
    }
}

/// How much of a resource a grant covers. One enum rather than two booleans, because
/// "write without read" is not a state that exists: write implies read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    Read,
    ReadWrite,
}

impl Access {
    /// Whether holding `self` is enough where `other` is required: read-write covers read,
    /// read does not cover read-write.
    pub fn includes(self, other: Access) -> bool {
        self >= other
    }

    /// A label for the console's access picker.
    pub fn title(self) -> &'static str {
        match self {
            Access::Read => "Read",
            Access::ReadWrite => "Read & write",
        }
    }
}

/// OpenID Connect scopes (OIDC Core 5.4): single tokens with no read/write split, since
/// they only ever let an app read who the person is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IdentityScope {
    #[serde(rename = "openid")]
    OpenId,
    Profile,
    Email,
}

impl IdentityScope {
    /// Every identity scope, in canonical order.
    pub const ALL: [IdentityScope; 3] = [
        IdentityScope::OpenId,
        IdentityScope::Profile,
        IdentityScope::Email,
    ];

    /// The scope token.
    pub fn as_str(self) -> &'static str {
        match self {
            IdentityScope::OpenId => "openid",
            IdentityScope::Profile => "profile",
            IdentityScope::Email => "email",
        }
    }

    /// The identity scope spelled `token`, if there is one.
    pub fn from_name(token: &str) -> Option<IdentityScope> {
        IdentityScope::ALL
            .into_iter()
            .find(|scope| scope.as_str() == token)
    }

    /// A short heading for the console and the consent screen.
    pub fn title(self) -> &'static str {
        match self {
            IdentityScope::OpenId => "Sign in",
            IdentityScope::Profile => "Name",
            IdentityScope::Email => "Email address",
        }
    }

    /// What the scope lets an app do, as the consent screen says it.
    pub fn description(self) -> &'static str {
        match self {
            IdentityScope::OpenId => "Sign you in with your account.",
            IdentityScope::Profile => "See your display name.",
            IdentityScope::Email => "See your email address.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_write_includes_read_but_read_does_not_include_read_write() {
        let table = [
            (Access::Read, Access::Read, true),
            (Access::ReadWrite, Access::Read, true),
            (Access::ReadWrite, Access::ReadWrite, true),
            (Access::Read, Access::ReadWrite, false),
        ];
        for (held, required, expected) in table {
            assert_eq!(
                held.includes(required),
                expected,
                "{held:?} includes {required:?}"
            );
        }
    }

    #[test]
    fn every_built_in_resource_name_reads_back_as_the_same_resource() {
        for resource in BuiltIn::ALL {
            assert_eq!(BuiltIn::from_name(resource.as_str()), Some(resource));
            assert!(!resource.title().is_empty());
            assert!(resource.read_description().ends_with('.'));
            assert!(resource.write_description().ends_with('.'));
        }
        assert_eq!(BuiltIn::from_name("Files"), None);
    }

    #[test]
    fn every_identity_scope_name_reads_back_as_the_same_scope() {
        for scope in IdentityScope::ALL {
            assert_eq!(IdentityScope::from_name(scope.as_str()), Some(scope));
            assert!(scope.description().ends_with('.'));
        }
    }

    #[test]
    fn resources_serialise_as_their_scope_names() {
        let json = serde_json::to_string(&BuiltIn::ALL).unwrap();
        assert_eq!(json, r#"["accounts.self","accounts","files","rooms"]"#);
        let scopes = serde_json::to_string(&IdentityScope::ALL).unwrap();
        assert_eq!(scopes, r#"["openid","profile","email"]"#);
    }
}
