//! BENCHMARKS.md from a report: one function per section, in the order the file shows them,
//! then the hand-written analysis (`bench/analysis.md`) and the method (`bench/method.md`).

use std::fmt::Write as _;

use super::sections::{baseline_section, postgres_section, table};
use super::{kb, median, mib, Report, SettingsUsed};
use crate::config::Config;
use crate::results::{Scenario, NOOP, OIDC_PROVIDER};

impl Report {
    pub(super) fn markdown(&self, cfg: &Config) -> String {
        let used = self
            .settings_used
            .clone()
            .unwrap_or_else(|| SettingsUsed::of(cfg));
        let mut md = String::new();
        let w = &mut md;
        self.machine_section(w);
        self.targets_section(w);
        self.token_section(w);
        if let Some(rev) = &self.baseline {
            baseline_section(w, rev, &self.scenarios);
        }
        postgres_section(w, &self.scenarios);
        self.console_api_section(w, &used);
        self.startup_section(w, &used);
        self.memory_section(w);
        self.console_section(w, &used);
        self.profiles_section(w);
        hand_written_sections(w, cfg);
        md
    }

    /// The title, what is generated and what is not, the machine and the run's settings.
    fn machine_section(&self, w: &mut String) {
        let _ = writeln!(w, "# Benchmarks\n");
        let _ = writeln!(
            w,
            "Written by `make bench` (`scripts/bench.sh`) on {}. Everything but the “Analysis” section is \
             generated; that section is `bench/analysis.md`, kept by hand. Absolute numbers drift on these shared \
             machines; the ratios between servers measured in the same run are what the targets are about.\n",
            self.date
        );
        let _ = writeln!(w, "## Machine\n");
        for (key, value) in &self.machine {
            let _ = writeln!(w, "- {key}: {value}");
        }
        let _ = writeln!(
            w,
            "- load average (1, 5, 15 min) before: {}; after: {}",
            self.load_before, self.load_after
        );
        let _ = writeln!(
            w,
            "- the machine is shared: other engineers' builds and tests may run during the bench, and the load \
             generator runs on the same 2 cores as the server it drives\n"
        );
        let _ = writeln!(w, "Settings: {}.\n", self.settings);
    }

    /// Every target, met or missed.
    fn targets_section(&self, w: &mut String) {
        let _ = writeln!(w, "## Targets\n");
        let _ = writeln!(w, "| target | measured | result |\n| --- | --- | --- |");
        for verdict in self.verdicts() {
            let result = match verdict.met {
                Some(true) => "met",
                Some(false) => "**missed**",
                None => "n/a",
            };
            let _ = writeln!(
                w,
                "| {} | {} | {result} |",
                verdict.target, verdict.measured
            );
        }
    }

    /// The scenarios with a target against oidc-provider: a table each, the ratios, the misses.
    fn token_section(&self, w: &mut String) {
        let _ = writeln!(w, "\n## Token endpoint and introspection\n");
        let _ = writeln!(
            w,
            "req/s per core: requests divided by the server's own CPU time (user + system, all threads). \
             Peak RSS: the kernel's high-water mark, reset before each measured run.\n"
        );
        for scenario in self.scenarios.iter().filter(|s| s.target_ratio.is_some()) {
            let _ = writeln!(w, "### {}\n", scenario.title);
            if let Some(why) = &scenario.unavailable {
                let _ = writeln!(w, "Not measured: {why}.\n");
                continue;
            }
            table(w, scenario);
            if let (Some(vs_them), Some(vs_ceiling)) =
                (scenario.ratio(OIDC_PROVIDER), scenario.ratio(NOOP))
            {
                let _ = writeln!(
                    w,
                    "\nClientele / oidc-provider: **{vs_them:.2}x** (target {}x). Clientele / no-op: {vs_ceiling:.2}x.",
                    scenario.target_ratio.unwrap_or_default()
                );
            }
            for miss in scenario.misses() {
                let _ = writeln!(w, "\nMissed: {miss}.");
            }
            let _ = writeln!(w);
        }
    }

    /// The console API's latency runs, Clientele alone.
    fn console_api_section(&self, w: &mut String, used: &SettingsUsed) {
        let _ = writeln!(w, "## Console API (Clientele only)\n");
        for scenario in self.scenarios.iter().filter(|s| s.target_ratio.is_none()) {
            let _ = writeln!(
                w,
                "### {} ({} connections)\n",
                scenario.title, used.console_connections
            );
            table(w, scenario);
            let _ = writeln!(w);
        }
    }

    fn startup_section(&self, w: &mut String, used: &SettingsUsed) {
        let _ = writeln!(w, "## Start-up\n");
        let _ = writeln!(
            w,
            "From spawning `clientele serve` on the seeded database ({} apps) to `/healthz` answering, in ms: {}.\n",
            used.total_apps,
            whole_ms(&self.startup_ms)
        );
    }

    /// Each server's resident memory before and after the scenarios.
    fn memory_section(&self, w: &mut String) {
        let _ = writeln!(w, "## Memory (resident, MiB)\n");
        let _ = writeln!(
            w,
            "| server | at rest, before the scenarios | after the scenarios |\n| --- | --- | --- |"
        );
        for (name, rest) in &self.memory_at_rest {
            let end = self
                .memory_at_end
                .iter()
                .find(|(n, _)| n == name)
                .map_or(0, |(_, bytes)| *bytes);
            let _ = writeln!(w, "| {name} | {:.1} | {:.1} |", mib(*rest), mib(end));
        }
    }

    /// The console's download size and its load times in Chromium.
    fn console_section(&self, w: &mut String, used: &SettingsUsed) {
        let _ = writeln!(w, "\n## Console\n");
        if let Some(size) = &self.console_size {
            let _ = writeln!(
                w,
                "| files in dist/ | raw | gzip | brotli |\n| --- | ---: | ---: | ---: |"
            );
            for (kind, sizes) in size
                .kinds
                .iter()
                .chain(std::iter::once(&("total".to_owned(), size.total.clone())))
            {
                let _ = writeln!(
                    w,
                    "| {kind} | {} | {} | {} |",
                    kb(sizes.raw),
                    kb(sizes.gzip),
                    kb(sizes.brotli)
                );
            }
        }
        match (&self.console_load, &self.console_load_error) {
            (Some(times), _) => {
                let _ = writeln!(
                    w,
                    "\nHeadless Chromium, signed in, from navigation to the first frame showing “My apps” rows (user with \
                     {} apps; the first page), in ms:\n\n- cold (HTTP cache disabled): {} — median **{:.0}**\n- warm (cached \
                     assets): {} — median {:.0}\n- cold over emulated Fast 3G (562.5 ms round trip, 1.44 Mbit/s \
                     down): {} — median **{:.0}**",
                    used.user_apps,
                    whole_ms(&times.cold_ms),
                    median(&times.cold_ms),
                    whole_ms(&times.warm_ms),
                    median(&times.warm_ms),
                    whole_ms(&times.fast_3g_ms),
                    median(&times.fast_3g_ms)
                );
            }
            (None, Some(err)) => {
                let _ = writeln!(w, "\nThe load timing failed: {err}");
            }
            _ => {}
        }
    }

    /// perf's summary of each scenario that missed its target, when profiled.
    fn profiles_section(&self, w: &mut String) {
        let profiled: Vec<&Scenario> = self
            .scenarios
            .iter()
            .filter(|s| s.profile.is_some())
            .collect();
        if profiled.is_empty() {
            return;
        }
        let _ = writeln!(w, "\n## Profiles of the misses\n");
        let _ = writeln!(
            w,
            "`perf record -e cpu-clock -F 999` on the Clientele process during one more run of the scenario \
             (this VM exposes no hardware counters, so instructions are not counted; samples are CPU time).\n"
        );
        for scenario in profiled {
            let _ = writeln!(
                w,
                "### {}\n\n```text\n{}```\n",
                scenario.key,
                scenario.profile.as_deref().unwrap_or_default()
            );
        }
    }
}

/// `bench/analysis.md` (when there is one) and `bench/method.md`, as they are.
fn hand_written_sections(w: &mut String, cfg: &Config) {
    let analysis = std::fs::read_to_string(cfg.repo.join("bench/analysis.md")).unwrap_or_default();
    if !analysis.trim().is_empty() {
        let _ = writeln!(w, "\n{}", analysis.trim_end());
    }
    let method = include_str!("../../method.md");
    let _ = writeln!(w, "\n{}", method.trim_end());
}

/// Milliseconds rounded to whole ones, comma-separated.
fn whole_ms(values: &[f64]) -> String {
    values
        .iter()
        .map(|ms| format!("{ms:.0}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console_load::LoadTimes;
    use crate::results::{Row, CLIENTELE, CLIENTELE_BASELINE};

    fn scenario(key: &str, target_ratio: Option<f64>, servers: &[&str]) -> Scenario {
        Scenario {
            key: key.into(),
            title: format!("{key} title"),
            rows: servers
                .iter()
                .map(|server| Row {
                    server: (*server).into(),
                    requests_per_second: 1000.0,
                    ..Default::default()
                })
                .collect(),
            target_ratio,
            unavailable: None,
            profile: (key == "introspection").then(|| "50% sqlite3_step\n".into()),
        }
    }

    #[test]
    fn the_report_shows_every_section_once_in_order() {
        let cfg = Config::from_env().expect("default settings");
        let report = Report {
            baseline: Some("abc1234".into()),
            settings_used: Some(SettingsUsed {
                console_connections: 4,
                user_apps: 10,
                total_apps: 100,
            }),
            startup_ms: vec![18.4, 20.6],
            console_load: Some(LoadTimes {
                cold_ms: vec![150.2],
                warm_ms: vec![60.0],
                fast_3g_ms: vec![1900.0],
            }),
            scenarios: vec![
                scenario(
                    "introspection",
                    Some(8.0),
                    &[CLIENTELE, CLIENTELE_BASELINE, OIDC_PROVIDER, NOOP],
                ),
                scenario("console_my_apps", None, &[CLIENTELE]),
            ],
            ..Default::default()
        };
        let markdown = report.markdown(&cfg);
        let headings = [
            "# Benchmarks\n",
            "## Machine\n",
            "## Targets\n",
            "## Token endpoint and introspection\n",
            "### introspection title\n",
            "## Against the baseline (abc1234)\n",
            "## PostgreSQL next to SQLite\n",
            "## Console API (Clientele only)\n",
            "### console_my_apps title (4 connections)\n",
            "## Start-up\n",
            "## Memory (resident, MiB)\n",
            "## Console\n",
            "## Profiles of the misses\n",
            "## How it was measured\n",
        ];
        let mut from = 0;
        for heading in headings {
            let at = markdown[from..]
                .find(heading)
                .unwrap_or_else(|| panic!("{heading:?} missing or out of order"));
            from += at + heading.len();
            assert_eq!(markdown.matches(heading).count(), 1, "{heading:?}");
        }
        assert!(markdown.contains("to `/healthz` answering, in ms: 18, 21.\n"));
        assert!(markdown.contains("- cold (HTTP cache disabled): 150 — median **150**\n"));
    }
}
