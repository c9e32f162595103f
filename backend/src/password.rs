//! Console passwords: argon2id (the `argon2` crate's defaults follow the OWASP guidance: 19 MiB
//! of memory and 2 passes per hash). Hashing is deliberately slow, so it runs on the blocking
//! pool, never on the async runtime, and the server runs at most `slots` hashes at once
//! ([`Hasher`]): a burst of sign-ins then costs at most `slots x 19 MiB`, and waits its turn or
//! is told to come back, instead of taking the server's memory (issue: 100 parallel sign-ins
//! took it to 1.9 GB).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use argon2::password_hash::{rand_core::OsRng, Output, PasswordHash, SaltString};
use argon2::Argon2;
use subtle::ConstantTimeEq;
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

/// Runs password hashes on its own `slots` threads, never more at once.
///
/// Own threads rather than the runtime's blocking pool: the pool starts a new thread whenever
/// none is idle at that instant, and with glibc every thread that ran a hash keeps its 19 MiB
/// in its own malloc arena. Measured with the blocking pool and 4 permits, 100 parallel
/// sign-ins left the server at 458 MB; with 4 threads of its own the peak stays near
/// 4 x 19 MiB over the server's base.
#[derive(Debug)]
pub struct Hasher {
    slots: Semaphore,
    capacity: usize,
    wait: Duration,
    jobs: std::sync::mpsc::Sender<Job>,
    in_use: std::sync::Arc<AtomicUsize>,
    peak: std::sync::Arc<AtomicUsize>,
}

type Job = Box<dyn FnOnce() + Send>;

impl Hasher {
    /// `slots` hashes at once; a request waits at most `wait` for one.
    pub fn new(slots: usize, wait: Duration) -> Hasher {
        let slots = slots.max(1);
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        let queue = std::sync::Arc::new(std::sync::Mutex::new(queue));
        for n in 0..slots {
            let queue = queue.clone();
            let worker = std::thread::Builder::new()
                .name(format!("password-{n}"))
                .spawn(move || loop {
                    // The lock is held only while taking a job; the work runs after it is released.
                    let next = queue
                        .lock()
                        .unwrap_or_else(|poisoned| poisoned.into_inner())
                        .recv();
                    match next {
                        Ok(job) => job(),
                        // The hasher was dropped (the server stopped).
                        Err(_) => break,
                    }
                });
            if let Err(err) = worker {
                tracing::error!(error = %err, "starting a password thread failed");
            }
        }
        Hasher {
            slots: Semaphore::new(slots),
            capacity: slots,
            wait,
            jobs,
            in_use: Default::default(),
            peak: Default::default(),
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
        // A permit per job sent: the queue never holds more jobs than there are threads.
        let permit = tokio::time::timeout(self.wait, self.slots.acquire())
            .await
            .map_err(|_| HashError::Busy)?;
        let _permit = permit.map_err(|_| HashError::Busy)?;
        let (answer, answered) = tokio::sync::oneshot::channel();
        let (in_use, peak) = (self.in_use.clone(), self.peak.clone());
        let job: Job = Box::new(move || {
            let running = in_use.fetch_add(1, Ordering::Relaxed) + 1;
            peak.fetch_max(running, Ordering::Relaxed);
            // A panic stays in the job (the caller gets an error), so the thread lives on.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
            in_use.fetch_sub(1, Ordering::Relaxed);
            if let Ok(result) = result {
                let _ = answer.send(result);
            }
        });
        self.jobs
            .send(job)
            .map_err(|_| HashError::Failed(anyhow::anyhow!("the password threads have stopped")))?;
        answered
            .await
            .map_err(|_| HashError::Failed(anyhow::anyhow!("a password thread stopped mid-hash")))
    }
}

/// Hashes without the server's bound, for the command line (one hash per run).
pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_now(&password)).await?
}

fn hash_now(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    let argon = Argon2::default();
    let mut out = [0u8; argon2::Params::DEFAULT_OUTPUT_LEN];
    let mut salt_bytes = [0u8; 64];
    let raw_salt = salt
        .decode_b64(&mut salt_bytes)
        .map_err(|err| anyhow::anyhow!("salt: {err}"))?;
    with_blocks(argon.params().block_count(), |blocks| {
        argon.hash_password_into_with_memory(password.as_bytes(), raw_salt, &mut out, blocks)
    })
    .map_err(|err| anyhow::anyhow!("hashing the password failed: {err}"))?;
    let phc = PasswordHash {
        algorithm: argon2::Algorithm::default().ident(),
        version: Some(argon2::Version::default().into()),
        params: argon
            .params()
            .try_into()
            .map_err(|err| anyhow::anyhow!("params: {err}"))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|err| anyhow::anyhow!("output: {err}"))?),
    };
    Ok(phc.to_string())
}

/// Checks `password` against a PHC string, in constant time; anything malformed is a mismatch.
fn verify_now(password: &str, stored_hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored_hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(params), Some(salt), Some(expected)) = (
        argon2::Algorithm::try_from(parsed.algorithm),
        argon2::Params::try_from(&parsed),
        parsed.salt,
        parsed.hash,
    ) else {
        return false;
    };
    let version = match parsed.version.map(argon2::Version::try_from) {
        None => argon2::Version::default(),
        Some(Ok(version)) => version,
        Some(Err(_)) => return false,
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(raw_salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    let argon = Argon2::new(algorithm, version, params.clone());
    let computed = with_blocks(params.block_count(), |blocks| {
        argon.hash_password_into_with_memory(password.as_bytes(), raw_salt, &mut out, blocks)
    });
    computed.is_ok() && bool::from(out.as_slice().ct_eq(expected.as_bytes()))
}

thread_local! {
    /// Argon2's working memory, allocated once per thread and reused by every hash on it:
    /// allocating 19 MiB per hash made glibc keep growing the process (measured: +19.5 MB of
    /// resident memory per sequential sign-in on one thread, never given back).
    static BLOCKS: std::cell::RefCell<Vec<argon2::Block>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn with_blocks<T>(count: usize, work: impl FnOnce(&mut [argon2::Block]) -> T) -> T {
    BLOCKS.with(|cell| {
        let mut blocks = cell.borrow_mut();
        if blocks.len() < count {
            blocks.resize(count, argon2::Block::default());
        }
        work(&mut blocks[..count])
    })
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

    #[test]
    fn hashes_agree_with_the_argon2_crates_own_hashing_and_verification_both_ways() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let ours = hash_now("correct horse battery staple").unwrap();
        assert!(
            ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{ours}"
        );
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(Argon2::default()
            .verify_password(b"correct horse battery staple", &parsed)
            .is_ok());

        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::default()
            .hash_password(b"an older account's password", &salt)
            .unwrap()
            .to_string();
        assert!(verify_now("an older account's password", &theirs));
        assert!(!verify_now("an older account's passworD", &theirs));
        for malformed in [
            "",
            "plain text",
            "$argon2id$v=19$m=19456,t=2,p=1$",
            "$argon2id$v=99$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA",
        ] {
            assert!(!verify_now("anything", malformed), "{malformed}");
        }
    }

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
