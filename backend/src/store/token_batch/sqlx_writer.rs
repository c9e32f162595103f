//! The batch writer on sqlx's pool: PostgreSQL, and in-memory SQLite databases.

use std::collections::HashSet;

use sqlx::{Any, AnyPool, Row};

use super::{answer, take_batch, BatchMetrics, Job, Plan, Queue, INSERT_SQL, MAX_ROWS};
use crate::store::tokens::NewToken;

pub(super) async fn run(writer: AnyPool, mut queue: Queue, metrics: BatchMetrics) {
    while let Some(first) = queue.recv().await {
        let jobs = take_batch(first, &mut queue);
        let outcome = write(&writer, &jobs).await.map_err(|err| err.to_string());
        answer(&metrics, jobs, outcome);
    }
}

/// Writes one batch; returns, per job, whether it was stored.
async fn write(writer: &AnyPool, jobs: &[Job]) -> Result<Vec<bool>, sqlx::Error> {
    let plan = Plan::of(jobs);
    let (stored, rows) = plan.outcome(HashSet::new());
    if plan.spends_nothing() && rows.len() <= MAX_ROWS {
        // One statement commits on its own.
        if !rows.is_empty() {
            insert_query(&rows).execute(writer).await?;
        }
        return Ok(stored);
    }
    let mut tx = writer.begin().await?;
    let mut won = HashSet::new();
    for (hashes, sql, claim) in plan.spends() {
        for chunk in hashes.chunks(MAX_ROWS) {
            won.extend(
                spent(&mut tx, &sql(chunk.len()), plan.now, chunk)
                    .await?
                    .into_iter()
                    .map(claim),
            );
        }
    }
    let (stored, rows) = plan.outcome(won);
    for chunk in rows.chunks(MAX_ROWS) {
        insert_query(chunk).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(stored)
}

/// Runs a spending UPDATE; returns the hashes it spent.
async fn spent(
    tx: &mut sqlx::Transaction<'_, Any>,
    sql: &str,
    now: i64,
    hashes: &[&str],
) -> Result<Vec<String>, sqlx::Error> {
    let mut query = sqlx::query(sql).bind(now);
    for hash in hashes {
        query = query.bind(*hash);
    }
    let rows = query.fetch_all(&mut **tx).await?;
    rows.iter().map(|row| row.try_get::<String, _>(0)).collect()
}

/// The INSERT of 1 to `MAX_ROWS` tokens.
pub(in crate::store) fn insert_query<'q>(
    tokens: &[&'q NewToken],
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
    let mut query = sqlx::query(&INSERT_SQL[tokens.len() - 1]);
    for token in tokens {
        query = query
            .bind(&token.token_hash)
            .bind(token.kind.as_str())
            .bind(&token.client_id)
            .bind(token.user_id.as_deref())
            .bind(token.secret_id.as_deref())
            .bind(&token.grant_id)
            .bind(token.grant_type.as_str())
            .bind(&token.scopes)
            .bind(token.auth_time)
            .bind(token.created_at)
            .bind(token.expires_at)
            .bind(&token.audience);
    }
    query
}
