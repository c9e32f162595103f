//! Opening the database and applying migrations at start.

use std::path::Path;
use std::str::FromStr;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};

use super::Store;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// Connects to `database_url`, creating a SQLite file and its folder when missing, and
/// applies pending migrations.
pub async fn connect(database_url: &str) -> anyhow::Result<Store> {
    sqlx::any::install_default_drivers();
    let url = if is_sqlite(database_url) { prepare_sqlite(database_url)? } else { database_url.to_owned() };
    anyhow::ensure!(is_sqlite(&url), "unsupported database URL (expected sqlite://PATH): {database_url}");

    // sqlx's SQLite defaults apply through `Any`: WAL journal, foreign keys on, 5 s busy timeout.
    let options = AnyConnectOptions::from_str(&url).context("invalid database URL")?;
    let pool = AnyPoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open the database at {database_url}"))?;
    SQLITE_MIGRATIONS.run(&pool).await.context("applying database migrations failed")?;
    Ok(Store { pool })
}

fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
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
    let query = if query.contains("mode=") { query.to_owned() } else if query.is_empty() { "mode=rwc".to_owned() } else { format!("{query}&mode=rwc") };
    Ok(format!("sqlite://{path}?{query}"))
}
