//! Starting the three servers the way the bench compares them: Clientele's release build on a
//! SQLite file, oidc-provider under node with the config in `bench/oidc-provider.mjs`, and the
//! no-op server (this binary's `noop` command); with `BENCH_BASELINE`, another revision's
//! release build too, on a SQLite file of its own. Each runs in its own process, so each one's
//! memory and CPU time can be read on its own.

use std::net::SocketAddr;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::procs::Server;

pub const OIDC_SECRET: &str = "bench-oidc-provider-client-secret-0123456789abcdef";
const PROVIDER_SCRIPT: &str = include_str!("../oidc-provider.mjs");

/// Starts Clientele on `address`; returns it and the time from spawn to `/healthz` answering.
pub fn clientele(
    cfg: &Config,
    address: SocketAddr,
    database: &Path,
) -> anyhow::Result<(Server, Duration)> {
    clientele_on(
        cfg,
        (crate::results::CLIENTELE, &cfg.clientele_bin),
        address,
        &crate::seed::sqlite_url(database),
        "clientele.log",
    )
}

/// Starts the baseline build (`BENCH_BASELINE`) on its own SQLite file.
pub fn clientele_baseline(
    cfg: &Config,
    bin: &Path,
    address: SocketAddr,
    database: &Path,
) -> anyhow::Result<Server> {
    let (server, _) = clientele_on(
        cfg,
        (crate::results::CLIENTELE_BASELINE, bin),
        address,
        &crate::seed::sqlite_url(database),
        "clientele-baseline.log",
    )?;
    Ok(server)
}

/// Starts a second Clientele on a PostgreSQL database (issue 10's scenarios).
pub fn clientele_postgres(
    cfg: &Config,
    address: SocketAddr,
    database_url: &str,
) -> anyhow::Result<Server> {
    let (server, _) = clientele_on(
        cfg,
        (crate::results::CLIENTELE_POSTGRES, &cfg.clientele_bin),
        address,
        database_url,
        "clientele-postgres.log",
    )?;
    Ok(server)
}

/// Starts the binary `bin`, reported as `name`.
fn clientele_on(
    cfg: &Config,
    (name, bin): (&'static str, &Path),
    address: SocketAddr,
    database_url: &str,
    log: &str,
) -> anyhow::Result<(Server, Duration)> {
    let mut command = Command::new(bin);
    command
        .arg("serve")
        .env("CLIENTELE_BIND", address.to_string())
        .env("CLIENTELE_PUBLIC_URL", format!("http://{address}"))
        .env("CLIENTELE_DATABASE_URL", database_url)
        .env("CLIENTELE_STATIC_DIR", cfg.repo.join("dist"))
        // Codes are minted minutes before the exchange scenario runs.
        .env("CLIENTELE_CODE_TTL", "3600")
        .env("RUST_LOG", "info");
    let since = Instant::now();
    let mut server = Server::start(name, address, command, &cfg.work_dir.join(log))?;
    let took = server.wait_ready("/healthz", since, Duration::from_secs(30))?;
    Ok((server, took))
}

/// Writes the provider script next to the installed `node_modules` and starts it.
pub fn oidc_provider(cfg: &Config, address: SocketAddr, jwt_alg: &str) -> anyhow::Result<Server> {
    anyhow::ensure!(
        cfg.tools_dir
            .join("node_modules/oidc-provider/package.json")
            .exists(),
        "oidc-provider is not installed in {} (scripts/bench.sh installs it)",
        cfg.tools_dir.display()
    );
    let script = cfg.tools_dir.join("bench-provider.mjs");
    std::fs::write(&script, PROVIDER_SCRIPT)?;
    let mut command = Command::new("node");
    command
        .arg(&script)
        .env("PORT", address.port().to_string())
        .env("NODE_ENV", "production")
        .env("BENCH_CLIENT_SECRET", OIDC_SECRET)
        .env("BENCH_JWT_ALG", jwt_alg)
        .env("BENCH_REDIRECT_URI", crate::mint::REDIRECT_URI);
    started(
        cfg,
        crate::results::OIDC_PROVIDER,
        address,
        command,
        "oidc-provider.log",
    )
}

pub fn noop(cfg: &Config, address: SocketAddr) -> anyhow::Result<Server> {
    let mut command = Command::new(&cfg.bench_bin);
    command.arg("noop").arg("--bind").arg(address.to_string());
    started(cfg, crate::results::NOOP, address, command, "noop.log")
}

/// The installed oidc-provider's version, for the report.
pub fn oidc_provider_version(cfg: &Config) -> String {
    let manifest = std::fs::read_to_string(
        cfg.tools_dir
            .join("node_modules/oidc-provider/package.json"),
    )
    .unwrap_or_default();
    serde_json::from_str::<serde_json::Value>(&manifest)
        .ok()
        .and_then(|json| json["version"].as_str().map(str::to_owned))
        .unwrap_or_else(|| "unknown".into())
}

/// Starts `command` as server `name`, logging to `log` in the work folder, once it answers
/// `/healthz` (within 30 s).
fn started(
    cfg: &Config,
    name: &'static str,
    address: SocketAddr,
    command: Command,
    log: &str,
) -> anyhow::Result<Server> {
    let mut server = Server::start(name, address, command, &cfg.work_dir.join(log))?;
    server.wait_ready("/healthz", Instant::now(), Duration::from_secs(30))?;
    Ok(server)
}
