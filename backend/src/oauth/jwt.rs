//! JSON Web Tokens the server signs: ID tokens (OpenID Connect Core 1.0 section 2) and JWT
//! access tokens (RFC 9068), and checking the latter when they come back.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use shared::registered_api::Audience;
use shared::scope::{IdentityScope, ScopeSet};

use crate::keys::{Algorithm, KeyRing};
use crate::store::users::UserRow;

/// RFC 9068 section 2.1: the `typ` of a JWT access token.
pub const ACCESS_TOKEN_TYPE: &str = "at+jwt";

/// RFC 7519 section 4.1.3: `aud` is one string when the token is for one API, an array when
/// it is for several (RFC 8707 section 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AudienceClaim {
    One(String),
    Several(Vec<String>),
}

impl AudienceClaim {
    pub fn of(audience: &Audience) -> AudienceClaim {
        let mut names: Vec<String> = audience.iter().map(|id| id.to_string()).collect();
        if names.len() == 1 {
            AudienceClaim::One(names.remove(0))
        } else {
            AudienceClaim::Several(names)
        }
    }
}

/// RFC 9068 section 2.2.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessClaims {
    pub iss: String,
    pub sub: String,
    pub aud: AudienceClaim,
    pub client_id: String,
    pub scope: String,
    pub exp: i64,
    pub iat: i64,
    pub jti: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub auth_time: Option<i64>,
}

/// OpenID Connect Core 1.0 sections 2 and 5.1.
#[derive(Debug, Clone, Serialize)]
pub struct IdTokenClaims {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub exp: i64,
    pub iat: i64,
    pub auth_time: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    pub at_hash: String,
    #[serde(flatten)]
    pub profile: ProfileClaims,
}

/// The claims about the person that the granted scopes allow (OpenID Connect Core 1.0 section
/// 5.4), the same in an ID token and a UserInfo response.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileClaims {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
}

impl ProfileClaims {
    pub fn of(user: &UserRow, scopes: &ScopeSet) -> ProfileClaims {
        let profile = scopes.has_identity(IdentityScope::Profile);
        let email = scopes.has_identity(IdentityScope::Email);
        ProfileClaims {
            name: profile.then(|| user.display_name.clone()),
            email: email.then(|| user.email.clone()),
            // Clientele does not verify addresses (yet), so it never claims it did.
            email_verified: email.then_some(false),
        }
    }
}

pub fn sign_access_token(
    keys: &KeyRing,
    alg: Algorithm,
    claims: &AccessClaims,
) -> anyhow::Result<String> {
    sign(keys, alg, ACCESS_TOKEN_TYPE, claims)
}

pub fn sign_id_token(
    keys: &KeyRing,
    alg: Algorithm,
    claims: &IdTokenClaims,
) -> anyhow::Result<String> {
    sign(keys, alg, "JWT", claims)
}

fn sign<T: Serialize>(
    keys: &KeyRing,
    alg: Algorithm,
    typ: &str,
    claims: &T,
) -> anyhow::Result<String> {
    let key = keys
        .current(alg)
        .ok_or_else(|| anyhow::anyhow!("no current {} key", alg.as_str()))?;
    let mut header = Header::new(alg.jwt());
    header.typ = Some(typ.to_owned());
    header.kid = Some(key.kid.clone());
    // RFC 7515 section 7.1: BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(signature),
    // signed with the key parsed at load (see `keys::Signer`).
    let mut token = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&header)?);
    token.push('.');
    URL_SAFE_NO_PAD.encode_string(serde_json::to_vec(claims)?, &mut token);
    let signature = key.signer.sign(token.as_bytes())?;
    token.push('.');
    URL_SAFE_NO_PAD.encode_string(signature, &mut token);
    Ok(token)
}

/// OpenID Connect Core 1.0 section 3.1.3.6: base64url of the left half of the SHA-256 of the
/// access token (SHA-256 because RS256 and ES256 both use it).
pub fn at_hash(access_token: &str) -> String {
    let digest = Sha256::digest(access_token.as_bytes());
    URL_SAFE_NO_PAD.encode(&digest[..16])
}

pub const UNKNOWN_KEY: &str = "The token was signed by an unknown key.";

/// A compact JWS has three base64url parts; opaque tokens are `cat_…`.
pub fn looks_like_jwt(token: &str) -> bool {
    token.starts_with("eyJ") && token.split('.').count() == 3
}

/// Checks a JWT access token's signature (by a published key, with that key's algorithm only,
/// so `alg: none` and algorithm swaps fail), its type, issuer and expiry on the server's clock.
/// The caller still checks revocation by `jti`, and the audience on that record.
pub fn verify_access_token(
    keys: &KeyRing,
    token: &str,
    issuer: &str,
    now: i64,
) -> Result<AccessClaims, &'static str> {
    let header = jsonwebtoken::decode_header(token).map_err(|_| "The token is not a valid JWT.")?;
    let kid = header
        .kid
        .as_deref()
        .ok_or("The token names no signing key.")?;
    let key = keys.by_kid(kid).ok_or(UNKNOWN_KEY)?;
    if header.alg != key.alg.jwt() {
        return Err("The token's algorithm does not match its key.");
    }
    let typ = header
        .typ
        .as_deref()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if typ != ACCESS_TOKEN_TYPE && typ != "application/at+jwt" {
        return Err("The token is not an access token.");
    }
    let mut validation = Validation::new(key.alg.jwt());
    validation.set_issuer(&[issuer]);
    // The audience is checked by whoever accepts the token, against the stored record (the
    // same rule for opaque tokens): see `oauth::bearer` and `oauth::introspect`.
    validation.validate_aud = false;
    // Expiry is checked below against the server's clock, which tests can move.
    validation.validate_exp = false;
    validation.required_spec_claims = ["exp", "iss", "aud", "sub"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    let data = jsonwebtoken::decode::<AccessClaims>(token, &key.decoding, &validation)
        .map_err(|_| "The token's signature or claims are not valid.")?;
    if data.claims.exp <= now {
        return Err("The token has expired.");
    }
    Ok(data.claims)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_hash_matches_the_openid_connect_example_construction() {
        // SHA-256("abc") starts ba7816bf8f01cfea414140de5dae2223.
        assert_eq!(
            at_hash("abc"),
            URL_SAFE_NO_PAD.encode(hex_bytes("ba7816bf8f01cfea414140de5dae2223"))
        );
    }

    fn hex_bytes(hex: &str) -> Vec<u8> {
        (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn only_three_part_tokens_starting_like_a_json_header_are_taken_for_jwts() {
        assert!(looks_like_jwt("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.sig"));
        assert!(!looks_like_jwt("cat_abcdef"));
        assert!(!looks_like_jwt("eyJ.only-two"));
    }
}
