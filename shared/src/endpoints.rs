//! Where the server's OAuth 2.0 and OpenID Connect endpoints live, relative to the issuer.
//! The server routes them and the console shows them from this one list.

pub const AUTHORIZATION: &str = "/oauth/authorize";
pub const TOKEN: &str = "/oauth/token";
pub const REVOCATION: &str = "/oauth/revoke";
pub const INTROSPECTION: &str = "/oauth/introspect";
pub const USERINFO: &str = "/oauth/userinfo";
pub const JWKS: &str = "/oauth/jwks.json";
/// RFC 7591 section 3 (and, followed by `/{client_id}`, RFC 7592's client configuration
/// endpoint).
pub const REGISTRATION: &str = "/oauth/register";
/// RFC 8628 section 3.1: where a device asks for a device code and a user code.
pub const DEVICE_AUTHORIZATION: &str = "/oauth/device_authorization";
/// RFC 8628 section 3.3: where the person enters the user code (`verification_uri`).
pub const DEVICE_VERIFICATION: &str = "/device";
/// RFC 9728 section 3.1: the built-in API's protected-resource metadata, at the well-known
/// prefix followed by the path of its identifier (`{issuer}/api/v1`).
pub const PROTECTED_RESOURCE_METADATA: &str = "/.well-known/oauth-protected-resource/api/v1";
/// RFC 8414 section 3.
pub const OAUTH_METADATA: &str = "/.well-known/oauth-authorization-server";
/// OpenID Connect Discovery 1.0 section 4.
pub const OPENID_CONFIGURATION: &str = "/.well-known/openid-configuration";

/// `issuer` + `path`, with exactly one slash between them.
pub fn url(issuer: &str, path: &str) -> String {
    format!("{}{path}", issuer.trim_end_matches('/'))
}
