//! What one scenario measured on each server, reduced to the figures the report shows.

use serde::{Deserialize, Serialize};

use crate::load::LoadResult;

/// One server's runs of one scenario.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Row {
    pub server: String,
    pub requests_per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub errors: u64,
    pub first_error: Option<String>,
    /// Peak resident memory of the server during the measured runs.
    pub peak_mib: f64,
    /// Server CPU time per second of run: how many of the 2 cores it kept busy.
    pub cores_used: f64,
    /// Requests per second of server CPU time: throughput per core.
    pub per_core: f64,
    /// Requests per second of each round, in the order they ran.
    pub rounds: Vec<f64>,
    /// The pre-minted codes ran out before the time was up.
    pub exhausted: bool,
}

impl Row {
    pub fn new(server: &str, runs: Vec<(LoadResult, u64, f64)>) -> Self {
        let mut total = LoadResult::default();
        let mut peak = 0u64;
        let mut cpu = 0.0;
        let mut rounds = Vec::new();
        for (result, peak_bytes, cpu_seconds) in runs {
            rounds.push(result.per_second());
            peak = peak.max(peak_bytes);
            cpu += cpu_seconds;
            total.merge(result);
        }
        let seconds = total.elapsed.as_secs_f64().max(1e-9);
        Row {
            server: server.to_owned(),
            requests_per_second: total.per_second(),
            p50_ms: total.percentile_ms(0.50),
            p99_ms: total.percentile_ms(0.99),
            errors: total.errors,
            first_error: total.first_error.clone(),
            peak_mib: peak as f64 / (1024.0 * 1024.0),
            cores_used: cpu / seconds,
            per_core: if cpu > 0.0 {
                total.requests as f64 / cpu
            } else {
                f64::NAN
            },
            rounds,
            exhausted: total.exhausted,
        }
    }
}

/// A scenario's rows (Clientele first), or why it could not run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Scenario {
    pub key: String,
    pub title: String,
    pub rows: Vec<Row>,
    /// Clientele / oidc-provider requests per second must reach this.
    pub target_ratio: Option<f64>,
    /// Set when the scenario could not be measured (e.g. JWT access tokens not implemented).
    pub unavailable: Option<String>,
    /// perf summary of Clientele, when a target was missed.
    pub profile: Option<String>,
}

impl Scenario {
    pub fn row(&self, server: &str) -> Option<&Row> {
        self.rows.iter().find(|row| row.server == server)
    }

    /// Clientele's requests per second over `server`'s.
    pub fn ratio(&self, server: &str) -> Option<f64> {
        self.ratio_of(CLIENTELE, server)
    }

    /// `ours`' requests per second over `server`'s.
    pub fn ratio_of(&self, ours: &str, server: &str) -> Option<f64> {
        Some(self.row(ours)?.requests_per_second / self.row(server)?.requests_per_second)
    }

    /// Whether Clientele met the throughput, p99 and error targets of this scenario.
    pub fn misses(&self) -> Vec<String> {
        let mut misses = Vec::new();
        let (Some(ours), Some(theirs)) = (self.row(CLIENTELE), self.row(OIDC_PROVIDER)) else {
            return misses;
        };
        if let (Some(target), Some(ratio)) = (self.target_ratio, self.ratio(OIDC_PROVIDER)) {
            if ratio < target {
                misses.push(format!(
                    "{ratio:.2}x oidc-provider's requests per second (target {target}x)"
                ));
            }
        }
        if ours.p99_ms > theirs.p99_ms {
            misses.push(format!(
                "p99 {:.2} ms above oidc-provider's {:.2} ms",
                ours.p99_ms, theirs.p99_ms
            ));
        }
        for row in &self.rows {
            if row.errors > 0 {
                misses.push(format!("{} errors on {}", row.errors, row.server));
            }
        }
        misses
    }
}

pub const CLIENTELE: &str = "Clientele";
/// The same build on PostgreSQL (measured when the bench has a PostgreSQL server).
pub const CLIENTELE_POSTGRES: &str = "Clientele on PostgreSQL";
pub const OIDC_PROVIDER: &str = "oidc-provider";
pub const NOOP: &str = "no-op axum";
