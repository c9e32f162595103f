//! `clientele-bench`: the benchmark command's program (run by `scripts/bench.sh`).
//!
//! - `clientele-bench run`: the whole benchmark; settings from `BENCH_*` variables (config.rs).
//! - `clientele-bench noop --bind ADDR`: the no-op server the bench measures as the ceiling.
//! - `clientele-bench render`: writes BENCHMARKS.md again from the last run's results.json
//!   (after editing `bench/analysis.md`).
//! - `clientele-bench record-console-size`: writes the console's brotli size to
//!   `bench/console-size.json`, the figure `tests/tests/e2e/console_size.rs` guards.

mod config;
mod console_load;
mod console_size;
mod load;
mod mint;
mod noop;
mod procs;
mod profile;
mod report;
mod results;
mod run;
mod seed;
mod servers;
mod workloads;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["run"] => run::run(config::Config::from_env()?),
        ["noop", "--bind", address] => noop::serve(address),
        ["render"] => report::Report::render(&config::Config::from_env()?),
        ["record-console-size"] => {
            let cfg = config::Config::from_env()?;
            let size = console_size::measure(&cfg.repo.join("dist"))?;
            let file = cfg.repo.join("bench/console-size.json");
            let date = std::process::Command::new("date")
                .args(["-u", "+%Y-%m-%d"])
                .output()?;
            console_size::record(&size, &file, String::from_utf8_lossy(&date.stdout).trim())?;
            println!(
                "recorded {} brotli bytes in {}",
                size.total.brotli,
                file.display()
            );
            Ok(())
        }
        _ => anyhow::bail!(
            "usage: clientele-bench run | render | noop --bind ADDR | record-console-size"
        ),
    }
}
