use std::path::PathBuf;
use std::sync::Arc;

use clientele::clock::ManualClock;
use clientele::config::ServeConfig;
use clientele::server::Application;
use clientele::state::AppState;
use tempfile::TempDir;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A running server with its own database and clock. Dropping it stops the server and removes
/// the database.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`, also the issuer.
    pub address: String,
    /// A client with its own cookie jar, like one browser.
    pub client: reqwest::Client,
    /// The server's clock; `clock.advance(s)` moves time without sleeping.
    pub clock: Arc<ManualClock>,
    pub state: AppState,
    pub database_url: String,
    shutdown: Option<oneshot::Sender<()>>,
    _database_dir: TempDir,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// A new client with an empty cookie jar, like a second browser.
    pub fn new_client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("building an HTTP client")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// The console built by trunk (`dist/` at the workspace root).
pub fn console_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist")
}

pub async fn spawn_app() -> TestApp {
    clientele::telemetry::init_with_default("warn");
    let database_dir = tempfile::tempdir().expect("creating a temporary folder");
    let database_url = format!("sqlite://{}/clientele.db", database_dir.path().display());
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("binding port 0");
    let address = format!("http://{}", listener.local_addr().expect("local address"));
    let config = ServeConfig {
        bind: listener.local_addr().expect("local address"),
        public_url: address.parse().expect("a valid URL"),
        static_dir: console_dir(),
        lifetimes: Default::default(),
        jwt_access_token_alg: clientele::keys::Algorithm::Es256,
    };
    let clock = ManualClock::new();
    let app = Application::from_listener(config, listener, &database_url, clock.clone())
        .await
        .expect("building the application");
    let state = app.state().clone();
    let (shutdown, stopped) = oneshot::channel::<()>();
    tokio::spawn(app.run_until(async move {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("building an HTTP client");
    TestApp { address, client, clock, state, database_url, shutdown: Some(shutdown), _database_dir: database_dir }
}
