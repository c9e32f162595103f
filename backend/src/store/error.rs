use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    /// A unique constraint refused the write (for example a second account with one email).
    #[error("a row with the same unique value already exists")]
    Conflict,
    #[error(transparent)]
    Database(sqlx::Error),
    /// From the hot-path reads on SQLite (`fast_reads`).
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("migrating the database failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict,
            _ => StoreError::Database(err),
        }
    }
}
