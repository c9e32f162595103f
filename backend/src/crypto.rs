//! Hashing of high-entropy tokens (session tokens, client secrets, access tokens).
//!
//! These values carry 256 random bits, so a fast hash is as good as a slow one against guessing
//! and keeps every lookup a cheap indexed equality match.

use rand::distributions::Slice;
use rand::rngs::OsRng;
use rand::Rng;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

pub fn token_hash(token: &str) -> String {
    // Into a buffer, then one allocation: `hex::encode` pushes the 64 characters one by one,
    // which showed in the introspection profile.
    let mut digits = [0u8; 64];
    hex::encode_to_slice(Sha256::digest(token.as_bytes()), &mut digits)
        .expect("32 bytes are 64 hex digits");
    std::str::from_utf8(&digits)
        .expect("hex digits are ASCII")
        .to_owned()
}

/// A new opaque token (or JWT `jti`): `prefix`, the time in milliseconds as 12 hex digits, a
/// dot, and 256 random bits. The time part orders the stored keys (see `token_key`); the random
/// part is what makes the token unguessable.
pub fn new_token(prefix: &str) -> String {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_millis())
        .unwrap_or(0);
    shared::credentials::random_token(&format!("{prefix}{millis:012x}."))
}

/// A new secret for a link (`prefix` and 256 random bits, base64url): no dot, since the
/// console serves its page for paths whose last segment has no file extension (a team
/// invitation's `/invitations/{token}`). Stored as `token_hash`.
pub fn new_link_token(prefix: &str) -> String {
    shared::credentials::random_token(prefix)
}

/// The key an access or refresh token is stored and found under: its SHA-256, led by the time
/// part of tokens that carry one (`new_token`). Keys of new tokens then grow with time, so each
/// insert lands at the end of the index instead of on a random page: the token endpoint writes
/// one page per batch there instead of one per token. Tokens issued before this format (no time
/// part) keep the plain hash they were stored under.
pub fn token_key(presented: &str) -> String {
    match time_part(presented) {
        Some(time) => format!("{time}.{}", token_hash(presented)),
        None => token_hash(presented),
    }
}

/// The 12 hex digits before the dot of `[prefix_]TIME.RANDOM`; `None` for anything else.
fn time_part(token: &str) -> Option<&str> {
    let (head, _) = token.split_once('.')?;
    let time = head.rsplit('_').next()?;
    (time.len() == 12
        && time
            .bytes()
            .all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f')))
    .then_some(time)
}

/// `length` characters drawn uniformly from `alphabet` by the operating system's generator: the
/// one way the short codes people type are made (device user codes, recovery codes).
pub fn random_code(alphabet: &[u8], length: usize) -> String {
    let letters = Slice::new(alphabet).expect("an alphabet has letters");
    OsRng
        .sample_iter(letters)
        .take(length)
        .map(|&letter| char::from(letter))
        .collect()
}

/// Compares two secrets without leaking, through timing, how many leading bytes matched.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_hash_is_hex_sha256() {
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn new_tokens_are_keyed_by_time_then_hash_and_older_tokens_by_hash() {
        let hash_of = |token: &str| token_hash(token);
        let cases: [(&str, Option<&str>); 7] = [
            ("cat_019a8f3c2b10.abcDEF_-123", Some("019a8f3c2b10")),
            ("crt_019a8f3c2b10.x", Some("019a8f3c2b10")),
            ("019a8f3c2b10.jti-random", Some("019a8f3c2b10")),
            // Issued before the time part existed: base64url never holds a dot.
            ("cat_q1Xb-_9kZ", None),
            ("cat_019A8F3C2B10.upper-case-is-not-ours", None),
            ("cat_19a8f3c2b10.too-short", None),
            ("not.a.token", None),
        ];
        for (token, time) in cases {
            let expected = match time {
                Some(time) => format!("{time}.{}", hash_of(token)),
                None => hash_of(token),
            };
            assert_eq!(token_key(token), expected, "{token}");
        }
    }

    #[test]
    fn keys_of_tokens_issued_later_sort_later() {
        let first = token_key(&new_token("cat_"));
        std::thread::sleep(std::time::Duration::from_millis(2));
        let second = token_key(&new_token("cat_"));
        assert!(first < second, "{first} then {second}");
        assert!(
            new_token("cat_").len() > "cat_".len() + 12 + 1 + 42,
            "256 random bits after the time"
        );
    }

    #[test]
    fn random_codes_have_the_length_asked_and_only_letters_of_the_alphabet() {
        for (alphabet, length) in [(&b"AB"[..], 8), (&b"xyz234"[..], 16), (&b"Q"[..], 3)] {
            let code = random_code(alphabet, length);
            assert_eq!(code.len(), length, "{code}");
            assert!(code.bytes().all(|b| alphabet.contains(&b)), "{code}");
        }
        assert_ne!(
            random_code(b"0123456789", 32),
            random_code(b"0123456789", 32)
        );
    }

    #[test]
    fn constant_time_comparison_matches_equality() {
        assert!(constant_time_eq("same", "same"));
        assert!(!constant_time_eq("same", "sane"));
        assert!(!constant_time_eq("short", "longer"));
    }
}
