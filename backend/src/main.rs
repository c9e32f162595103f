use std::process::ExitCode;

use clientele::cli::Cli;

/// mimalloc instead of glibc's malloc: the token endpoint makes many small, short-lived
/// allocations across the runtime's worker threads, and a profile of `client_credentials` under
/// load spent about 14% of the server's time in glibc's malloc, free and their consolidation
/// (`bench/analysis.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse_args();
    clientele::telemetry::init();
    match clientele::commands::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
