//! Point reads of the token endpoint's hot path (a token or a code by hash) on an embedded SQLite
//! file, run on the calling thread. sqlx's SQLite driver runs every connection on a thread of its
//! own and hands it each statement over a channel; a profile of introspection showed those
//! thread switches costing more than the query itself (`finish_task_switch` at 30% of samples),
//! while an indexed look-up in a cached page takes microseconds, which is fine to spend on an
//! async worker. The connections are read-only; in WAL mode they never wait for the writer, and
//! each statement sees everything committed before it started.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags, OptionalExtension, Row};

use super::sqlite_settings;

/// Idle connections kept for reuse (more may be open briefly under load).
const MAX_IDLE: usize = 8;

pub struct FastReads {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

impl std::fmt::Debug for FastReads {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FastReads")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl FastReads {
    /// For the SQLite file at `path`.
    pub fn new(path: &Path) -> FastReads {
        FastReads {
            path: path.to_owned(),
            idle: Mutex::new(Vec::new()),
        }
    }

    /// The row `sql` finds for `key` (its one parameter), mapped by `map`.
    pub fn one<T>(
        &self,
        sql: &str,
        key: &str,
        map: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<Option<T>> {
        let connection = match self
            .idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .pop()
        {
            Some(connection) => connection,
            None => self.open()?,
        };
        let found = connection
            .prepare_cached(sql)
            .and_then(|mut statement| statement.query_row([key], map).optional());
        let mut idle = self
            .idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if idle.len() < MAX_IDLE {
            idle.push(connection);
        }
        found
    }

    fn open(&self) -> rusqlite::Result<Connection> {
        // NO_MUTEX: a connection is used by one thread at a time (it is out of the idle list
        // while in use).
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection = Connection::open_with_flags(&self.path, flags)?;
        sqlite_settings::apply(&connection, &sqlite_settings::PER_CONNECTION)?;
        Ok(connection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_see_rows_committed_by_another_connection_and_miss_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fast.db");
        let writer = Connection::open(&path).unwrap();
        writer.pragma_update(None, "journal_mode", "WAL").unwrap();
        writer
            .execute_batch("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)")
            .unwrap();
        let reads = FastReads::new(&path);
        let get = |key: &str| {
            reads
                .one("SELECT v FROM t WHERE k = $1", key, |row| {
                    row.get::<_, i64>("v")
                })
                .unwrap()
        };
        assert_eq!(get("a"), None);
        writer.execute("INSERT INTO t VALUES ('a', 7)", []).unwrap();
        assert_eq!(get("a"), Some(7));
        writer
            .execute("UPDATE t SET v = 8 WHERE k = 'a'", [])
            .unwrap();
        assert_eq!(
            get("a"),
            Some(8),
            "a reused connection sees the newer commit"
        );
    }
}
