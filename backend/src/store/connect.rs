//! Opening the database and applying migrations at start. `sqlite://PATH` (the default)
//! keeps an embedded database; `postgres://…` selects PostgreSQL, for several nodes on one
//! database. Each backend has its own migrations folder. On PostgreSQL sqlx takes an advisory
//! lock while migrating, so nodes starting together apply each migration once.

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::Executor;

use super::fast_reads::FastReads;
use super::sqlite_settings::{self, JOURNAL_MODE, PER_CONNECTION};
use super::token_batch::TokenBatcher;
use super::Store;

pub(super) static SQLITE_MIGRATIONS: sqlx::migrate::Migrator =
    sqlx::migrate!("./migrations/sqlite");
pub(super) static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator =
    sqlx::migrate!("./migrations/postgres");

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
        PoolOptions {
            max_connections: 8,
            statement_timeout: Some(Duration::from_secs(10)),
        }
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
    // sqlx's SQLite defaults apply through `Any` (foreign keys on, 5 s busy timeout); the rest
    // of `sqlite_settings` is set per connection below.
    let connect_options = AnyConnectOptions::from_str(&url).context("invalid database URL")?;
    let pool = pool_options(backend, options, options.max_connections)
        .connect_with(connect_options.clone())
        .await
        .with_context(|| format!("cannot open the database at {}", redact(database_url)))?;
    let writer = match backend {
        Backend::Sqlite => {
            pool_options(backend, options, 1)
                .connect_with(connect_options)
                .await?
        }
        Backend::Postgres => pool.clone(),
    };
    // On a SQLite file, the token endpoint's reads and batched writes bypass sqlx's worker
    // threads (see `fast_reads` and `token_batch`).
    let (token_batcher, fast_reads) = match sqlite_file(backend, &url) {
        Some(path) => (
            TokenBatcher::on_sqlite_file(path)?,
            Some(Arc::new(FastReads::new(path))),
        ),
        None => (TokenBatcher::on_pool(writer.clone()), None),
    };
    Ok(Store {
        pool,
        writer,
        backend,
        token_batcher,
        fast_reads,
    })
}

fn pool_options(backend: Backend, options: PoolOptions, max_connections: u32) -> AnyPoolOptions {
    let statement_timeout = options.statement_timeout;
    AnyPoolOptions::new()
        .max_connections(max_connections)
        // An embedded database's connection cannot drop, so the ping sqlx sends before handing
        // out a pooled connection would only cost a round trip to its worker thread.
        .test_before_acquire(backend == Backend::Postgres)
        .after_connect(move |connection, _| {
            Box::pin(async move {
                match (backend, statement_timeout) {
                    (Backend::Postgres, Some(timeout)) => {
                        connection
                            .execute(
                                format!("SET statement_timeout = {}", timeout.as_millis()).as_str(),
                            )
                            .await?;
                    }
                    (Backend::Sqlite, _) => {
                        for statement in sqlite_settings::statements(
                            [JOURNAL_MODE].iter().chain(&PER_CONNECTION),
                        ) {
                            connection.execute(statement.as_str()).await?;
                        }
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
        migrator
            .run(&self.writer)
            .await
            .context("applying database migrations failed")
    }
}

/// The file of a SQLite database URL; `None` for PostgreSQL and in-memory databases (which no
/// second connection can see).
fn sqlite_file(backend: Backend, url: &str) -> Option<&Path> {
    let path = sqlite_path(url);
    let in_memory = path.is_empty() || path == ":memory:" || url.contains("mode=memory");
    (backend == Backend::Sqlite && !in_memory).then(|| Path::new(path))
}

/// The file path of a `sqlite:` URL (without its query string).
fn sqlite_path(url: &str) -> &str {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    rest.split_once('?').map_or(rest, |(path, _)| path)
}

/// Makes sure the database file's folder exists and asks SQLite to create the file.
fn prepare_sqlite(url: &str) -> anyhow::Result<String> {
    let path = sqlite_path(url);
    let query = url.split_once('?').map_or("", |(_, query)| query);
    if path != ":memory:" && !path.is_empty() {
        if let Some(folder) = Path::new(path)
            .parent()
            .filter(|folder| !folder.as_os_str().is_empty())
        {
            std::fs::create_dir_all(folder).with_context(|| {
                format!("cannot create the database folder {}", folder.display())
            })?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sqlite_files_get_the_direct_reads_and_writer() {
        let cases = [
            (
                Backend::Sqlite,
                "sqlite://data/clientele.db?mode=rwc",
                Some("data/clientele.db"),
            ),
            (Backend::Sqlite, "sqlite:///tmp/x.db", Some("/tmp/x.db")),
            (Backend::Sqlite, "sqlite::memory:", None),
            (Backend::Sqlite, "sqlite://:memory:?mode=rwc", None),
            (
                Backend::Sqlite,
                "sqlite://shared?mode=memory&cache=shared",
                None,
            ),
            (Backend::Postgres, "postgres://u@localhost/db", None),
        ];
        for (backend, url, expected) in cases {
            assert_eq!(sqlite_file(backend, url), expected.map(Path::new), "{url}");
        }
    }
}
