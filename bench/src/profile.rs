//! Where Clientele spends its time when a throughput target is missed: `perf record` on the
//! server process while the scenario runs again (the `cpu-clock` software event, because
//! virtual machines like this one often expose no hardware counters), summarised by library and
//! by function. Without perf, `valgrind --tool=callgrind` instruction counts are the fallback
//! (run by hand: see BENCHMARKS.md).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub fn perf_available() -> bool {
    Command::new("perf")
        .args(["stat", "-e", "cpu-clock", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Samples `pid` for `duration` into `data`, and counts its software events into `counts`
/// (`perf stat`); wait on both children to finish.
pub fn start(
    pid: u32,
    duration: Duration,
    data: &Path,
    counts: &Path,
) -> anyhow::Result<[Child; 2]> {
    let sleep = format!("{:.1}", duration.as_secs_f64());
    let pid = pid.to_string();
    // `perf <what…> -p PID -o OUTPUT -- sleep SECONDS`, quietly.
    let perf = |what: &[&str], output: &Path| {
        Command::new("perf")
            .args(what)
            .args(["-p", &pid, "-o"])
            .arg(output)
            .args(["--", "sleep", &sleep])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
    };
    let record = perf(&["record", "-e", "cpu-clock", "-F", "999"], data)?;
    let stat = perf(
        &[
            "stat",
            "-x,",
            "-e",
            "task-clock,context-switches,cpu-migrations,page-faults",
        ],
        counts,
    )?;
    Ok([record, stat])
}

/// Per request: CPU time and context switches of the server, from `perf stat`'s CSV.
pub fn per_request(counts: &Path, requests: u64) -> String {
    let text = std::fs::read_to_string(counts).unwrap_or_default();
    let value = |event: &str| {
        text.lines()
            .find(|line| line.split(',').nth(2) == Some(event))
            .and_then(|line| line.split(',').next()?.parse::<f64>().ok())
    };
    let per = |total: f64| total / requests.max(1) as f64;
    match (value("task-clock"), value("context-switches"), value("cpu-migrations")) {
        (Some(ms), Some(switches), Some(migrations)) => format!(
            "per request ({requests} requests): {:.0} µs of server CPU, {:.1} context switches, {:.2} CPU migrations\n",
            per(ms * 1000.0),
            per(switches),
            per(migrations)
        ),
        _ => String::new(),
    }
}

/// The share of samples per shared object and the hottest functions.
pub fn summary(data: &Path, functions: usize) -> anyhow::Result<String> {
    let by_object = report(data, "dso", 2.0)?;
    let by_function = report(data, "dso,symbol", 0.8)?;
    let mut text = String::from("by library:\n");
    for line in by_object.lines().take(8) {
        text.push_str(&format!("  {line}\n"));
    }
    text.push_str("hottest functions:\n");
    for line in by_function.lines().take(functions) {
        text.push_str(&format!("  {line}\n"));
    }
    Ok(text)
}

fn report(data: &Path, sort: &str, limit: f64) -> anyhow::Result<String> {
    let out = Command::new("perf")
        .args([
            "report",
            "--stdio",
            "--no-children",
            "--sort",
            sort,
            "--percent-limit",
            &limit.to_string(),
            "-i",
        ])
        .arg(data)
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    Ok(text
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            // Without the IPC columns (no hardware counters here); long Rust names cut short.
            let line = line.trim_end().trim_end_matches(['-', ' ']);
            if line.chars().count() > 150 {
                format!("{}…", line.chars().take(150).collect::<String>())
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n"))
}
