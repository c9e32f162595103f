//! Public keys as JWKs (RFC 7517 section 4, RFC 7518 section 6, RFC 8037 section 2) and the JWK
//! Set the server publishes (RFC 7517 section 5), typed rather than built with `json!`.

use serde::{Deserialize, Serialize};

/// One public key. RSA keys have `n` and `e`; EC and OKP keys have `crv` and `x` (and EC `y`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicJwk {
    pub kty: String,
    #[serde(rename = "use")]
    pub key_use: String,
    pub alg: String,
    pub kid: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub crv: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub n: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub e: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub x: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub y: Option<String>,
}

impl PublicJwk {
    /// A signing key of `kty` for `alg` named `kid`, with no key material yet.
    pub fn signing(kty: &str, alg: &str, kid: &str) -> PublicJwk {
        PublicJwk {
            kty: kty.to_owned(),
            key_use: "sig".to_owned(),
            alg: alg.to_owned(),
            kid: kid.to_owned(),
            crv: None,
            n: None,
            e: None,
            x: None,
            y: None,
        }
    }
}

/// `GET /oauth/jwks.json`.
#[derive(Debug, Clone, Serialize)]
pub struct JwkSet {
    pub keys: Vec<PublicJwk>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jwk_serialises_with_only_the_members_its_key_type_has() {
        let jwk = PublicJwk {
            crv: Some("P-256".into()),
            x: Some("xx".into()),
            y: Some("yy".into()),
            ..PublicJwk::signing("EC", "ES256", "k1")
        };
        let text = serde_json::to_string(&jwk).unwrap();
        assert_eq!(
            text,
            r#"{"kty":"EC","use":"sig","alg":"ES256","kid":"k1","crv":"P-256","x":"xx","y":"yy"}"#
        );
        assert_eq!(serde_json::from_str::<PublicJwk>(&text).unwrap(), jwk);
    }
}
