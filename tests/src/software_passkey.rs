//! A passkey in software, for the API tests of passkeys: it answers the server's registration
//! and sign-in options the way a platform authenticator does (WebAuthn Level 3 sections 6.1
//! and 6.5: authenticator data, a "none" attestation, ES256 assertions with the user handle).
//! webauthn-authenticator-rs's soft tokens make no discoverable credentials, which sign-in
//! without an email needs, so the few bytes are assembled here. Browser tests use Chromium's
//! own virtual authenticator instead (`virtual_authenticator.rs`).

use std::collections::BTreeMap;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ring::rand::{SecureRandom, SystemRandom};
use ring::signature::{EcdsaKeyPair, KeyPair, ECDSA_P256_SHA256_ASN1_SIGNING};
use serde_cbor_2::Value as Cbor;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::console_api::ConsoleUser;
use crate::TestApp;

/// Authenticator data flags (section 6.1): user present, user verified, attested data.
const USER_PRESENT: u8 = 0x01;
const USER_VERIFIED: u8 = 0x04;
const ATTESTED_DATA: u8 = 0x40;

/// Adds a passkey named `name` to `user`'s account through the console API's two steps; the
/// passkey and its public id.
pub async fn add_passkey(
    app: &TestApp,
    user: &ConsoleUser,
    name: &str,
) -> (SoftwarePasskey, String) {
    let challenge = user
        .post_json("/api/v1/account/passkeys/options", &json!({}))
        .await;
    let (passkey, credential) = SoftwarePasskey::register(&app.address, &challenge["options"]);
    let body = json!({ "challenge_id": challenge["challenge_id"], "name": name, "credential": credential });
    let added =
        crate::json_with_status(user.post("/api/v1/account/passkeys", &body).await, 201).await;
    (passkey, added["id"].as_str().unwrap().to_owned())
}

pub struct SoftwarePasskey {
    origin: String,
    key: EcdsaKeyPair,
    pub credential_id: Vec<u8>,
    user_handle: Vec<u8>,
    counter: u32,
}

impl SoftwarePasskey {
    /// Creates a credential for the registration `options` (`{"publicKey": {…}}`) as a browser
    /// at `origin` would; the passkey and the browser's answer (`toJSON()`'s form).
    pub fn register(origin: &str, options: &Value) -> (SoftwarePasskey, Value) {
        let options = &options["publicKey"];
        let random = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &random)
            .expect("a P-256 key");
        let key =
            EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref(), &random)
                .expect("reading the key back");
        let mut credential_id = vec![0u8; 16];
        random.fill(&mut credential_id).expect("random bytes");
        let passkey = SoftwarePasskey {
            origin: origin.to_owned(),
            key,
            credential_id,
            user_handle: decode(&options["user"]["id"]),
            counter: 0,
        };
        let client_data = passkey.client_data("webauthn.create", options);
        let mut auth_data = rp_id_hash(options["rp"]["id"].as_str().expect("rp.id")).to_vec();
        auth_data.push(USER_PRESENT | USER_VERIFIED | ATTESTED_DATA);
        auth_data.extend_from_slice(&0u32.to_be_bytes());
        auth_data.extend_from_slice(&[0u8; 16]); // AAGUID: none
        auth_data.extend_from_slice(&(passkey.credential_id.len() as u16).to_be_bytes());
        auth_data.extend_from_slice(&passkey.credential_id);
        auth_data.extend_from_slice(&passkey.cose_public_key());
        let attestation = cbor_map(vec![
            (text("fmt"), text("none")),
            (text("attStmt"), Cbor::Map(BTreeMap::new())),
            (text("authData"), Cbor::Bytes(auth_data)),
        ]);
        let answer = passkey.credential(json!({
            "clientDataJSON": encode(client_data.as_bytes()),
            "attestationObject": encode(&attestation),
            "transports": ["internal"],
        }));
        (passkey, answer)
    }

    /// Signs the sign-in `options`' challenge with user verification; the browser's answer.
    pub fn sign_in(&mut self, options: &Value) -> Value {
        let options = &options["publicKey"];
        self.counter += 1;
        let client_data = self.client_data("webauthn.get", options);
        let mut auth_data = rp_id_hash(options["rpId"].as_str().expect("rpId")).to_vec();
        auth_data.push(USER_PRESENT | USER_VERIFIED);
        auth_data.extend_from_slice(&self.counter.to_be_bytes());
        let mut signed = auth_data.clone();
        signed.extend_from_slice(&Sha256::digest(client_data.as_bytes()));
        let signature = self
            .key
            .sign(&SystemRandom::new(), &signed)
            .expect("signing");
        self.credential(json!({
            "clientDataJSON": encode(client_data.as_bytes()),
            "authenticatorData": encode(&auth_data),
            "signature": encode(signature.as_ref()),
            "userHandle": encode(&self.user_handle),
        }))
    }

    /// The browser's answer to either ceremony, a `PublicKeyCredential` as JSON (section 5.1):
    /// this passkey's credential id around the authenticator's `response`.
    fn credential(&self, response: Value) -> Value {
        json!({
            "id": encode(&self.credential_id),
            "rawId": encode(&self.credential_id),
            "type": "public-key",
            "response": response,
            "clientExtensionResults": {},
        })
    }

    /// This passkey under another credential id (one the server never registered).
    pub fn with_credential_id(mut self, credential_id: Vec<u8>) -> SoftwarePasskey {
        self.credential_id = credential_id;
        self
    }

    fn client_data(&self, kind: &str, options: &Value) -> String {
        json!({
            "type": kind,
            "challenge": options["challenge"],
            "origin": self.origin,
            "crossOrigin": false,
        })
        .to_string()
    }

    /// The public key as a COSE_Key (RFC 9053 section 7.1.1): EC2, ES256, P-256, x, y.
    fn cose_public_key(&self) -> Vec<u8> {
        let point = self.key.public_key().as_ref();
        cbor_map(vec![
            (Cbor::Integer(1), Cbor::Integer(2)),
            (Cbor::Integer(3), Cbor::Integer(-7)),
            (Cbor::Integer(-1), Cbor::Integer(1)),
            (Cbor::Integer(-2), Cbor::Bytes(point[1..33].to_vec())),
            (Cbor::Integer(-3), Cbor::Bytes(point[33..65].to_vec())),
        ])
    }
}

fn rp_id_hash(rp_id: &str) -> [u8; 32] {
    Sha256::digest(rp_id.as_bytes()).into()
}

fn text(value: &str) -> Cbor {
    Cbor::Text(value.to_owned())
}

fn cbor_map(entries: Vec<(Cbor, Cbor)>) -> Vec<u8> {
    serde_cbor_2::to_vec(&Cbor::Map(entries.into_iter().collect())).expect("CBOR")
}

pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn decode(value: &Value) -> Vec<u8> {
    URL_SAFE_NO_PAD
        .decode(value.as_str().expect("base64url text"))
        .expect("base64url")
}
