//! Creating signing keys: RSA 2048 (RS256, the algorithm every OpenID client supports), P-256
//! (ES256) and Ed25519 (EdDSA), with their public halves as JWKs (RFC 7517, RFC 7518 section 6,
//! RFC 8037).

use super::jwk::PublicJwk;
use super::Algorithm;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ring::rand::SystemRandom;
use ring::signature::{EcdsaKeyPair, Ed25519KeyPair, KeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::traits::PublicKeyParts;

/// A new key: its private half as DER (PKCS#1 for RSA, PKCS#8 otherwise, as `jsonwebtoken`
/// reads them) and its public JWK.
pub struct GeneratedKey {
    pub private_der: Vec<u8>,
    pub public_jwk: PublicJwk,
}

pub fn generate(alg: Algorithm, kid: &str) -> anyhow::Result<GeneratedKey> {
    let b64 = |bytes: &[u8]| URL_SAFE_NO_PAD.encode(bytes);
    match alg {
        Algorithm::Rs256 => {
            let private = rsa::RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048)?;
            let public = private.to_public_key();
            Ok(GeneratedKey {
                private_der: private.to_pkcs1_der()?.as_bytes().to_vec(),
                public_jwk: PublicJwk {
                    n: Some(b64(&public.n().to_bytes_be())),
                    e: Some(b64(&public.e().to_bytes_be())),
                    ..PublicJwk::signing("RSA", "RS256", kid)
                },
            })
        }
        Algorithm::Es256 => {
            let rng = SystemRandom::new();
            let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
                .map_err(|_| anyhow::anyhow!("generating a P-256 key failed"))?;
            let pair =
                EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &rng)
                    .map_err(|_| anyhow::anyhow!("reading the new P-256 key failed"))?;
            // Uncompressed point: 0x04 || x (32 bytes) || y (32 bytes).
            let point = pair.public_key().as_ref();
            Ok(GeneratedKey {
                private_der: pkcs8.as_ref().to_vec(),
                public_jwk: PublicJwk {
                    crv: Some("P-256".to_owned()),
                    x: Some(b64(&point[1..33])),
                    y: Some(b64(&point[33..65])),
                    ..PublicJwk::signing("EC", "ES256", kid)
                },
            })
        }
        Algorithm::EdDsa => {
            let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new())
                .map_err(|_| anyhow::anyhow!("generating an Ed25519 key failed"))?;
            let pair = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref())
                .map_err(|_| anyhow::anyhow!("reading the new Ed25519 key failed"))?;
            Ok(GeneratedKey {
                private_der: pkcs8.as_ref().to_vec(),
                public_jwk: PublicJwk {
                    crv: Some("Ed25519".to_owned()),
                    x: Some(b64(pair.public_key().as_ref())),
                    ..PublicJwk::signing("OKP", "EdDSA", kid)
                },
            })
        }
    }
}
