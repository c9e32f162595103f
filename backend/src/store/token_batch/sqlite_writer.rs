//! The batch writer on a SQLite file: a thread of its own holding one rusqlite connection, so a
//! batch runs its statements back to back without a thread switch between them.
//!
//! Other writes (console, sessions, revocations) still go through sqlx's one writer connection;
//! the two take SQLite's write lock in turn, each waiting in the busy handler while the other
//! holds it. The batch transaction starts IMMEDIATE, taking the lock before it reads anything,
//! so it never has to upgrade a read lock (which SQLite refuses rather than waits for in WAL
//! mode).

use std::collections::HashSet;
use std::path::Path;

use rusqlite::types::ToSql;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::{answer, take_batch, BatchMetrics, Job, Plan, Queue, COLUMNS, INSERT_SQL, MAX_ROWS};
use crate::store::sqlite_settings::{apply, JOURNAL_MODE, PER_CONNECTION};
use crate::store::tokens::NewToken;

/// Enough cached statements for every INSERT size and both UPDATEs of every size.
const STATEMENT_CACHE: usize = 3 * MAX_ROWS + 8;

/// The writer's connection, with the settings sqlx's connections get.
pub(super) fn open(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let connection = Connection::open_with_flags(path, flags)?;
    apply(&connection, [JOURNAL_MODE].iter().chain(&PER_CONNECTION))?;
    connection.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(connection)
}

pub(super) fn run(mut connection: Connection, mut queue: Queue, metrics: BatchMetrics) {
    while let Some(first) = queue.blocking_recv() {
        let jobs = take_batch(first, &mut queue);
        let outcome = write(&mut connection, &jobs).map_err(|err| err.to_string());
        answer(&metrics, jobs, outcome);
    }
}

/// Writes one batch in one transaction; returns, per job, whether it was stored.
fn write(connection: &mut Connection, jobs: &[Job]) -> rusqlite::Result<Vec<bool>> {
    let plan = Plan::of(jobs);
    let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut won = HashSet::new();
    for (hashes, sql, claim) in plan.spends() {
        for chunk in hashes.chunks(MAX_ROWS) {
            won.extend(
                spent(&tx, &sql(chunk.len()), plan.now, chunk)?
                    .into_iter()
                    .map(claim),
            );
        }
    }
    let (stored, rows) = plan.outcome(won);
    for chunk in rows.chunks(MAX_ROWS) {
        // rusqlite borrows every parameter, so the kinds' names need a home for the statement:
        // on the stack (a chunk has at most `MAX_ROWS` tokens), not one more allocation.
        let mut names = [[""; 2]; MAX_ROWS];
        for (slot, token) in names.iter_mut().zip(chunk) {
            *slot = [token.kind.as_str(), token.grant_type.as_str()];
        }
        let values: Vec<&dyn ToSql> = chunk
            .iter()
            .zip(&names)
            .flat_map(|(token, names)| row_values(token, names))
            .collect();
        tx.prepare_cached(&INSERT_SQL[chunk.len() - 1])?
            .execute(values.as_slice())?;
    }
    tx.commit()?;
    Ok(stored)
}

/// Runs a spending UPDATE; returns the hashes it spent.
fn spent(
    tx: &rusqlite::Transaction<'_>,
    sql: &str,
    now: i64,
    hashes: &[&str],
) -> rusqlite::Result<Vec<String>> {
    let mut values: Vec<&dyn ToSql> = vec![&now];
    values.extend(hashes.iter().map(|hash| hash as &dyn ToSql));
    let mut statement = tx.prepare_cached(sql)?;
    let spent = statement
        .query_map(values.as_slice(), |row| row.get::<_, String>(0))?
        .collect();
    spent
}

/// The INSERT's parameters for one token, in `INSERT_SQL`'s column order; `names` holds the
/// names of its kind and grant type.
fn row_values<'a>(token: &'a NewToken, names: &'a [&'a str; 2]) -> [&'a dyn ToSql; COLUMNS] {
    [
        &token.token_hash,
        &names[0],
        &token.client_id,
        &token.user_id,
        &token.secret_id,
        &token.grant_id,
        &names[1],
        &token.scopes,
        &token.auth_time,
        &token.created_at,
        &token.expires_at,
        &token.audience,
    ]
}
