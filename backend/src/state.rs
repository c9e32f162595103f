//! The one state every handler receives.

use std::sync::Arc;

use crate::apps::client_cache::ClientCache;
use crate::apps::secret_use::SecretUseTracker;
use crate::auth::sign_in_limiter::SignInLimiter;
use crate::clock::Clock;
use crate::config::ServeConfig;
use crate::keys::KeyRing;
use crate::store::Store;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<ServeConfig>,
    pub clock: Arc<dyn Clock>,
    pub sign_in_limiter: Arc<SignInLimiter>,
    pub secret_use: Arc<SecretUseTracker>,
    pub keys: Arc<KeyRing>,
    pub clients: Arc<ClientCache>,
}

impl AppState {
    pub fn now(&self) -> i64 {
        self.clock.now()
    }
}
