//! OAuth scopes: a catalogue of resources, each granted for reading or for reading and
//! writing, plus the OpenID Connect identity scopes.
//!
//! The OAuth string form (RFC 6749 3.3) is a space-separated list such as
//! `files:read files:write accounts.self:read openid`. Write implies read: `files:write`
//! alone parses to [`Access::ReadWrite`] on [`Resource::Files`], and the canonical string
//! always lists the read scope too, so resource servers that only check `files:read`
//! still see it.

mod catalogue;
mod parse;
mod set;

pub use catalogue::{Access, IdentityScope, Resource};
pub use parse::ScopeError;
pub use set::ScopeSet;
