//! Measuring one scenario: warm-up and measured runs on every side, in an order that lets
//! Clientele and the baseline take turns going first, and perf on Clientele when it misses.

use super::*;

pub(super) struct Runner<'a> {
    pub(super) cfg: &'a Config,
    pub(super) clientele: &'a Server,
}

impl Runner<'_> {
    /// Rounds of warm-up plus measured run on each side in turn; then, when Clientele missed a
    /// target, one more run of Clientele under perf.
    pub(super) fn measure(&self, scenario: &mut Scenario, sides: &[Side], connections: usize) {
        let cfg = self.cfg;
        let mut runs: Vec<Vec<(LoadResult, u64, f64)>> = vec![Vec::new(); sides.len()];
        let names: Vec<&str> = sides.iter().map(|side| side.server.name).collect();
        for round in 1..=cfg.rounds {
            for index in round_order(&names, round) {
                let (side, runs) = (&sides[index], &mut runs[index]);
                if !cfg.warmup.is_zero() {
                    load::run(
                        side.server.address,
                        connections,
                        cfg.load_threads,
                        cfg.warmup,
                        |i| (side.make)(i),
                    );
                }
                side.server.reset_peak_memory();
                let cpu_before = side.server.cpu_seconds();
                let result = load::run(
                    side.server.address,
                    connections,
                    cfg.load_threads,
                    cfg.duration,
                    |i| (side.make)(i),
                );
                let cpu = side.server.cpu_seconds() - cpu_before;
                let peak = side.server.peak_memory();
                println!(
                    "    round {round} {:<18} {:>9.0} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms  errors {}{}",
                    side.server.name,
                    result.per_second(),
                    result.percentile_ms(0.5),
                    result.percentile_ms(0.99),
                    result.errors,
                    result.first_error.as_ref().map(|e| format!(" (first: {e})")).unwrap_or_default(),
                );
                runs.push((result, peak, cpu));
            }
        }
        scenario.rows = sides
            .iter()
            .zip(runs)
            .map(|(side, runs)| Row::new(side.server.name, runs))
            .collect();
        let misses = scenario.misses();
        for miss in &misses {
            say(&format!("MISSED: {}: {miss}", scenario.key));
        }
        say_baseline(scenario);
        let slow_console = scenario.target_ratio.is_none()
            && scenario
                .row(CLIENTELE)
                .is_some_and(|row| row.p99_ms > crate::report::CONSOLE_API_P99_LIMIT_MS);
        if slow_console {
            say(&format!(
                "MISSED: {}: p99 above {} ms",
                scenario.key,
                crate::report::CONSOLE_API_P99_LIMIT_MS
            ));
        }
        let missed_speed = slow_console || misses.iter().any(|miss| !miss.contains("errors"));
        if missed_speed && cfg.profile && profile::perf_available() {
            if let Some(side) = sides.iter().find(|side| side.server.name == CLIENTELE) {
                scenario.profile = self
                    .profile(scenario, side, connections)
                    .map_err(|err| say(&format!("profiling failed: {err:#}")))
                    .ok();
            }
        }
    }

    fn profile(
        &self,
        scenario: &Scenario,
        side: &Side,
        connections: usize,
    ) -> anyhow::Result<String> {
        say(&format!(
            "profiling Clientele on {} with perf",
            scenario.key
        ));
        let data = self
            .cfg
            .work_dir
            .join(format!("perf-{}.data", scenario.key));
        let counts = self.cfg.work_dir.join(format!("perf-{}.csv", scenario.key));
        let window = self.cfg.duration.saturating_sub(Duration::from_millis(500));
        let perf = profile::start(self.clientele.pid(), window, &data, &counts)?;
        // perf counts for all but the last half second of the run, so every counted moment is
        // under load.
        let (load, counted) = std::thread::scope(|scope| {
            let waiter = scope.spawn(move || {
                let started = Instant::now();
                for mut child in perf {
                    let _ = child.wait();
                }
                started.elapsed()
            });
            let load = load::run(
                side.server.address,
                connections,
                self.cfg.load_threads,
                self.cfg.duration,
                |i| (side.make)(i),
            );
            (load, waiter.join().unwrap_or_default())
        });
        let window_ms = counted.as_secs_f64() * 1000.0;
        // Requests in perf's window, from the run's average rate.
        let requests = (load.per_second() * window_ms / 1000.0) as u64;
        Ok(profile::per_request(&counts, requests) + &profile::summary(&data, 25)?)
    }
}

/// The order of the sides (by index) in `round`: as given, but Clientele and the baseline build
/// swap places every other round (A B, B A, ...), so neither always runs first.
fn round_order(names: &[&str], round: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..names.len()).collect();
    let find = |name| names.iter().position(|n| *n == name);
    if let (Some(ours), Some(baseline)) = (find(CLIENTELE), find(CLIENTELE_BASELINE)) {
        if round.is_multiple_of(2) {
            order.swap(ours, baseline);
        }
    }
    order
}

/// Clientele against the baseline build, when it ran in this scenario.
fn say_baseline(scenario: &Scenario) {
    if let Some(against) = scenario.against_baseline() {
        say(&format!(
            "{}{}: {:.2}x the baseline's requests per second (target ≥ {BASELINE_TARGET}x)",
            if against.met { "" } else { "MISSED: " },
            scenario.key,
            against.ratio
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::NOOP;

    #[test]
    fn clientele_and_the_baseline_take_turns_going_first() {
        let names = [CLIENTELE, CLIENTELE_BASELINE, OIDC_PROVIDER, NOOP];
        assert_eq!(round_order(&names, 1), [0, 1, 2, 3]);
        assert_eq!(round_order(&names, 2), [1, 0, 2, 3]);
        assert_eq!(round_order(&names, 3), [0, 1, 2, 3]);
    }

    #[test]
    fn without_a_baseline_the_order_never_changes() {
        let names = [CLIENTELE, OIDC_PROVIDER, NOOP];
        for round in 1..=4 {
            assert_eq!(round_order(&names, round), [0, 1, 2]);
        }
    }
}
