//! The bench's settings, all from environment variables so `scripts/bench.sh` and a person
//! trying a shorter run use the same knobs (see BENCHMARKS.md, "Running it").

use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Config {
    /// Measured seconds of each run.
    pub duration: Duration,
    /// Unmeasured seconds before each run (V8's JIT and SQLite's page cache warm up).
    pub warmup: Duration,
    /// Open connections of the load generator, the same for every server.
    pub connections: usize,
    /// Connections for the console API latency runs (a few people using the console at once).
    pub console_connections: usize,
    /// How often each server is measured per scenario, alternating A/B/A/B.
    pub rounds: usize,
    /// Threads of the load generator.
    pub load_threads: usize,
    /// Apps of the user whose "My apps" list is measured, and apps in total (admin list).
    pub user_apps: usize,
    pub total_apps: usize,
    /// The teams `TEAM_USER` is a member of, and the apps each of them owns (issue 19: a
    /// developer in many big teams still gets the first page of their list fast).
    pub teams: usize,
    pub team_apps: usize,
    /// Page loads timed in Chromium.
    pub browser_loads: usize,
    /// Only these scenarios (comma-separated names), for quicker tries; all when empty.
    pub only: Vec<String>,
    pub repo: PathBuf,
    pub clientele_bin: PathBuf,
    pub bench_bin: PathBuf,
    /// Fresh database, logs, perf data: wiped at the start of each run.
    pub work_dir: PathBuf,
    /// Where npm installed oidc-provider (outside the source tree).
    pub tools_dir: PathBuf,
    /// The report written at the end.
    pub output: PathBuf,
    /// Profile missed throughput targets with perf (on by default).
    pub profile: bool,
    /// A PostgreSQL server (superuser URL) for the PostgreSQL runs of client_credentials and
    /// introspection; `scripts/bench.sh` starts a throwaway one with `scripts/with-postgres.sh`.
    pub postgres_url: Option<String>,
    /// Another revision's release build (`BENCH_BASELINE`, built by `scripts/bench-baseline.sh`),
    /// measured in the same rounds as Clientele in the token and introspection scenarios.
    pub baseline: Option<BaselineBuild>,
}

#[derive(Debug, Clone)]
pub struct BaselineBuild {
    pub bin: PathBuf,
    /// The revision, as the report names it (a short commit hash).
    pub rev: String,
}

impl Config {
    pub fn from_env() -> anyhow::Result<Self> {
        let repo = PathBuf::from(var(
            "BENCH_REPO",
            env!("CARGO_MANIFEST_DIR").to_owned() + "/..",
        ));
        let repo = repo.canonicalize().unwrap_or(repo);
        let target = PathBuf::from(var(
            "CARGO_TARGET_DIR",
            repo.join("target").display().to_string(),
        ));
        let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
        Ok(Config {
            duration: Duration::from_secs_f64(number("BENCH_DURATION", 10.0)?),
            warmup: Duration::from_secs_f64(number("BENCH_WARMUP", 2.0)?),
            connections: number("BENCH_CONNECTIONS", 32.0)? as usize,
            console_connections: number("BENCH_CONSOLE_CONNECTIONS", 4.0)? as usize,
            rounds: number("BENCH_ROUNDS", 2.0)? as usize,
            load_threads: number("BENCH_LOAD_THREADS", 1.0)? as usize,
            user_apps: number("BENCH_USER_APPS", 10_000.0)? as usize,
            total_apps: number("BENCH_TOTAL_APPS", 100_000.0)? as usize,
            teams: number("BENCH_TEAMS", 20.0)? as usize,
            team_apps: number("BENCH_TEAM_APPS", 10_000.0)? as usize,
            browser_loads: number("BENCH_BROWSER_LOADS", 5.0)? as usize,
            only: var("BENCH_ONLY", String::new())
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            clientele_bin: PathBuf::from(var(
                "BENCH_CLIENTELE_BIN",
                target.join("release/clientele").display().to_string(),
            )),
            bench_bin: std::env::current_exe()?,
            work_dir: PathBuf::from(var(
                "BENCH_WORK_DIR",
                target.join("bench").display().to_string(),
            )),
            tools_dir: PathBuf::from(var("BENCH_TOOLS", format!("{home}/.cache/clientele-bench"))),
            output: PathBuf::from(var(
                "BENCH_OUTPUT",
                repo.join("BENCHMARKS.md").display().to_string(),
            )),
            profile: var("BENCH_PROFILE", "1".into()) != "0",
            postgres_url: ["BENCH_POSTGRES_URL", "CLIENTELE_TEST_POSTGRES_URL"]
                .iter()
                .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty())),
            baseline: baseline()?,
            repo,
        })
    }

    pub fn wants(&self, scenario: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|name| name == scenario)
    }
}

/// `BENCH_BASELINE_BIN` and `BENCH_BASELINE_REV`, set by `scripts/bench.sh` from `BENCH_BASELINE`.
fn baseline() -> anyhow::Result<Option<BaselineBuild>> {
    let bin = var("BENCH_BASELINE_BIN", String::new());
    if bin.is_empty() {
        return Ok(None);
    }
    let bin = PathBuf::from(bin);
    anyhow::ensure!(
        bin.is_file(),
        "BENCH_BASELINE_BIN: no such file: {}",
        bin.display()
    );
    Ok(Some(BaselineBuild {
        rev: var("BENCH_BASELINE_REV", "baseline".into()),
        bin,
    }))
}

fn var(name: &str, default: String) -> String {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or(default)
}

fn number(name: &str, default: f64) -> anyhow::Result<f64> {
    match std::env::var(name).ok().filter(|v| !v.is_empty()) {
        Some(text) => text
            .parse()
            .map_err(|_| anyhow::anyhow!("{name} must be a number, not {text:?}")),
        None => Ok(default),
    }
}
