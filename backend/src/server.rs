//! Building the application and serving it until a shutdown signal.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use axum::http::StatusCode;
use axum::Router;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::auth::sign_up_limiter::SignUpLimiter;
use crate::clock::Clock;
use crate::config::ServeConfig;
use crate::keys::KeyRing;
use crate::routes;
use crate::state::{AppState, Services};
use crate::store;

/// A server bound to its port, ready to run. Tests build it on port 0 and read `local_addr`.
pub struct Application {
    listener: TcpListener,
    /// `--metrics-address`'s own listener, when set.
    metrics_listener: Option<TcpListener>,
    router: Router,
    state: AppState,
}

impl Application {
    pub async fn build(
        config: ServeConfig,
        database_url: &str,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(config.bind)
            .await
            .with_context(|| format!("cannot listen on {}", config.bind))?;
        Self::from_listener(config, listener, database_url, clock).await
    }

    /// Like `build`, on a listener the caller bound (tests bind port 0 first to learn the
    /// address that becomes the issuer).
    pub async fn from_listener(
        config: ServeConfig,
        listener: TcpListener,
        database_url: &str,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Self> {
        let store = store::connect_with(database_url, config.pool.options()).await?;
        let publish_window = config.lifetimes.access_token + KEY_PUBLISH_LEEWAY_SECONDS;
        let keys = Arc::new(KeyRing::load(&store, clock.now(), publish_window).await?);
        let passwords = config.passwords.hasher();
        let sign_up_limiter = Arc::new(SignUpLimiter::new(config.sign_ups.per_hour, 3600));
        let outbound = crate::outbound::Outbound::new(
            config.outbound.allow_private,
            config.outbound.ca_file.as_deref(),
        )
        .context("CLIENTELE_OUTBOUND_CA_FILE")?;
        let mailer = crate::mail::Mailer::from_settings(&config.invitations, &config.public_url)
            .context("CLIENTELE_SMTP_URL")?
            .map(Arc::new);
        let metrics_listener = match config.metrics.address {
            Some(address) => Some(
                TcpListener::bind(address)
                    .await
                    .with_context(|| format!("cannot listen on {address} for metrics"))?,
            ),
            None => None,
        };
        let metrics = crate::metrics::Metrics::new(&store);
        let state = AppState::new(Services {
            metrics,
            store,
            passwords,
            config: Arc::new(config),
            clock,
            sign_in_limiter: Default::default(),
            second_factor_limiter: Default::default(),
            sign_up_limiter,
            device_code_guesses: Arc::new(SignUpLimiter::new(
                crate::oauth::device::verification::GUESSES_PER_WINDOW,
                crate::oauth::device::verification::GUESS_WINDOW,
            )),
            secret_use: Default::default(),
            keys,
            clients: Default::default(),
            apis: Default::default(),
            outbound: Arc::new(outbound),
            client_documents: Default::default(),
            mailer,
            password_reset_limits: Default::default(),
        });
        tokio::spawn(reload_keys_periodically(state.clone()));
        crate::housekeeping::start(&state);
        let router = router(state.clone());
        Ok(Self {
            listener,
            metrics_listener,
            router,
            state,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Where `--metrics-address` is listening (tests bind port 0).
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics_listener
            .as_ref()
            .and_then(|listener| listener.local_addr().ok())
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` completes, then finishes in-flight requests.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        tracing::info!(address = %self.local_addr(), issuer = %self.state.config.issuer(), "serving");
        let header_read_timeout = self.state.config.timeouts.header_read();
        // The metrics listener stops when the main one does (its sender is dropped then).
        let _metrics_running = self.metrics_listener.map(|listener| {
            tracing::info!(address = ?listener.local_addr().ok(), "serving /metrics");
            let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
            let router = crate::metrics::listener_router(self.state.clone());
            tokio::spawn(crate::connections::serve(
                listener,
                router,
                header_read_timeout,
                async move {
                    let _ = stopped.await;
                },
            ));
            stop
        });
        crate::connections::serve(self.listener, self.router, header_read_timeout, shutdown).await
    }
}

/// Retired keys stay published this long after the last token they signed expires (clock skew).
const KEY_PUBLISH_LEEWAY_SECONDS: i64 = 300;
const KEY_RELOAD_INTERVAL: std::time::Duration = std::time::Duration::from_secs(30);

/// Picks up keys rotated by `clientele keys rotate` or another node.
async fn reload_keys_periodically(state: AppState) {
    let mut interval = tokio::time::interval(KEY_RELOAD_INTERVAL);
    interval.tick().await;
    loop {
        interval.tick().await;
        if let Err(err) = state.keys.reload(&state.store, state.now()).await {
            tracing::warn!(error = %err, "reloading signing keys failed");
        }
    }
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(routes::health::router())
        .merge(crate::metrics::main_listener_router())
        .nest("/api/v1", routes::api_router(state.clone()))
        .merge(crate::oauth::router(state.clone()))
        .merge(routes::console::router(&state))
        // A request (reading its body included) that takes longer is answered 408, which also
        // ends a client that trickles its body (see connections.rs for headers).
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            state.config.timeouts.request(),
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        // Outermost, so latencies include compression and timeouts count as 408.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::metrics::track,
        ))
        .with_state(state)
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
