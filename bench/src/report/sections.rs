//! The report's tables: one per scenario, Clientele against the baseline build, and the
//! PostgreSQL runs beside SQLite.

use std::fmt::Write as _;

use crate::results::{
    Baseline, Scenario, BASELINE_TARGET, CLIENTELE, CLIENTELE_BASELINE, CLIENTELE_POSTGRES,
    OIDC_PROVIDER,
};

/// Clientele against the baseline build (`BENCH_BASELINE`), from the same alternating rounds.
pub(super) fn baseline_section(w: &mut String, rev: &str, scenarios: &[Scenario]) {
    let _ = writeln!(w, "## Against the baseline ({rev})\n");
    let _ = writeln!(
        w,
        "The release build of {rev} (`BENCH_BASELINE`), seeded through its own CLI on a SQLite file of its own \
         exactly as Clientele's, measured next to Clientele in every round (the two swap places every other \
         round). Target: Clientele ≥ {BASELINE_TARGET}x the baseline's requests per second (within 5%), over \
         all rounds; the ratio of each round shows how much of it is noise.\n"
    );
    let _ = writeln!(
        w,
        "| scenario | Clientele req/s | baseline req/s | Clientele / baseline | by round | p99 ms Clientele / baseline | result |\n\
         | --- | ---: | ---: | ---: | --- | --- | --- |"
    );
    for scenario in scenarios.iter().filter(|s| s.target_ratio.is_some()) {
        let (Some(ours), Some(theirs), Some(against)) = (
            scenario.row(CLIENTELE),
            scenario.row(CLIENTELE_BASELINE),
            scenario.against_baseline(),
        ) else {
            let why = scenario
                .unavailable
                .as_deref()
                .unwrap_or("not measured on both builds");
            let _ = writeln!(w, "| {} | | | | | | n/a: {why} |", scenario.key);
            continue;
        };
        let rounds: Vec<String> = Baseline::by_round(&ours.rounds, &theirs.rounds)
            .iter()
            .map(|ratio| format!("{ratio:.2}x"))
            .collect();
        let _ = writeln!(
            w,
            "| {} | {:.0} | {:.0} | **{:.2}x** | {} | {:.2} / {:.2} | {} |",
            scenario.key,
            ours.requests_per_second,
            theirs.requests_per_second,
            against.ratio,
            rounds.join(" / "),
            ours.p99_ms,
            theirs.p99_ms,
            if against.met { "met" } else { "**missed**" }
        );
    }
    let _ = writeln!(w);
}

/// Issue 10: the same build on PostgreSQL next to its SQLite figures, from the same runs.
pub(super) fn postgres_section(w: &mut String, scenarios: &[Scenario]) {
    let measured: Vec<&Scenario> = scenarios
        .iter()
        .filter(|s| s.row(CLIENTELE_POSTGRES).is_some())
        .collect();
    let _ = writeln!(w, "## PostgreSQL next to SQLite\n");
    if measured.is_empty() {
        let _ = writeln!(w, "Not measured in this run: no PostgreSQL server was given (`scripts/bench.sh` starts one).\n");
        return;
    }
    let _ = writeln!(
        w,
        "The same release build, started a second time on a PostgreSQL database (a server of its own on loopback, \
         started by `scripts/with-postgres.sh`, with `fsync` on and `synchronous_commit` off, as durable as SQLite's \
         WAL with `synchronous = NORMAL`), measured in the same rounds as the rows above.\n"
    );
    let _ = writeln!(
        w,
        "| scenario | SQLite req/s | PostgreSQL req/s | PostgreSQL / SQLite | PostgreSQL / oidc-provider | p99 ms SQLite / PostgreSQL |\n\
         | --- | ---: | ---: | ---: | ---: | --- |"
    );
    for scenario in measured {
        let (Some(sqlite), Some(postgres)) =
            (scenario.row(CLIENTELE), scenario.row(CLIENTELE_POSTGRES))
        else {
            continue;
        };
        let vs_them = scenario
            .ratio_of(CLIENTELE_POSTGRES, OIDC_PROVIDER)
            .map_or("n/a".into(), |r| format!("{r:.2}x"));
        let _ = writeln!(
            w,
            "| {} | {:.0} | {:.0} | {:.2}x | {vs_them} | {:.2} / {:.2} |",
            scenario.key,
            sqlite.requests_per_second,
            postgres.requests_per_second,
            postgres.requests_per_second / sqlite.requests_per_second,
            sqlite.p99_ms,
            postgres.p99_ms
        );
    }
    let _ = writeln!(w, "\nPeak RSS and CPU of the PostgreSQL run are Clientele's own; the PostgreSQL server's are not counted.\n");
}

pub(super) fn table(w: &mut String, scenario: &Scenario) {
    let _ = writeln!(
        w,
        "| server | req/s | req/s by round | p50 ms | p99 ms | errors | peak RSS MiB | cores used | req/s per core |\n\
         | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    for row in &scenario.rows {
        let rounds: Vec<String> = row.rounds.iter().map(|r| format!("{r:.0}")).collect();
        let _ = writeln!(
            w,
            "| {} | {:.0} | {} | {:.2} | {:.2} | {} | {:.1} | {:.2} | {:.0} |",
            row.server,
            row.requests_per_second,
            rounds.join(" / "),
            row.p50_ms,
            row.p99_ms,
            row.errors,
            row.peak_mib,
            row.cores_used,
            row.per_core
        );
    }
    for row in &scenario.rows {
        if let Some(err) = &row.first_error {
            let _ = writeln!(
                w,
                "\nFirst error on {}: `{}`",
                row.server,
                err.replace('`', "'")
            );
        }
        if row.exhausted {
            let _ = writeln!(w, "\n{}: the codes minted in advance ran out before the time was up (the rate is over the time used).", row.server);
        }
    }
}
