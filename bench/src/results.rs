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

    /// Clientele against the baseline build in the same rounds, when both were measured.
    pub fn against_baseline(&self) -> Option<Baseline> {
        let (ours, theirs) = (self.row(CLIENTELE)?, self.row(CLIENTELE_BASELINE)?);
        Some(Baseline::compare(
            ours.requests_per_second,
            theirs.requests_per_second,
        ))
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

/// Clientele's requests per second over the baseline's, and whether that is within
/// `BASELINE_TARGET` (the issues' "within 5% of the previous commit, same run").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Baseline {
    pub ratio: f64,
    pub met: bool,
}

/// Clientele must reach this fraction of the baseline's requests per second.
pub const BASELINE_TARGET: f64 = 0.95;

impl Baseline {
    pub fn compare(ours: f64, baseline: f64) -> Self {
        let ratio = ours / baseline;
        Baseline {
            ratio,
            // NaN (nothing measured on either side) is not met.
            met: ratio >= BASELINE_TARGET,
        }
    }

    /// Clientele / baseline of each round, both measured in the same round: how much of the
    /// total's ratio is noise.
    pub fn by_round(ours: &[f64], baseline: &[f64]) -> Vec<f64> {
        ours.iter().zip(baseline).map(|(a, b)| a / b).collect()
    }
}

pub const CLIENTELE: &str = "Clientele";
/// The release build of another revision (`BENCH_BASELINE`), on a SQLite file of its own.
pub const CLIENTELE_BASELINE: &str = "Clientele baseline";
/// The same build on PostgreSQL (measured when the bench has a PostgreSQL server).
pub const CLIENTELE_POSTGRES: &str = "Clientele on PostgreSQL";
pub const OIDC_PROVIDER: &str = "oidc-provider";
pub const NOOP: &str = "no-op axum";

#[cfg(test)]
mod tests {
    use super::*;

    fn row(server: &str, requests_per_second: f64) -> Row {
        Row {
            server: server.into(),
            requests_per_second,
            ..Default::default()
        }
    }

    fn scenario(rows: Vec<Row>) -> Scenario {
        Scenario {
            key: "client_credentials_opaque".into(),
            title: String::new(),
            rows,
            target_ratio: Some(5.0),
            unavailable: None,
            profile: None,
        }
    }

    #[test]
    fn within_five_percent_of_the_baseline_is_met() {
        assert!(Baseline::compare(9500.0, 10_000.0).met);
        assert!(Baseline::compare(12_000.0, 10_000.0).met);
        let slower = Baseline::compare(9400.0, 10_000.0);
        assert!(!slower.met);
        assert!((slower.ratio - 0.94).abs() < 1e-9);
    }

    #[test]
    fn nothing_measured_is_not_met() {
        assert!(!Baseline::compare(0.0, 0.0).met);
        assert!(
            Baseline::compare(1000.0, 0.0).met,
            "an infinite ratio is faster"
        );
    }

    #[test]
    fn rounds_are_paired_in_order() {
        let ratios = Baseline::by_round(&[900.0, 1100.0], &[1000.0, 1000.0]);
        assert_eq!(ratios, [0.9, 1.1]);
        assert!(Baseline::by_round(&[900.0], &[]).is_empty());
    }

    #[test]
    fn compared_only_when_both_builds_ran() {
        let both = scenario(vec![row(CLIENTELE, 990.0), row(CLIENTELE_BASELINE, 1000.0)]);
        let compared = both.against_baseline().expect("both measured");
        assert!(compared.met);
        assert!((compared.ratio - 0.99).abs() < 1e-9);
        let alone = scenario(vec![row(CLIENTELE, 990.0), row(OIDC_PROVIDER, 100.0)]);
        assert_eq!(alone.against_baseline(), None);
    }
}
