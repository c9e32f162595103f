//! What the report says about the machine and the builds it measured.

use std::process::Command;

use crate::config::Config;

pub(super) fn machine(cfg: &Config) -> Vec<(String, String)> {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .unwrap_or("?")
        .trim()
        .to_owned();
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kib| kib.parse::<f64>().ok())
        .unwrap_or(0.0);
    let os = std::fs::read_to_string("/etc/os-release")
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix("PRETTY_NAME=")
                .map(|v| v.trim_matches('"').to_owned())
        })
        .unwrap_or_default();
    let mut machine = vec![
        ("CPU".into(), format!("{model}, {cores} cores")),
        (
            "memory".into(),
            format!("{:.1} GiB", memory / 1024.0 / 1024.0),
        ),
        ("system".into(), format!("{os}, {}", shell("uname -sr"))),
        (
            "Clientele".into(),
            format!(
                "release build of {} ({})",
                shell(&format!(
                    "git -C '{}' describe --always --dirty=' with uncommitted changes'",
                    cfg.repo.display()
                )),
                shell("rustc --version")
            ),
        ),
        (
            "oidc-provider".into(),
            format!(
                "{} on Node.js {}",
                crate::servers::oidc_provider_version(cfg),
                shell("node --version")
            ),
        ),
        (
            "browser".into(),
            shell("/usr/bin/chromium --version 2>/dev/null | head -1"),
        ),
    ];
    if let Some(build) = &cfg.baseline {
        machine.push((
            "baseline".into(),
            format!("release build of {} (`BENCH_BASELINE`)", build.rev),
        ));
    }
    machine
}

pub(super) fn shell(command: &str) -> String {
    Command::new("sh")
        .args(["-c", command])
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .unwrap_or_default()
}
