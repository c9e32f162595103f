//! Records when secrets authenticate without a database write per token request: uses are
//! counted in memory and written at most once a minute per secret (the first use at once, so
//! "never used" and "safe to revoke" are right from the first request).

use std::collections::HashMap;
use std::sync::Mutex;

use crate::store::Store;

pub const WRITE_INTERVAL_SECONDS: i64 = 60;

#[derive(Debug, Default)]
pub struct SecretUseTracker {
    /// secret id → (uses not yet written, time of the last write)
    pending: Mutex<HashMap<String, (i64, Option<i64>)>>,
}

impl SecretUseTracker {
    /// Counts one use; writes the accumulated uses when the last write is a minute old.
    pub async fn record(&self, store: &Store, secret_id: &str, ip: &str, now: i64) {
        let flush = {
            let mut pending = self
                .pending
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let entry = pending.entry(secret_id.to_owned()).or_insert((0, None));
            entry.0 += 1;
            let due = entry
                .1
                .is_none_or(|written| now - written >= WRITE_INTERVAL_SECONDS);
            if due {
                let uses = entry.0;
                *entry = (0, Some(now));
                Some(uses)
            } else {
                None
            }
        };
        if let Some(uses) = flush {
            if let Err(err) = store.record_secret_use(secret_id, now, ip, uses).await {
                tracing::warn!(error = %err, secret_id, "could not record a secret's use");
            }
        }
    }
}
