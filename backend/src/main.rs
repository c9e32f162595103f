use std::process::ExitCode;

use clientele::cli::Cli;

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
