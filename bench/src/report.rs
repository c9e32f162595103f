//! The report: targets met or missed, one table per scenario, the console figures, the
//! profiles of misses and the hand-written analysis (`bench/analysis.md`), written to
//! `BENCHMARKS.md` and printed; the raw figures go to `results.json` in the work folder.

mod machine;
mod markdown;
mod sections;

use machine::{machine, shell};

use crate::config::Config;
use crate::console_load::LoadTimes;
use crate::console_size::ConsoleSize;
use crate::results::{Scenario, BASELINE_TARGET, CLIENTELE, OIDC_PROVIDER};

pub const CONSOLE_BROTLI_LIMIT: u64 = 150 * 1000;
pub const CONSOLE_LOAD_LIMIT_MS: f64 = 200.0;
/// Issue 21: "My apps" over emulated Fast 3G, cold.
pub const FAST_3G_LOAD_LIMIT_MS: f64 = 2000.0;
pub const STARTUP_LIMIT_MS: f64 = 300.0;
pub const CONSOLE_API_P99_LIMIT_MS: f64 = 20.0;

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Report {
    pub date: String,
    pub machine: Vec<(String, String)>,
    pub load_before: String,
    pub load_after: String,
    pub settings: String,
    pub console_size: Option<ConsoleSize>,
    pub startup_ms: Vec<f64>,
    pub scenarios: Vec<Scenario>,
    pub memory_at_rest: Vec<(String, u64)>,
    pub memory_at_end: Vec<(String, u64)>,
    pub console_load: Option<LoadTimes>,
    pub console_load_error: Option<String>,
    /// The figures the markdown needs from the run's settings (so `render` needs no run).
    pub settings_used: Option<SettingsUsed>,
    /// The baseline revision (`BENCH_BASELINE`) measured next to Clientele, if any.
    pub baseline: Option<String>,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct SettingsUsed {
    pub console_connections: usize,
    pub user_apps: usize,
    pub total_apps: usize,
}

impl SettingsUsed {
    fn of(cfg: &Config) -> Self {
        SettingsUsed {
            console_connections: cfg.console_connections,
            user_apps: cfg.user_apps,
            total_apps: cfg.total_apps,
        }
    }
}

/// One line of the targets table.
struct Verdict {
    target: String,
    measured: String,
    met: Option<bool>,
}

impl Report {
    pub fn new(cfg: &Config) -> Self {
        Report {
            date: shell("date -u '+%Y-%m-%d %H:%M UTC'"),
            machine: machine(cfg),
            load_before: load_average(),
            settings: format!(
                "{} s measured after {} s warm-up per run, {} connections ({} for the console API), {} rounds A/B/C alternating, load generator on {} thread(s)",
                cfg.duration.as_secs_f64(),
                cfg.warmup.as_secs_f64(),
                cfg.connections,
                cfg.console_connections,
                cfg.rounds,
                cfg.load_threads
            ),
            baseline: cfg.baseline.as_ref().map(|build| build.rev.clone()),
            ..Default::default()
        }
    }

    pub fn settings(&self) -> &str {
        &self.settings
    }

    fn verdicts(&self) -> Vec<Verdict> {
        let mut verdicts = Vec::new();
        let token_scenarios = || self.scenarios.iter().filter(|s| s.target_ratio.is_some());
        for scenario in token_scenarios() {
            let target = scenario.target_ratio.unwrap_or_default();
            let Some(ratio) = scenario.ratio(OIDC_PROVIDER) else {
                let why = scenario
                    .unavailable
                    .clone()
                    .unwrap_or_else(|| "not measured".into());
                verdicts.push(Verdict {
                    target: format!("{}: ≥ {target}x oidc-provider req/s", scenario.key),
                    measured: why,
                    met: None,
                });
                continue;
            };
            verdicts.push(Verdict {
                target: format!("{}: ≥ {target}x oidc-provider req/s", scenario.key),
                measured: format!("{ratio:.2}x"),
                met: Some(ratio >= target),
            });
            let (ours, theirs) = (
                scenario.row(CLIENTELE).expect("measured"),
                scenario.row(OIDC_PROVIDER).expect("measured"),
            );
            verdicts.push(Verdict {
                target: format!("{}: p99 ≤ oidc-provider's", scenario.key),
                measured: format!("{:.2} ms vs {:.2} ms", ours.p99_ms, theirs.p99_ms),
                met: Some(ours.p99_ms <= theirs.p99_ms),
            });
        }
        verdicts.extend(self.baseline_verdicts());
        let errors: u64 = self
            .scenarios
            .iter()
            .flat_map(|s| &s.rows)
            .map(|row| row.errors)
            .sum();
        verdicts.push(Verdict {
            target: "0 errors, every scenario and server".into(),
            measured: errors.to_string(),
            met: Some(errors == 0),
        });
        let peak = |server: &str| {
            token_scenarios()
                .filter_map(|s| s.row(server))
                .map(|row| row.peak_mib)
                .fold(0.0, f64::max)
        };
        let (ours, theirs) = (peak(CLIENTELE), peak(OIDC_PROVIDER));
        if theirs > 0.0 {
            verdicts.push(Verdict {
                target: "peak memory under load ≤ half of oidc-provider's".into(),
                measured: format!("{ours:.1} MiB vs {theirs:.1} MiB ({:.2}x)", ours / theirs),
                met: Some(ours <= theirs / 2.0),
            });
        }
        if !self.startup_ms.is_empty() {
            let median = median(&self.startup_ms);
            verdicts.push(Verdict {
                target: format!(
                    "ready (/healthz) ≤ {STARTUP_LIMIT_MS} ms after start, existing database"
                ),
                measured: format!(
                    "median {median:.0} ms of {} starts (max {:.0} ms)",
                    self.startup_ms.len(),
                    max(&self.startup_ms)
                ),
                met: Some(median <= STARTUP_LIMIT_MS),
            });
        }
        for scenario in self.scenarios.iter().filter(|s| s.target_ratio.is_none()) {
            if let Some(row) = scenario.row(CLIENTELE) {
                verdicts.push(Verdict {
                    target: format!("{}: p99 ≤ {CONSOLE_API_P99_LIMIT_MS} ms", scenario.key),
                    measured: format!("{:.2} ms", row.p99_ms),
                    met: Some(row.p99_ms <= CONSOLE_API_P99_LIMIT_MS),
                });
            }
        }
        // Issue 19: a member of many big teams gets their first page about as fast as a
        // person with 10,000 apps of their own (same run; a fifth more for noise).
        let p99 = |key: &str| {
            self.scenarios
                .iter()
                .find(|s| s.key == key)
                .and_then(|s| s.row(CLIENTELE))
                .map(|row| row.p99_ms)
        };
        if let (Some(teams), Some(mine)) = (p99("console_team_apps"), p99("console_my_apps")) {
            verdicts.push(Verdict {
                target: "console_team_apps: p99 ≤ 1.2 × console_my_apps' p99".into(),
                measured: format!("{teams:.2} ms against {mine:.2} ms"),
                met: Some(teams <= mine * 1.2),
            });
        }
        if let Some(size) = &self.console_size {
            verdicts.push(Verdict {
                target: "console wasm + JS + CSS ≤ 150 KB brotli".into(),
                measured: format!("{:.1} KB", size.total.brotli as f64 / 1000.0),
                met: Some(size.total.brotli <= CONSOLE_BROTLI_LIMIT),
            });
        }
        match (&self.console_load, &self.console_load_error) {
            (Some(times), _) => {
                let cold = median(&times.cold_ms);
                verdicts.push(Verdict {
                    target: format!(
                        "“My apps” rendered ≤ {CONSOLE_LOAD_LIMIT_MS} ms median (cold loads)"
                    ),
                    measured: format!("{cold:.0} ms (warm: {:.0} ms)", median(&times.warm_ms)),
                    met: Some(cold <= CONSOLE_LOAD_LIMIT_MS),
                });
                if !times.fast_3g_ms.is_empty() {
                    let slow = median(&times.fast_3g_ms);
                    verdicts.push(Verdict {
                        target: format!(
                            "“My apps” rendered ≤ {FAST_3G_LOAD_LIMIT_MS} ms median over Fast 3G (cold loads)"
                        ),
                        measured: format!("{slow:.0} ms"),
                        met: Some(slow <= FAST_3G_LOAD_LIMIT_MS),
                    });
                }
            }
            (None, Some(err)) => verdicts.push(Verdict {
                target: format!("“My apps” rendered ≤ {CONSOLE_LOAD_LIMIT_MS} ms median"),
                measured: format!("not measured: {err}"),
                met: None,
            }),
            _ => {}
        }
        verdicts
    }

    /// The issues' "within 5% of the previous commit, same run", per scenario.
    fn baseline_verdicts(&self) -> Vec<Verdict> {
        let Some(rev) = &self.baseline else {
            return Vec::new();
        };
        self.scenarios
            .iter()
            .filter_map(|scenario| {
                let against = scenario.against_baseline()?;
                Some(Verdict {
                    target: format!(
                        "{}: ≥ {BASELINE_TARGET}x baseline ({rev}) req/s",
                        scenario.key
                    ),
                    measured: format!("{:.2}x", against.ratio),
                    met: Some(against.met),
                })
            })
            .collect()
    }

    pub fn finish(mut self, cfg: &Config) -> anyhow::Result<()> {
        self.load_after = load_average();
        self.settings_used = Some(SettingsUsed::of(cfg));
        let results = serde_json::to_string_pretty(&self)?;
        std::fs::write(cfg.work_dir.join("results.json"), results)?;
        self.write(cfg)
    }

    /// Writes BENCHMARKS.md again from a run's `results.json` (after `bench/analysis.md`
    /// changed), without measuring anything.
    pub fn render(cfg: &Config) -> anyhow::Result<()> {
        let file = cfg.work_dir.join("results.json");
        let text = std::fs::read_to_string(&file)
            .map_err(|err| anyhow::anyhow!("reading {}: {err}", file.display()))?;
        let report: Report = serde_json::from_str(&text)?;
        report.write(cfg)
    }

    fn write(&self, cfg: &Config) -> anyhow::Result<()> {
        let markdown = self.markdown(cfg);
        std::fs::write(&cfg.output, &markdown)?;
        println!("\n{markdown}");
        println!(
            "(written to {}; raw figures in {})",
            cfg.output.display(),
            cfg.work_dir.join("results.json").display()
        );
        let missed: Vec<String> = self
            .verdicts()
            .into_iter()
            .filter(|v| v.met == Some(false))
            .map(|v| v.target)
            .collect();
        if missed.is_empty() {
            println!("\nEvery measured target was met.");
        } else {
            println!("\nTARGETS MISSED ({}): {}", missed.len(), missed.join("; "));
        }
        Ok(())
    }
}

/// The kernel's load averages (1, 5, 15 min) and task counts, as `/proc/loadavg` gives them.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .trim()
        .to_owned()
}

pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

pub(super) fn max(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::NAN, f64::max)
}

pub(super) fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}
