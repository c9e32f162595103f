//! Console passwords: argon2id (the `argon2` crate's defaults follow the OWASP guidance: 19 MiB
//! of memory and 2 passes per hash). Hashing is deliberately slow, so it runs on the blocking
//! pool, never on the async runtime, and the server runs at most `slots` hashes at once
//! ([`Hasher`]): a burst of sign-ins then costs at most `slots x 19 MiB`, and waits its turn or
//! is told to come back, instead of taking the server's memory (issue: 100 parallel sign-ins
//! took it to 1.9 GB).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use tokio::sync::Semaphore;

/// Memory one argon2 hash uses with the default parameters, for the documented ceiling.
pub const MEMORY_PER_HASH_MIB: usize = 19;

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// Every slot stayed busy for the whole wait: the caller answers 503 with `Retry-After`.
    #[error("the server is busy checking other passwords")]
    Busy,
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

/// Runs password hashes with a bound on how many run at once.
#[derive(Debug)]
pub struct Hasher {
    slots: Semaphore,
    capacity: usize,
    wait: Duration,
    in_use: AtomicUsize,
    peak: AtomicUsize,
}

impl Hasher {
    /// `slots` hashes at once; a request waits at most `wait` for one.
    pub fn new(slots: usize, wait: Duration) -> Hasher {
        let slots = slots.max(1);
        Hasher {
            slots: Semaphore::new(slots),
            capacity: slots,
            wait,
            in_use: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
        }
    }

    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        self.bounded(move || hash_now(&password))
            .await?
            .map_err(HashError::Failed)
    }

    /// Checks a password against a stored hash. A malformed stored hash counts as a mismatch.
    pub async fn verify(&self, password: String, stored_hash: String) -> Result<bool, HashError> {
        self.bounded(move || verify_now(&password, &stored_hash))
            .await
    }

    /// The most hashes that ran at once since start (never above the slots).
    pub fn peak(&self) -> usize {
        self.peak.load(Ordering::Relaxed)
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    async fn bounded<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, HashError> {
        let permit = tokio::time::timeout(self.wait, self.slots.acquire())
            .await
            .map_err(|_| HashError::Busy)?;
        let _permit = permit.map_err(|_| HashError::Busy)?;
        let running = self.in_use.fetch_add(1, Ordering::Relaxed) + 1;
        self.peak.fetch_max(running, Ordering::Relaxed);
        let result = tokio::task::spawn_blocking(work).await;
        self.in_use.fetch_sub(1, Ordering::Relaxed);
        result.map_err(|err| HashError::Failed(err.into()))
    }
}

/// Hashes without the server's bound, for the command line (one hash per run).
pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_now(&password)).await?
}

fn hash_now(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|err| anyhow::anyhow!("hashing the password failed: {err}"))
}

fn verify_now(password: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of a random password, verified against when an email has no account so that a
/// failed sign-in takes as long whether or not the email exists.
pub fn unknown_user_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        let random: String = SaltString::generate(&mut OsRng).as_str().to_owned();
        hash_now(&random).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_hashes_run_at_once_than_there_are_slots_and_the_rest_wait_or_are_refused() {
        let hasher = std::sync::Arc::new(Hasher::new(2, Duration::from_millis(1)));
        let stored = hash("correct horse battery staple".to_owned())
            .await
            .unwrap();
        let checks: Vec<_> = (0..12)
            .map(|_| {
                let (hasher, stored) = (hasher.clone(), stored.clone());
                tokio::spawn(async move { hasher.verify("wrong".to_owned(), stored).await })
            })
            .collect();
        let mut busy = 0;
        for check in checks {
            match check.await.unwrap() {
                Ok(matches) => assert!(!matches),
                Err(HashError::Busy) => busy += 1,
                Err(other) => panic!("{other}"),
            }
        }
        assert!(hasher.peak() <= 2, "{} hashes ran at once", hasher.peak());
        assert!(
            busy > 0,
            "a 1 ms wait cannot fit twelve hashes on two slots"
        );
        assert!(hasher
            .verify("correct horse battery staple".to_owned(), stored)
            .await
            .unwrap());
    }
}
