//! Group commit for token inserts. On SQLite every statement is a hop to the connection's worker
//! thread and back (a profile of the token endpoint showed those wake-ups taking about half the
//! CPU), so tokens issued by concurrent requests are written together: one task takes whatever
//! is waiting, up to `MAX_ROWS`, stores it with one multi-row INSERT, and only then answers each
//! request. Nothing is acknowledged before it is committed.

use std::sync::LazyLock;

use sqlx::{Any, AnyPool};
use tokio::sync::{mpsc, oneshot};

use super::tokens::NewToken;
use super::StoreError;

/// Rows per statement (11 parameters each, well under every driver's limit).
const MAX_ROWS: usize = 64;
const COLUMNS: usize = 11;

struct Job {
    tokens: Vec<NewToken>,
    done: oneshot::Sender<Result<(), String>>,
}

#[derive(Debug, Clone)]
pub struct TokenBatcher {
    jobs: mpsc::UnboundedSender<Job>,
}

impl TokenBatcher {
    /// Starts the writing task; it ends when the last `Store` clone is dropped.
    pub fn start(writer: AnyPool) -> TokenBatcher {
        let (jobs, queue) = mpsc::unbounded_channel();
        tokio::spawn(write_batches(writer, queue));
        TokenBatcher { jobs }
    }

    /// Stores `tokens`, returning once they are committed.
    pub async fn insert(&self, tokens: Vec<NewToken>) -> Result<(), StoreError> {
        if tokens.is_empty() {
            return Ok(());
        }
        let (done, committed) = oneshot::channel();
        let stopped = || StoreError::Database(sqlx::Error::PoolClosed);
        self.jobs.send(Job { tokens, done }).map_err(|_| stopped())?;
        match committed.await.map_err(|_| stopped())? {
            Ok(()) => Ok(()),
            Err(message) => Err(StoreError::Database(sqlx::Error::Protocol(message))),
        }
    }
}

async fn write_batches(writer: AnyPool, mut queue: mpsc::UnboundedReceiver<Job>) {
    while let Some(first) = queue.recv().await {
        let mut rows = first.tokens.len();
        let mut jobs = vec![first];
        while rows < MAX_ROWS {
            match queue.try_recv() {
                Ok(job) => {
                    rows += job.tokens.len();
                    jobs.push(job);
                }
                Err(_) => break,
            }
        }
        let tokens: Vec<&NewToken> = jobs.iter().flat_map(|job| job.tokens.iter()).collect();
        let result = write(&writer, &tokens).await.map_err(|err| err.to_string());
        if let Err(err) = &result {
            tracing::error!(error = %err, rows = tokens.len(), "storing issued tokens failed");
        }
        for job in jobs {
            let _ = job.done.send(result.clone());
        }
    }
}

/// One statement per `MAX_ROWS` tokens, inside one transaction when there are more.
async fn write(writer: &AnyPool, tokens: &[&NewToken]) -> Result<(), sqlx::Error> {
    if tokens.len() <= MAX_ROWS {
        return insert_query(tokens).execute(writer).await.map(|_| ());
    }
    let mut tx = writer.begin().await?;
    for chunk in tokens.chunks(MAX_ROWS) {
        insert_query(chunk).execute(&mut *tx).await?;
    }
    tx.commit().await
}

/// `INSERT … VALUES` with 1 to `MAX_ROWS` rows, built once each.
static INSERT_SQL: LazyLock<Vec<String>> = LazyLock::new(|| {
    let head = "INSERT INTO tokens (token_hash, kind, client_id, user_id, secret_id, grant_id, grant_type, scopes, \
                auth_time, created_at, expires_at) VALUES ";
    let row = |n: usize| format!("({})", (1..=COLUMNS).map(|c| format!("${}", n * COLUMNS + c)).collect::<Vec<_>>().join(", "));
    (1..=MAX_ROWS).map(|rows| format!("{head}{}", (0..rows).map(row).collect::<Vec<_>>().join(", "))).collect()
});

pub(super) fn insert_query<'q>(tokens: &[&'q NewToken]) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
    let mut query = sqlx::query(&INSERT_SQL[tokens.len() - 1]);
    for token in tokens {
        query = query
            .bind(&token.token_hash)
            .bind(token.kind)
            .bind(&token.client_id)
            .bind(token.user_id.as_deref())
            .bind(token.secret_id.as_deref())
            .bind(&token.grant_id)
            .bind(token.grant_type)
            .bind(&token.scopes)
            .bind(token.auth_time)
            .bind(token.created_at)
            .bind(token.expires_at);
    }
    query
}
