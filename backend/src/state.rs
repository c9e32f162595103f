//! The one state every handler receives.

use std::sync::Arc;

use crate::apps::client_cache::ClientCache;
use crate::apps::secret_use::SecretUseTracker;
use crate::auth::sign_in_limiter::SignInLimiter;
use crate::auth::sign_up_limiter::SignUpLimiter;
use crate::clock::Clock;
use crate::config::ServeConfig;
use crate::keys::KeyRing;
use crate::store::Store;

/// Handlers, extractors and middleware each take their own copy of the state for every request,
/// so a copy is one reference count: cloning and dropping the fields one by one was 3–5% of the
/// server's CPU in the introspection profile (`drop_in_place<AppState>`, `HandlerService::clone`).
#[derive(Clone)]
pub struct AppState(Arc<Services>);

/// What the state holds; reached through `AppState`'s `Deref` (`state.store`, `state.keys`…).
pub struct Services {
    pub store: Store,
    pub config: Arc<ServeConfig>,
    pub clock: Arc<dyn Clock>,
    pub sign_in_limiter: Arc<SignInLimiter>,
    /// Second-factor codes tried, with the password's budgets (`accounts::two_factor`).
    pub second_factor_limiter: Arc<SignInLimiter>,
    /// Every password hash the server runs goes through it (bounded concurrency).
    pub passwords: crate::password::Hasher,
    pub sign_up_limiter: Arc<SignUpLimiter>,
    /// User codes tried at `/device`, per address (RFC 8628 section 5.1).
    pub device_code_guesses: Arc<SignUpLimiter>,
    pub secret_use: Arc<SecretUseTracker>,
    pub keys: Arc<KeyRing>,
    pub clients: Arc<ClientCache>,
    /// The catalogue of APIs, kept briefly (`apis::catalogue`).
    pub apis: Arc<crate::apis::ApiCache>,
    /// Requests to URLs others name, guarded (`outbound`).
    pub outbound: Arc<crate::outbound::Outbound>,
    /// Metadata documents this node fetched (`client_documents::cache`).
    pub client_documents: Arc<crate::client_documents::cache::DocumentCache>,
    /// The SMTP server invitation links are mailed through, when one is configured.
    pub mailer: Option<Arc<crate::mail::Mailer>>,
    /// This server's own metrics registry (`/metrics`).
    pub metrics: crate::metrics::Metrics,
    /// Password-reset mails asked for, per address and per email.
    pub password_reset_limits: Arc<crate::accounts::password_reset::Limits>,
}

impl AppState {
    pub fn new(services: Services) -> AppState {
        AppState(Arc::new(services))
    }

    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// The catalogue of APIs as this node currently knows it.
    pub async fn catalogue(&self) -> Result<Arc<crate::apis::Catalogue>, crate::store::StoreError> {
        self.apis.get(&self.store, || self.config.issuer()).await
    }
}

impl std::ops::Deref for AppState {
    type Target = Services;

    fn deref(&self) -> &Services {
        &self.0
    }
}
