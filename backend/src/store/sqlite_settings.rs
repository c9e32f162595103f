//! The settings every connection to a SQLite file gets, whichever library opened it: sqlx's
//! pools (`connect.rs`), the batch writer (`token_batch::sqlite_writer`) and the read-only
//! hot-path connections (`fast_reads`). One list, so the three cannot drift apart.

use std::time::Duration;

/// How long a connection waits for another one's write lock before failing with "busy"
/// (sqlx's default too).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Pragmas that hold for one connection only, applied to each as it opens.
///
/// - `synchronous = NORMAL`: in WAL mode this syncs at checkpoints instead of at every commit. A
///   killed process loses nothing it committed (the WAL is in the OS already); only a power cut
///   can lose the last moments. Token issuance commits often, so this is the difference between
///   disk-bound and CPU-bound.
/// - `foreign_keys = ON`: deleting an app removes its secrets, codes, tokens and consents.
/// - `mmap_size`: pages come from the mapped file instead of a `pread` copy each time a commit
///   elsewhere empties this connection's cache.
pub const PER_CONNECTION: [(&str, &str); 3] = [
    ("synchronous", "NORMAL"),
    ("foreign_keys", "ON"),
    ("mmap_size", "268435456"),
];

/// Write-ahead logging lets readers run beside the writer. It is stored in the file, so
/// connections that write set it (sqlx 0.8 leaves the journal mode alone unless asked);
/// read-only connections find it there.
pub const JOURNAL_MODE: (&str, &str) = ("journal_mode", "WAL");

/// The statements that apply `pragmas`, for drivers that take SQL text.
pub fn statements<'a>(pragmas: impl IntoIterator<Item = &'a (&'a str, &'a str)>) -> Vec<String> {
    pragmas
        .into_iter()
        .map(|(name, value)| format!("PRAGMA {name} = {value}"))
        .collect()
}

/// Applies the busy timeout, then `pragmas`, to a rusqlite connection.
pub fn apply<'a>(
    connection: &rusqlite::Connection,
    pragmas: impl IntoIterator<Item = &'a (&'a str, &'a str)>,
) -> rusqlite::Result<()> {
    connection.busy_timeout(BUSY_TIMEOUT)?;
    for (name, value) in pragmas {
        connection.pragma_update(None, name, value)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_writing_connection_ends_up_with_every_setting() {
        let dir = tempfile::tempdir().unwrap();
        let connection = rusqlite::Connection::open(dir.path().join("settings.db")).unwrap();
        apply(&connection, [JOURNAL_MODE].iter().chain(&PER_CONNECTION)).unwrap();
        let read = |name: &str| {
            let value = connection
                .pragma_query_value(None, name, |row| row.get::<_, rusqlite::types::Value>(0))
                .unwrap();
            match value {
                rusqlite::types::Value::Integer(number) => number.to_string(),
                rusqlite::types::Value::Text(text) => text,
                other => panic!("{name} = {other:?}"),
            }
        };
        assert_eq!(read("journal_mode"), "wal");
        assert_eq!(read("synchronous"), "1", "NORMAL is 1");
        assert_eq!(read("foreign_keys"), "1");
        assert_eq!(read("mmap_size"), "268435456");
        assert_eq!(read("busy_timeout"), "5000");
    }

    #[test]
    fn statements_spell_each_pragma_as_sql() {
        let sql = statements(&[JOURNAL_MODE, ("synchronous", "NORMAL")]);
        assert_eq!(
            sql,
            ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"]
        );
    }
}
