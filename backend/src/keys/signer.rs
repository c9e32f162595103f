//! Private keys parsed once, when the key ring loads. jsonwebtoken 9 signs from the key's DER
//! bytes and parses them again for every token: for ES256 that includes deriving the public
//! point, about as costly as the signature itself, and for RS256 validating the whole RSA key.
//! Tokens are assembled by `oauth::jwt::sign` as RFC 7515 section 7.1 describes, and checked by
//! jsonwebtoken (`jwt::verify_access_token`) and, in the tests, by an independent library.

use ring::rand::SystemRandom;
use ring::signature::{
    EcdsaKeyPair, Ed25519KeyPair, RsaKeyPair, ECDSA_P256_SHA256_FIXED_SIGNING, RSA_PKCS1_SHA256,
};

use super::Algorithm;

pub enum Signer {
    /// RS256 (RFC 7518 section 3.3): RSASSA-PKCS1-v1_5 with SHA-256; the key is PKCS#1 DER.
    Rs256(RsaKeyPair),
    /// ES256 (RFC 7518 section 3.4): P-256, the signature as fixed-width r || s; PKCS#8 DER.
    Es256(EcdsaKeyPair),
    /// EdDSA (RFC 8037 section 3.1): Ed25519; PKCS#8 DER.
    EdDsa(Ed25519KeyPair),
}

impl Signer {
    /// The key stored as `private_der` for `alg` (the form `keys::generate` writes).
    pub fn new(alg: Algorithm, private_der: &[u8]) -> anyhow::Result<Signer> {
        let invalid = |err: &dyn std::fmt::Display| {
            anyhow::anyhow!("invalid {} private key: {err}", alg.as_str())
        };
        Ok(match alg {
            Algorithm::Rs256 => {
                Signer::Rs256(RsaKeyPair::from_der(private_der).map_err(|err| invalid(&err))?)
            }
            Algorithm::Es256 => Signer::Es256(
                EcdsaKeyPair::from_pkcs8(
                    &ECDSA_P256_SHA256_FIXED_SIGNING,
                    private_der,
                    &SystemRandom::new(),
                )
                .map_err(|err| invalid(&err))?,
            ),
            Algorithm::EdDsa => Signer::EdDsa(
                Ed25519KeyPair::from_pkcs8_maybe_unchecked(private_der)
                    .map_err(|err| invalid(&err))?,
            ),
        })
    }

    /// The JWS signature of `message` (the encoded header and payload joined by a dot).
    pub fn sign(&self, message: &[u8]) -> anyhow::Result<Vec<u8>> {
        let rng = SystemRandom::new();
        Ok(match self {
            Signer::Rs256(pair) => {
                let mut signature = vec![0; pair.public().modulus_len()];
                pair.sign(&RSA_PKCS1_SHA256, &rng, message, &mut signature)
                    .map_err(|_| anyhow::anyhow!("RS256 signing failed"))?;
                signature
            }
            Signer::Es256(pair) => pair
                .sign(&rng, message)
                .map_err(|_| anyhow::anyhow!("ES256 signing failed"))?
                .as_ref()
                .to_vec(),
            Signer::EdDsa(pair) => pair.sign(message).as_ref().to_vec(),
        })
    }
}

#[cfg(test)]
mod tests {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use jsonwebtoken::DecodingKey;

    use super::*;
    use crate::keys::generate::generate;

    fn public_key(alg: Algorithm, jwk: &crate::keys::jwk::PublicJwk) -> DecodingKey {
        let field = |value: &Option<String>| value.clone().unwrap();
        match alg {
            Algorithm::Rs256 => {
                DecodingKey::from_rsa_components(&field(&jwk.n), &field(&jwk.e)).unwrap()
            }
            Algorithm::Es256 => {
                DecodingKey::from_ec_components(&field(&jwk.x), &field(&jwk.y)).unwrap()
            }
            Algorithm::EdDsa => DecodingKey::from_ed_components(&field(&jwk.x)).unwrap(),
        }
    }

    #[test]
    fn every_algorithm_signs_what_jsonwebtoken_verifies_with_the_published_key_and_nothing_else() {
        for alg in Algorithm::ALL {
            let key = generate(alg, "kid-1").unwrap();
            let signer = Signer::new(alg, &key.private_der).unwrap();
            let public = public_key(alg, &key.public_jwk);
            let message = b"eyJhbGciOiJ4In0.eyJzdWIiOiJ1In0";
            let signature = URL_SAFE_NO_PAD.encode(signer.sign(message).unwrap());
            assert!(
                jsonwebtoken::crypto::verify(&signature, message, &public, alg.jwt()).unwrap(),
                "{alg:?}"
            );
            let tampered = b"eyJhbGciOiJ4In0.eyJzdWIiOiJ2In0";
            assert!(
                !jsonwebtoken::crypto::verify(&signature, tampered, &public, alg.jwt()).unwrap(),
                "{alg:?} tampered"
            );
        }
    }

    #[test]
    fn a_key_of_another_algorithm_is_refused_with_the_algorithm_named() {
        let ed25519 = generate(Algorithm::EdDsa, "kid-2").unwrap();
        let err = Signer::new(Algorithm::Es256, &ed25519.private_der)
            .err()
            .expect("an Ed25519 key is not a P-256 key");
        assert!(
            err.to_string().starts_with("invalid ES256 private key"),
            "{err}"
        );
    }
}
