//! What this node knows of each document it fetched: fresh until its HTTP caching headers say
//! (clamped to `MIN_SECONDS`..`MAX_SECONDS`), refusals for `REFUSAL_SECONDS`. One fetch per URL
//! at a time: requests for a URL being fetched wait for that fetch and share its outcome, so a
//! burst of authorizations naming one URL costs one fetch. At most `MAX_ENTRIES` URLs are kept;
//! past that, new URLs are fetched without being remembered (still one at a time per slot,
//! and the fetcher's own limit on concurrent fetches holds).

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

/// Documents are reused at least this long, whatever their headers say (a client cannot make
/// this server fetch on every request) …
pub const MIN_SECONDS: i64 = 5 * 60;
/// … and at most this long, so a changed document is seen within a day.
pub const MAX_SECONDS: i64 = 24 * 3600;
/// A document that could not be used is not fetched again for this long.
pub const REFUSAL_SECONDS: i64 = 10;
pub const MAX_ENTRIES: usize = 1024;
/// Uses are written to the database at most this often per client.
const TOUCH_SECONDS: i64 = 60;

/// A fetch's outcome: the document's app is stored and current, or why it cannot be used.
pub type Outcome = Result<(), String>;

#[derive(Default)]
pub struct DocumentCache {
    slots: Mutex<HashMap<String, Arc<Slot>>>,
}

#[derive(Default)]
struct Slot {
    known: tokio::sync::Mutex<Option<Known>>,
}

struct Known {
    outcome: Outcome,
    until: i64,
    touched_at: i64,
}

/// What `get` found: the outcome, and whether the caller should record a use.
pub struct Found {
    pub outcome: Outcome,
    pub record_use: bool,
}

impl DocumentCache {
    /// The outcome for `url` at `now`: remembered, or from `fetch` (which returns the outcome
    /// and, for a usable document, how many seconds its headers allow reusing it).
    pub async fn get<F, Fut>(&self, url: &str, now: i64, fetch: F) -> Found
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = (Outcome, Option<i64>)>,
    {
        let slot = self.slot(url, now);
        let mut known = slot.known.lock().await;
        if let Some(entry) = known.as_mut().filter(|entry| entry.until > now) {
            let record_use = entry.outcome.is_ok() && now - entry.touched_at >= TOUCH_SECONDS;
            if record_use {
                entry.touched_at = now;
            }
            return Found {
                outcome: entry.outcome.clone(),
                record_use,
            };
        }
        let (outcome, fresh_for) = fetch().await;
        let lifetime = match &outcome {
            Ok(()) => fresh_for
                .unwrap_or(MIN_SECONDS)
                .clamp(MIN_SECONDS, MAX_SECONDS),
            Err(_) => REFUSAL_SECONDS,
        };
        *known = Some(Known {
            outcome: outcome.clone(),
            until: now + lifetime,
            touched_at: now,
        });
        // A fetch that stored the app has recorded its use already.
        Found {
            outcome,
            record_use: false,
        }
    }

    /// Forgets `url` (blocked, unblocked), so the next request reads the database again.
    pub fn forget(&self, url: &str) {
        self.lock().remove(url);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Slot>>> {
        self.slots
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn slot(&self, url: &str, now: i64) -> Arc<Slot> {
        let mut slots = self.lock();
        if let Some(slot) = slots.get(url) {
            return slot.clone();
        }
        if slots.len() >= MAX_ENTRIES {
            // Expired entries go; a slot someone holds (a fetch in flight) stays.
            slots.retain(|_, slot| match slot.known.try_lock() {
                Ok(known) => known.as_ref().is_some_and(|entry| entry.until > now),
                Err(_) => true,
            });
        }
        let slot = Arc::new(Slot::default());
        if slots.len() < MAX_ENTRIES {
            slots.insert(url.to_owned(), slot.clone());
        }
        slot
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn concurrent_requests_share_one_fetch_and_headers_are_clamped() {
        let cache = Arc::new(DocumentCache::default());
        let fetches = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let (cache, fetches) = (cache.clone(), fetches.clone());
            tasks.push(tokio::spawn(async move {
                cache
                    .get("https://a.example/c", 1000, || async {
                        fetches.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                        (Ok(()), Some(10))
                    })
                    .await
                    .outcome
            }));
        }
        for task in tasks {
            assert_eq!(task.await.unwrap(), Ok(()));
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        // max-age=10 is clamped up to MIN_SECONDS.
        let again = |now: i64| {
            let fetches = fetches.clone();
            let cache = cache.clone();
            async move {
                cache
                    .get("https://a.example/c", now, || async move {
                        fetches.fetch_add(1, Ordering::SeqCst);
                        (Ok(()), Some(10 * MAX_SECONDS))
                    })
                    .await
            }
        };
        let found = again(1000 + MIN_SECONDS - 1).await;
        assert!(found.record_use, "a use a while later is recorded");
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        again(1000 + MIN_SECONDS).await;
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
        // A day at most, however long the headers allow.
        again(1000 + MIN_SECONDS + MAX_SECONDS - 1).await;
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
        again(1000 + MIN_SECONDS + MAX_SECONDS).await;
        assert_eq!(fetches.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn refusals_are_kept_briefly_and_the_cache_stays_bounded() {
        let cache = DocumentCache::default();
        let refused = cache
            .get("https://a.example/c", 0, || async {
                (Err("bad".to_owned()), None)
            })
            .await;
        assert_eq!(refused.outcome, Err("bad".to_owned()));
        let kept = cache
            .get("https://a.example/c", REFUSAL_SECONDS - 1, || async {
                (Ok(()), None)
            })
            .await;
        assert_eq!(kept.outcome, Err("bad".to_owned()));
        let retried = cache
            .get("https://a.example/c", REFUSAL_SECONDS, || async {
                (Ok(()), None)
            })
            .await;
        assert_eq!(retried.outcome, Ok(()));
        for n in 0..MAX_ENTRIES + 50 {
            cache
                .get(&format!("https://a.example/{n}"), 100, || async {
                    (Ok(()), None)
                })
                .await;
        }
        assert_eq!(cache.len(), MAX_ENTRIES);
        // Once they expire, new URLs take their places.
        cache
            .get("https://b.example/new", 100 + MAX_SECONDS, || async {
                (Ok(()), None)
            })
            .await;
        assert_eq!(cache.len(), 1);
    }
}
