//! Reading JWTs the way an API that receives them would, with `jwt-simple` (a JWT library the
//! server does not use): the header, and the signing key from the published JWKS.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jwt_simple::prelude::ES256PublicKey;
use serde_json::Value;

use crate::TestApp;

/// A JWT's header, decoded without verifying anything.
pub fn header_of(token: &str) -> Value {
    serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(token.split('.').next().unwrap())
            .unwrap(),
    )
    .unwrap()
}

/// The ES256 key `kid` from the server's JWKS.
pub async fn es256_key_from_jwks(app: &TestApp, kid: &str) -> ES256PublicKey {
    let jwks: Value = reqwest::get(app.url("/oauth/jwks.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    es256_key_from(&jwks, kid).expect("the token's key is published")
}

/// The ES256 key `kid` of a JWKS document, if it has one.
pub fn es256_key_from(jwks: &Value, kid: &str) -> Option<ES256PublicKey> {
    let jwk = jwks["keys"]
        .as_array()?
        .iter()
        .find(|key| key["kid"] == kid)?;
    let mut point = vec![4u8];
    point.extend(URL_SAFE_NO_PAD.decode(jwk["x"].as_str()?).ok()?);
    point.extend(URL_SAFE_NO_PAD.decode(jwk["y"].as_str()?).ok()?);
    ES256PublicKey::from_bytes(&point).ok()
}
