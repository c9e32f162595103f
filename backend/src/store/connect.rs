//! Opening the database and applying migrations at start. `sqlite://PATH` (the default)
//! keeps an embedded database; `postgres://…` selects PostgreSQL, for several nodes on one
//! database. Each backend has its own migrations folder. On PostgreSQL sqlx takes an advisory
//! lock while migrating, so nodes starting together apply each migration once.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::Executor;

use super::Store;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of(url: &str) -> anyhow::Result<Backend> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            anyhow::bail!("unsupported database URL (use sqlite://PATH or postgres://…): {url}")
        }
    }
}

/// Pool settings (`clientele serve --help`).
#[derive(Debug, Clone, Copy)]
pub struct PoolOptions {
    pub max_connections: u32,
    /// PostgreSQL `statement_timeout`; `None` leaves the server's default.
    pub statement_timeout: Option<Duration>,
}

impl Default for PoolOptions {
    fn default() -> Self {
        PoolOptions { max_connections: 8, statement_timeout: Some(Duration::from_secs(10)) }
    }
}

/// Connects with default pool settings and applies pending migrations.
pub async fn connect(database_url: &str) -> anyhow::Result<Store> {
    connect_with(database_url, PoolOptions::default()).await
}

pub async fn connect_with(database_url: &str, options: PoolOptions) -> anyhow::Result<Store> {
    let store = open(database_url, options).await?;
    store.migrate().await?;
    Ok(store)
}

/// Connects without migrating (for `db copy`'s source, which must not change).
pub async fn open(database_url: &str, options: PoolOptions) -> anyhow::Result<Store> {
    sqlx::any::install_default_drivers();
    let backend = Backend::of(database_url)?;
    let url = match backend {
        Backend::Sqlite => prepare_sqlite(database_url)?,
        Backend::Postgres => database_url.to_owned(),
    };
    // sqlx's SQLite defaults apply through `Any` (foreign keys on, 5 s busy timeout); WAL and
    // the sync level are set per connection below.
    let connect_options = AnyConnectOptions::from_str(&url).context("invalid database URL")?;
    let pool = pool_options(backend, options, options.max_connections)
        .connect_with(connect_options.clone())
        .await
        .with_context(|| format!("cannot open the database at {}", redact(database_url)))?;
    let writer = match backend {
        Backend::Sqlite => pool_options(backend, options, 1).connect_with(connect_options).await?,
        Backend::Postgres => pool.clone(),
    };
    let token_batcher = super::token_batch::TokenBatcher::start(writer.clone());
    Ok(Store { pool, writer, backend, token_batcher })
}

fn pool_options(backend: Backend, options: PoolOptions, max_connections: u32) -> AnyPoolOptions {
    let statement_timeout = options.statement_timeout;
    AnyPoolOptions::new().max_connections(max_connections).after_connect(move |connection, _| {
        Box::pin(async move {
            match (backend, statement_timeout) {
                (Backend::Postgres, Some(timeout)) => {
                    connection.execute(format!("SET statement_timeout = {}", timeout.as_millis()).as_str()).await?;
                }
                // WAL lets readers run beside the writer (sqlx 0.8 leaves the journal mode alone
                // unless asked). In WAL mode, NORMAL syncs at checkpoints instead of at every
                // commit: a killed process loses nothing it committed (the WAL is in the OS
                // already); only a power cut can lose the last moments. Token issuance commits
                // often, so this is the difference between disk-bound and CPU-bound.
                (Backend::Sqlite, _) => {
                    connection.execute("PRAGMA journal_mode = WAL").await?;
                    connection.execute("PRAGMA synchronous = NORMAL").await?;
                }
                _ => {}
            }
            Ok(())
        })
    })
}

impl Store {
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies pending migrations (under PostgreSQL's advisory lock).
    pub async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.writer).await.context("applying database migrations failed")
    }
}

/// Makes sure the database file's folder exists and asks SQLite to create the file.
fn prepare_sqlite(url: &str) -> anyhow::Result<String> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path != ":memory:" && !path.is_empty() {
        if let Some(folder) = Path::new(path).parent().filter(|folder| !folder.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder)
                .with_context(|| format!("cannot create the database folder {}", folder.display()))?;
        }
    }
    let query = if query.contains("mode=") {
        query.to_owned()
    } else if query.is_empty() {
        "mode=rwc".to_owned()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok(format!("sqlite://{path}?{query}"))
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}
