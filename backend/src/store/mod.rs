//! All SQL lives below this module. Handlers call `Store` methods and never see a query,
//! so a second database backend only has to provide the same methods.
//!
//! Writes go through `writer`, reads through `pool` (see `Store`).
//!
//! Queries use `$N` placeholders and portable types (TEXT, BIGINT), which both SQLite and
//! PostgreSQL accept through sqlx's `Any` driver.

/// A statement with its arguments bound in order to `$1`, `$2`, …: `bound!(sqlx::query(SQL), a, b)`
/// (or `query_as`, `query_scalar`). sqlx's checked `query!` cannot serve the `Any` driver;
/// this keeps each statement next to its arguments, in one line where they fit.
macro_rules! bound {
    ($query:expr $(, $arg:expr)* $(,)?) => {
        $query$(.bind($arg))*
    };
}

pub mod apis;
pub mod app_list;
pub mod apps;
pub mod audit;
pub mod audit_export;
pub mod binding;
pub mod client_documents;
mod columns;
pub mod connect;
pub mod consents;
pub mod copy;
pub mod device_codes;
mod error;
mod fast_reads;
pub mod files;
pub mod invitations;
pub mod keys;
pub mod passkeys;
pub mod password_resets;
pub mod pool_use;
pub mod prune;
pub mod registrations;
#[cfg(test)]
mod schema_check;
pub mod secrets;
pub mod sessions;
pub mod settings;
mod sqlite_settings;
pub mod team_audit;
pub mod teams;
pub mod token_batch;
pub mod token_rows;
pub mod tokens;
pub mod two_factor;
pub mod users;

use sqlx::{Any, AnyPool};

pub use connect::{connect, connect_with, open, Backend, PoolOptions};
pub use error::StoreError;

/// A statement before it runs, with its arguments.
type AnyQuery<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>;
type AnyQueryAs<'q, T> = sqlx::query::QueryAs<'q, Any, T, sqlx::any::AnyArguments<'q>>;

/// Runs one statement of a transaction; how many rows it changed.
async fn changed(
    tx: &mut sqlx::Transaction<'_, Any>,
    query: AnyQuery<'_>,
) -> Result<u64, StoreError> {
    Ok(query.execute(&mut **tx).await?.rows_affected())
}

/// The database behind the server: a cheap-to-clone handle to a connection pool.
#[derive(Clone, Debug)]
pub struct Store {
    /// Reads (several connections; SQLite's WAL lets readers run beside the writer).
    pool: AnyPool,
    /// Writes. On SQLite a single connection: SQLite allows one writer at a time, and writers
    /// queueing here are served in order, where several connections would fight over the lock
    /// and back off in sleeps. On PostgreSQL the same pool as reads.
    writer: AnyPool,
    backend: Backend,
    token_batcher: token_batch::TokenBatcher,
    /// Token and code look-ups on the calling thread, on SQLite files (`None` on PostgreSQL).
    fast_reads: Option<std::sync::Arc<fast_reads::FastReads>>,
}

impl Store {
    /// The connection pool, for tests that assert on rows and for maintenance commands.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Runs one write (through `writer`); how many rows it changed.
    async fn write(&self, query: AnyQuery<'_>) -> Result<u64, StoreError> {
        Ok(query.execute(&self.writer).await?.rows_affected())
    }

    /// Runs `statements` in order in one transaction.
    async fn write_all(&self, statements: Vec<AnyQuery<'_>>) -> Result<(), StoreError> {
        let mut tx = self.writer.begin().await?;
        for statement in statements {
            changed(&mut tx, statement).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The row `query` finds, if any, read through the pool (not the writer).
    async fn optional<T>(&self, query: AnyQueryAs<'_, T>) -> Result<Option<T>, StoreError>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        Ok(query.fetch_optional(&self.pool).await?)
    }

    /// Every row `query` finds, read through the pool (not the writer).
    async fn all<T>(&self, query: AnyQueryAs<'_, T>) -> Result<Vec<T>, StoreError>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        Ok(query.fetch_all(&self.pool).await?)
    }

    /// Checks that the database answers (used by health and readiness checks).
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}
