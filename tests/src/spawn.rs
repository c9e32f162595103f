use std::path::PathBuf;
use std::sync::Arc;

use clientele::clock::ManualClock;
use clientele::config::ServeConfig;
use clientele::server::Application;
use clientele::state::AppState;
use tempfile::TempDir;
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
    /// `http://ADDRESS` of the `--metrics-address` listener, when the test configured one.
    pub metrics_address: Option<String>,
    shutdown: Option<oneshot::Sender<()>>,
    _database_dir: TempDir,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// The number a `SELECT COUNT(…)` query of the app's database answers.
    pub async fn count(&self, sql: &str) -> i64 {
        self.scalar(sql).await
    }

    /// The value a query (without parameters) of the app's database selects first.
    pub async fn scalar<T>(&self, sql: &str) -> T
    where
        T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any> + Send + Unpin,
    {
        let values = self.scalars(sql).await;
        values
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("{sql}: no row"))
    }

    /// Every value a query (without parameters) of the app's database selects, in its order.
    pub async fn scalars<T>(&self, sql: &str) -> Vec<T>
    where
        T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any> + Send + Unpin,
    {
        sqlx::query_scalar(sql)
            .fetch_all(self.state.store.pool())
            .await
            .unwrap_or_else(|err| panic!("{sql}: {err}"))
    }

    /// `GET path` with the app's own client (its cookie jar, no redirects followed).
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// `POST path` with `body` as JSON, with the app's own client.
    pub async fn post(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.post_from(&self.client, path, body).await
    }

    /// `POST path` with `body` as JSON from `client` (its own cookie jar; no CSRF header, no
    /// browser headers), whatever it answers.
    pub async fn post_from(
        &self,
        client: &reqwest::Client,
        path: &str,
        body: &serde_json::Value,
    ) -> reqwest::Response {
        client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .unwrap_or_else(|err| panic!("POST {path}: {err}"))
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

/// Which database the suite runs against: SQLite by default; PostgreSQL when the test command
/// sets `CLIENTELE_TEST_BACKEND=postgres` (inside scripts/with-postgres.sh).
pub fn backend_under_test() -> &'static str {
    match std::env::var("CLIENTELE_TEST_BACKEND").as_deref() {
        Ok("postgres") => "postgres",
        _ => "sqlite",
    }
}

/// A new, empty database for one test.
pub async fn fresh_database_url(dir: &TempDir) -> String {
    if backend_under_test() == "sqlite" {
        return format!("sqlite://{}/clientele.db", dir.path().display());
    }
    let admin_url = std::env::var("CLIENTELE_TEST_POSTGRES_URL")
        .expect("CLIENTELE_TEST_POSTGRES_URL is set by scripts/with-postgres.sh");
    let name = format!(
        "clientele_test_{}",
        clientele::ids::new_id("db")
            .to_lowercase()
            .replace(['-', '_'], "")
    );
    sqlx::any::install_default_drivers();
    let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin_url)
        .await
        .expect("connecting to the test PostgreSQL");
    sqlx::Executor::execute(&mut admin, format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("creating a test database");
    let mut url = url::Url::parse(&admin_url).expect("a PostgreSQL URL");
    url.set_path(&format!("/{name}"));
    url.to_string()
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like `spawn_app`, reached at `http://localhost:PORT`, also its issuer: a WebAuthn relying
/// party id must be a domain (never an IP address), and browsers count `localhost` as a secure
/// context, where passkeys work without TLS.
pub async fn spawn_app_at_localhost() -> TestApp {
    let mut app = spawn_app_with(|config| {
        config
            .public_url
            .set_host(Some("localhost"))
            .expect("localhost is a host");
    })
    .await;
    app.address = app.address.replacen("127.0.0.1", "localhost", 1);
    app
}

/// Like `spawn_app`, with settings changed from the defaults (short timeouts, limits…).
pub async fn spawn_app_with(configure: impl FnOnce(&mut ServeConfig)) -> TestApp {
    let database_dir = tempfile::tempdir().expect("creating a temporary folder");
    let database_url = fresh_database_url(&database_dir).await;
    spawn_configured_app_on(database_url, database_dir, configure).await
}

/// A server on an existing database (a second node, or a database made by the test). The
/// folder is kept until the app is dropped.
pub async fn spawn_app_on(database_url: String, database_dir: TempDir) -> TestApp {
    spawn_configured_app_on(database_url, database_dir, |_| {}).await
}

/// Like `spawn_app_on`, with settings changed from the defaults (a node configured differently).
pub async fn spawn_configured_app_on(
    database_url: String,
    database_dir: TempDir,
    configure: impl FnOnce(&mut ServeConfig),
) -> TestApp {
    clientele::telemetry::init_with_default("warn");
    let (listener, address) = crate::serving::loopback_listener("port 0").await;
    let mut config = ServeConfig {
        bind: listener.local_addr().expect("local address"),
        public_url: address.parse().expect("a valid URL"),
        static_dir: console_dir(),
        lifetimes: Default::default(),
        pool: Default::default(),
        passwords: Default::default(),
        timeouts: Default::default(),
        housekeeping: Default::default(),
        sign_ups: Default::default(),
        registration: Default::default(),
        client_documents: Default::default(),
        outbound: Default::default(),
        invitations: Default::default(),
        metrics: Default::default(),
        jwt_access_token_alg: clientele::keys::Algorithm::Es256,
    };
    configure(&mut config);
    let clock = ManualClock::new();
    let app = Application::from_listener(config, listener, &database_url, clock.clone())
        .await
        .expect("building the application");
    let state = app.state().clone();
    let metrics_address = app
        .metrics_addr()
        .map(|address| format!("http://{address}"));
    let (shutdown, stopped) = oneshot::channel::<()>();
    tokio::spawn(app.run_until(async move {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("building an HTTP client");
    TestApp {
        address,
        client,
        clock,
        state,
        database_url,
        metrics_address,
        shutdown: Some(shutdown),
        _database_dir: database_dir,
    }
}
