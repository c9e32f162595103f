//! All SQL lives below this module. Handlers call `Store` methods and never see a query,
//! so a second database backend only has to provide the same methods.
//!
//! Writes go through `writer`, reads through `pool` (see `Store`).
//!
//! Queries use `$N` placeholders and portable types (TEXT, BIGINT), which both SQLite and
//! PostgreSQL accept through sqlx's `Any` driver.

pub mod apis;
pub mod apps;
pub mod audit;
pub mod binding;
mod columns;
pub mod connect;
pub mod consents;
pub mod copy;
pub mod device_codes;
mod error;
mod fast_reads;
pub mod files;
pub mod keys;
pub mod prune;
pub mod registrations;
#[cfg(test)]
mod schema_check;
pub mod secrets;
pub mod sessions;
pub mod settings;
mod sqlite_settings;
pub mod teams;
pub mod token_batch;
pub mod tokens;
pub mod users;

use sqlx::AnyPool;

pub use connect::{connect, connect_with, open, Backend, PoolOptions};
pub use error::StoreError;

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

    /// Checks that the database answers (used by health and readiness checks).
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}
