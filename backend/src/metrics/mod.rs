//! Prometheus metrics (issue 22). Each server has its own registry (`AppState::metrics`), never
//! a process-wide recorder, so tests that run many servers in one process read each server's
//! own numbers. `/metrics` serves them in the Prometheus text format, version 0.0.4, only where
//! the operator configured it (`endpoint.rs`).
//!
//! The token endpoint is the benchmarked path: its counters are resolved once, here, into an
//! array indexed by grant and format, so counting a token is one atomic add; request counts and
//! latencies cost a hash lookup on a route template (`http.rs`), never an allocation once the
//! route has been seen.

mod endpoint;
mod http;
mod token;

pub use endpoint::{listener_router, main_listener_router};
pub use http::{track, UNMATCHED};
pub use token::MetricsToken;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;
use shared::app::{GrantType, TokenFormat};

use crate::store::token_batch::BatchMetrics;
use crate::store::Store;

/// Every error code the token endpoint answers (RFC 6749 section 5.2, RFC 8628 section 3.5,
/// RFC 8707 section 2, and `temporarily_unavailable`/`server_error`), listed up front so each
/// is a series from the start (a rate over a missing series is no rate at all).
const TOKEN_ERRORS: [&str; 13] = [
    "invalid_request",
    "invalid_client",
    "invalid_grant",
    "unauthorized_client",
    "unsupported_grant_type",
    "invalid_scope",
    "invalid_target",
    "authorization_pending",
    "slow_down",
    "expired_token",
    "access_denied",
    "temporarily_unavailable",
    "server_error",
];

const FORMATS: [TokenFormat; 2] = [TokenFormat::Opaque, TokenFormat::Jwt];

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct IssuedLabels {
    grant: &'static str,
    format: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ErrorLabels {
    error: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    pool: &'static str,
    state: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolName {
    pool: &'static str,
}

/// One server's metrics and the registry that names them.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    http: http::HttpMetrics,
    /// `[grant][format]`, in `GrantType::ALL` and `FORMATS` order.
    tokens_issued: [[Counter; FORMATS.len()]; GrantType::ALL.len()],
    token_errors: Family<ErrorLabels, Counter>,
    sign_in_failures: Counter,
    sign_in_throttled: Counter,
    pool_connections: Family<PoolLabels, Gauge>,
    pool_max: Family<PoolName, Gauge>,
}

impl Metrics {
    /// A registry for the server on `store` (whose token batch writer keeps its own histograms).
    pub fn new(store: &Store) -> Metrics {
        let mut registry = Registry::with_prefix("clientele");
        let http = http::HttpMetrics::register(&mut registry);

        let issued = Family::<IssuedLabels, Counter>::default();
        let tokens_issued = GrantType::ALL.map(|grant| {
            FORMATS.map(|format| {
                issued.get_or_create_owned(&IssuedLabels {
                    grant: grant_label(grant),
                    format: format_label(format),
                })
            })
        });
        registry.register(
            "tokens_issued",
            "Access tokens the token endpoint issued, by grant type and format",
            issued,
        );
        let token_errors = Family::<ErrorLabels, Counter>::default();
        for error in TOKEN_ERRORS {
            token_errors.get_or_create_owned(&ErrorLabels { error });
        }
        registry.register(
            "token_errors",
            "Token endpoint requests refused, by OAuth error code (RFC 6749 section 5.2)",
            token_errors.clone(),
        );

        let sign_in_failures = Counter::default();
        registry.register(
            "sign_in_failures",
            "Sign-ins refused for a wrong email or password (console, authorization pages, password grant)",
            sign_in_failures.clone(),
        );
        let sign_in_throttled = Counter::default();
        registry.register(
            "sign_in_throttled",
            "Sign-ins refused unchecked because the sign-in limiter throttled them",
            sign_in_throttled.clone(),
        );

        let pool_connections = Family::<PoolLabels, Gauge>::default();
        registry.register(
            "db_pool_connections",
            "Database connections of this node's pools, idle or in use",
            pool_connections.clone(),
        );
        let pool_max = Family::<PoolName, Gauge>::default();
        registry.register(
            "db_pool_max_connections",
            "The most connections each pool opens",
            pool_max.clone(),
        );
        register_batches(&mut registry, store.token_batch_metrics());

        Metrics {
            registry,
            http,
            tokens_issued,
            token_errors,
            sign_in_failures,
            sign_in_throttled,
            pool_connections,
            pool_max,
        }
    }

    /// The token endpoint issued an access token for `grant` in `format`.
    pub fn token_issued(&self, grant: GrantType, format: TokenFormat) {
        let grant = GrantType::ALL
            .iter()
            .position(|known| *known == grant)
            .unwrap_or_default();
        let format = usize::from(format == TokenFormat::Jwt);
        self.tokens_issued[grant][format].inc();
    }

    /// The token endpoint answered the OAuth error `code`.
    pub fn token_failed(&self, code: &'static str) {
        self.token_errors
            .get_or_create(&ErrorLabels { error: code })
            .inc();
    }

    pub fn sign_in_failed(&self) {
        self.sign_in_failures.inc();
    }

    pub fn sign_in_throttled(&self) {
        self.sign_in_throttled.inc();
    }

    /// The text a scrape gets, with the pools' gauges read now.
    pub fn encode(&self, store: &Store) -> Result<String, std::fmt::Error> {
        for pool in store.pool_use() {
            let in_use = pool.open.saturating_sub(pool.idle);
            for (state, count) in [("idle", pool.idle), ("in_use", in_use)] {
                self.pool_connections
                    .get_or_create(&PoolLabels {
                        pool: pool.name,
                        state,
                    })
                    .set(i64::from(count));
            }
            self.pool_max
                .get_or_create(&PoolName { pool: pool.name })
                .set(i64::from(pool.max));
        }
        let mut text = String::with_capacity(16 * 1024);
        prometheus_client::encoding::prometheus_text::encode(&mut text, &self.registry)?;
        Ok(text)
    }
}

fn register_batches(registry: &mut Registry, batches: &BatchMetrics) {
    registry.register(
        "token_batch_jobs",
        "Token requests the batch writer stored together in one transaction",
        batches.jobs.clone(),
    );
    registry.register_with_unit(
        "token_batch_wait",
        "Time from a token request handing its rows to the batch writer to their commit",
        prometheus_client::registry::Unit::Seconds,
        batches.wait.clone(),
    );
}

/// The grant as a label: its `grant_type`, the device grant by its short name, not its URN.
fn grant_label(grant: GrantType) -> &'static str {
    match grant {
        GrantType::DeviceCode => "device_code",
        other => other.as_str(),
    }
}

fn format_label(format: TokenFormat) -> &'static str {
    match format {
        TokenFormat::Opaque => "opaque",
        TokenFormat::Jwt => "jwt",
    }
}
