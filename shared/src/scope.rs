//! OAuth scopes: resources (the built-in API's and those of registered APIs), each granted for
//! reading or for reading and writing, plus the OpenID Connect identity scopes. Which resource
//! names exist is the server's catalogue's business; here a scope string is only parsed.
//!
//! The OAuth string form (RFC 6749 3.3) is a space-separated list such as
//! `files:read files:write accounts.self:read openid`. Write implies read: `files:write`
//! alone parses to [`Access::ReadWrite`] on the resource `files`, and the canonical string
//! always lists the read scope too, so resource servers that only check `files:read`
//! still see it.

mod catalogue;
mod parse;
mod resource;
mod set;

pub use catalogue::{Access, BuiltIn, IdentityScope};
pub use parse::ScopeError;
pub use resource::{Resource, ResourceError, MAX_RESOURCE_CHARS};
pub use set::ScopeSet;
