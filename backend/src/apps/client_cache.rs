//! Apps and their active secrets as client authentication needs them, kept in memory for half
//! a second, so a busy token endpoint reads them once per client rather than twice per request.
//!
//! Every change made through this node (settings, secrets, reset, disable, delete) drops the
//! entry at once. A change made through another node or the CLI is seen within `MAX_AGE`, which
//! keeps the promise that a revoked secret stops working everywhere within a second. A secret
//! that does not match what is cached is checked against the database once more before being
//! refused, so a secret generated on another node works on its very first request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::store::apps::AppRow;
use crate::store::secrets::SecretRow;
use crate::store::{Store, StoreError};

pub const MAX_AGE: Duration = Duration::from_millis(500);
/// A bound on memory; a full cache is simply emptied.
const MAX_ENTRIES: usize = 10_000;

#[derive(Debug)]
pub struct CachedClient {
    pub app: Arc<AppRow>,
    /// Secrets that were active when loaded; callers still check expiry at use.
    pub secrets: Vec<SecretRow>,
    loaded: Instant,
}

impl CachedClient {
    pub fn is_fresh(&self) -> bool {
        self.loaded.elapsed() < MAX_AGE
    }
}

pub struct Lookup {
    pub entry: Arc<CachedClient>,
    /// `false` when it was just read from the database.
    pub from_cache: bool,
}

#[derive(Debug, Default)]
pub struct ClientCache {
    entries: Mutex<HashMap<String, Arc<CachedClient>>>,
}

impl ClientCache {
    /// The cached entry if fresh (`from_cache` true), else one loaded from the database; `None`
    /// for unknown clients (never cached, so a client registered elsewhere works at once).
    pub async fn get(
        &self,
        store: &Store,
        client_id: &str,
        now: i64,
    ) -> Result<Option<Lookup>, StoreError> {
        let cached = self
            .lock()
            .get(client_id)
            .filter(|entry| entry.is_fresh())
            .cloned();
        match cached {
            Some(entry) => Ok(Some(Lookup {
                entry,
                from_cache: true,
            })),
            None => Ok(self.load(store, client_id, now).await?.map(|entry| Lookup {
                entry,
                from_cache: false,
            })),
        }
    }

    /// Reads the client from the database and caches it.
    pub async fn load(
        &self,
        store: &Store,
        client_id: &str,
        now: i64,
    ) -> Result<Option<Arc<CachedClient>>, StoreError> {
        let Some(app) = store.app(client_id).await? else {
            self.invalidate(client_id);
            return Ok(None);
        };
        let secrets = store.active_secrets_of(client_id, now).await?;
        let entry = Arc::new(CachedClient {
            app: Arc::new(app),
            secrets,
            loaded: Instant::now(),
        });
        let mut entries = self.lock();
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(client_id.to_owned(), entry.clone());
        Ok(Some(entry))
    }

    /// Forgets a client after a change to its app or secrets.
    pub fn invalidate(&self, client_id: &str) {
        self.lock().remove(client_id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<CachedClient>>> {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
