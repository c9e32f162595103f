//! How full the connection pools are, for `/metrics`. No SQL: sqlx counts its connections.

use super::{Backend, Store};

/// One pool's connections now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUse {
    /// `reads` and `writes` on SQLite (one writer connection), `shared` on PostgreSQL.
    pub name: &'static str,
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}

impl Store {
    pub fn pool_use(&self) -> Vec<PoolUse> {
        let of = |name, pool: &sqlx::AnyPool| PoolUse {
            name,
            open: pool.size(),
            idle: u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
            max: pool.options().get_max_connections(),
        };
        match self.backend {
            Backend::Sqlite => vec![of("reads", &self.pool), of("writes", &self.writer)],
            Backend::Postgres => vec![of("shared", &self.pool)],
        }
    }
}
