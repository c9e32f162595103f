//! Group commit for the token endpoint's writes. The writes of concurrent requests are made
//! together: one writer takes whatever is waiting and stores it in one transaction of a few
//! statements (spend the refresh tokens, redeem the codes, insert every new token, commit), and
//! only then answers each request. Nothing is acknowledged before it is committed, and each
//! spend keeps its conditions (RFC 6749 section 4.1.2: a code is used once; RFC 9700 section
//! 4.14.2: a refresh token is spent once), so of two requests presenting the same one, exactly
//! one wins.
//!
//! Two writers run the same plan: on a SQLite file, a thread of its own with a rusqlite
//! connection (`sqlite_writer`), so a batch costs no thread switch per statement (sqlx's SQLite
//! driver hands every statement to a worker thread; a profile showed those switches taking about
//! half the CPU); on PostgreSQL (and in-memory SQLite), a task on sqlx's pool (`sqlx_writer`).

mod sqlite_writer;
mod sqlx_writer;

use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;
use std::time::Instant;

use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use sqlx::AnyPool;
use tokio::sync::{mpsc, oneshot};

use super::tokens::NewToken;
use super::StoreError;

pub(super) use sqlx_writer::insert_query;

/// Rows per INSERT, and hashes per spending UPDATE (12 parameters a row, well under every
/// driver's limit).
const MAX_ROWS: usize = 64;
const COLUMNS: usize = 12;
/// Jobs taken into one transaction.
const MAX_JOBS: usize = 128;

/// What must be spent, atomically with storing the job's tokens.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Claim {
    /// Plain issuance (client credentials, password, JWT-only refresh).
    Nothing,
    /// A refresh token, by hash: unspent, unrevoked and unexpired.
    RefreshToken(String),
    /// An authorization code, by hash: unredeemed and unexpired.
    Code(String),
}

struct Job {
    claim: Claim,
    now: i64,
    tokens: Vec<NewToken>,
    /// When the request handed it over (its wait ends at the commit).
    queued: Instant,
    /// `true` when stored, `false` when the claim was lost (already spent, revoked, expired).
    done: oneshot::Sender<Result<bool, String>>,
}

type Queue = mpsc::UnboundedReceiver<Job>;

#[derive(Debug, Clone)]
pub struct TokenBatcher {
    jobs: mpsc::UnboundedSender<Job>,
    metrics: BatchMetrics,
}

/// What the writer reports for `/metrics` (kept here, so each store has its own): how many
/// jobs each batch took, and how long each job waited from submission to commit.
#[derive(Debug, Clone)]
pub struct BatchMetrics {
    pub jobs: Histogram,
    pub wait: Histogram,
}

impl Default for BatchMetrics {
    fn default() -> Self {
        BatchMetrics {
            // 1, 2, 4, … 128 (`MAX_JOBS`).
            jobs: Histogram::new(exponential_buckets(1.0, 2.0, 8)),
            wait: Histogram::new([
                0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                1.0,
            ]),
        }
    }
}

impl super::Store {
    /// The token batch writer's histograms.
    pub fn token_batch_metrics(&self) -> &BatchMetrics {
        &self.token_batcher.metrics
    }
}

impl TokenBatcher {
    /// Writes through sqlx's `writer` pool; the task ends when the last `Store` clone is dropped.
    pub fn on_pool(writer: AnyPool) -> TokenBatcher {
        let (jobs, queue) = mpsc::unbounded_channel();
        let metrics = BatchMetrics::default();
        tokio::spawn(sqlx_writer::run(writer, queue, metrics.clone()));
        TokenBatcher { jobs, metrics }
    }

    /// Writes to the SQLite file at `path` from a thread of its own, which ends when the last
    /// `Store` clone is dropped.
    pub fn on_sqlite_file(path: &Path) -> anyhow::Result<TokenBatcher> {
        let connection = sqlite_writer::open(path)?;
        let (jobs, queue) = mpsc::unbounded_channel();
        let metrics = BatchMetrics::default();
        let reported = metrics.clone();
        std::thread::Builder::new()
            .name("clientele-token-writer".into())
            .spawn(move || sqlite_writer::run(connection, queue, reported))?;
        Ok(TokenBatcher { jobs, metrics })
    }

    /// Stores `tokens`, returning once they are committed.
    pub async fn insert(&self, tokens: Vec<NewToken>) -> Result<(), StoreError> {
        let Some(now) = tokens.first().map(|token| token.created_at) else {
            return Ok(());
        };
        self.submit(Claim::Nothing, now, tokens).await.map(|_| ())
    }

    /// Spends a refresh token and stores its successors; `false` when it was already spent,
    /// revoked or expired (nothing is stored then).
    pub async fn rotate_refresh_token(
        &self,
        token_hash: &str,
        now: i64,
        tokens: Vec<NewToken>,
    ) -> Result<bool, StoreError> {
        self.submit(Claim::RefreshToken(token_hash.to_owned()), now, tokens)
            .await
    }

    /// Redeems a code and stores the tokens issued for it; `false` when it was already redeemed
    /// or expired.
    pub async fn redeem_code(
        &self,
        code_hash: &str,
        now: i64,
        tokens: Vec<NewToken>,
    ) -> Result<bool, StoreError> {
        self.submit(Claim::Code(code_hash.to_owned()), now, tokens)
            .await
    }

    async fn submit(
        &self,
        claim: Claim,
        now: i64,
        tokens: Vec<NewToken>,
    ) -> Result<bool, StoreError> {
        let (done, committed) = oneshot::channel();
        let stopped = || StoreError::Database(sqlx::Error::PoolClosed);
        self.jobs
            .send(Job {
                claim,
                now,
                tokens,
                queued: Instant::now(),
                done,
            })
            .map_err(|_| stopped())?;
        committed
            .await
            .map_err(|_| stopped())?
            .map_err(|message| StoreError::Database(sqlx::Error::Protocol(message)))
    }
}

/// `first` and whatever else is waiting, up to `MAX_JOBS`.
fn take_batch(first: Job, queue: &mut Queue) -> Vec<Job> {
    let mut jobs = vec![first];
    while jobs.len() < MAX_JOBS {
        match queue.try_recv() {
            Ok(job) => jobs.push(job),
            Err(_) => break,
        }
    }
    jobs
}

/// Answers every job of a batch with its outcome, and reports the batch to `metrics`.
fn answer(metrics: &BatchMetrics, jobs: Vec<Job>, outcome: Result<Vec<bool>, String>) {
    if let Err(err) = &outcome {
        tracing::error!(error = %err, jobs = jobs.len(), "storing issued tokens failed");
    }
    metrics.jobs.observe(jobs.len() as f64);
    for (n, job) in jobs.into_iter().enumerate() {
        metrics.wait.observe(job.queued.elapsed().as_secs_f64());
        let _ = job.done.send(
            outcome
                .as_ref()
                .map(|stored| stored[n])
                .map_err(Clone::clone),
        );
    }
}

/// One kind of claim a batch spends: its hashes, the statement spending a chunk of them, and
/// the claim a spent hash wins.
type Spend<'p, 'a> = (&'p [&'a str], fn(usize) -> String, fn(String) -> Claim);

/// What a batch spends, shared by both writers.
struct Plan<'a> {
    jobs: &'a [Job],
    now: i64,
    refresh_tokens: Vec<&'a str>,
    codes: Vec<&'a str>,
}

impl<'a> Plan<'a> {
    fn of(jobs: &'a [Job]) -> Plan<'a> {
        Plan {
            jobs,
            now: jobs.iter().map(|job| job.now).max().unwrap_or_default(),
            refresh_tokens: claimed(jobs, |claim| match claim {
                Claim::RefreshToken(hash) => Some(hash),
                _ => None,
            }),
            codes: claimed(jobs, |claim| match claim {
                Claim::Code(hash) => Some(hash),
                _ => None,
            }),
        }
    }

    /// What the batch spends, kind by kind (refresh tokens first): the distinct hashes, the
    /// statement that spends up to `MAX_ROWS` of them (returning those it spent), and the claim
    /// a spent hash wins.
    fn spends(&self) -> [Spend<'_, 'a>; 2] {
        [
            (&self.refresh_tokens, spend_refresh_sql, Claim::RefreshToken),
            (&self.codes, redeem_codes_sql, Claim::Code),
        ]
    }

    /// No claims: the inserts alone, which commit on their own when they fit one statement.
    fn spends_nothing(&self) -> bool {
        self.refresh_tokens.is_empty() && self.codes.is_empty()
    }

    /// Per job, whether it is stored, and the rows to insert, given the claims the UPDATEs
    /// spent. A claim spent in this batch goes to the first job presenting it; later ones lose.
    fn outcome(&self, mut won: HashSet<Claim>) -> (Vec<bool>, Vec<&'a NewToken>) {
        let stored: Vec<bool> = self
            .jobs
            .iter()
            .map(|job| job.claim == Claim::Nothing || won.remove(&job.claim))
            .collect();
        let rows = self
            .jobs
            .iter()
            .zip(&stored)
            .filter(|(_, stored)| **stored)
            .flat_map(|(job, _)| &job.tokens)
            .collect();
        (stored, rows)
    }
}

/// The distinct hashes of one kind of claim in the batch.
fn claimed<'a>(jobs: &'a [Job], pick: impl Fn(&'a Claim) -> Option<&'a String>) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    jobs.iter()
        .filter_map(|job| pick(&job.claim))
        .map(String::as_str)
        .filter(|hash| seen.insert(*hash))
        .collect()
}

/// `UPDATE … RETURNING token_hash` spending up to `MAX_ROWS` refresh tokens ($1 is now).
fn spend_refresh_sql(count: usize) -> String {
    spend_sql(
        "UPDATE tokens SET used_at = $1 WHERE kind = 'refresh' AND used_at IS NULL AND revoked_at IS NULL \
         AND expires_at > $1 AND token_hash IN",
        "token_hash",
        count,
    )
}

/// `UPDATE … RETURNING code_hash` redeeming up to `MAX_ROWS` codes ($1 is now).
fn redeem_codes_sql(count: usize) -> String {
    spend_sql(
        "UPDATE authorization_codes SET redeemed_at = $1 WHERE redeemed_at IS NULL AND expires_at > $1 AND code_hash IN",
        "code_hash",
        count,
    )
}

fn spend_sql(head: &str, key: &str, count: usize) -> String {
    let params: Vec<String> = (2..count + 2).map(|n| format!("${n}")).collect();
    format!("{head} ({}) RETURNING {key}", params.join(", "))
}

/// `INSERT … VALUES` with 1 to `MAX_ROWS` rows, built once each.
static INSERT_SQL: LazyLock<Vec<String>> = LazyLock::new(|| {
    let head = "INSERT INTO tokens (token_hash, kind, client_id, user_id, secret_id, grant_id, grant_type, scopes, \
                auth_time, created_at, expires_at, audience) VALUES ";
    let row = |n: usize| {
        format!(
            "({})",
            (1..=COLUMNS)
                .map(|c| format!("${}", n * COLUMNS + c))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    (1..=MAX_ROWS)
        .map(|rows| {
            format!(
                "{head}{}",
                (0..rows).map(row).collect::<Vec<_>>().join(", ")
            )
        })
        .collect()
});
