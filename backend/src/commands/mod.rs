//! One module per subcommand of the `clientele` binary.

pub mod api;
pub mod app;
pub mod db;
pub mod keys;
pub mod registration;
pub mod serve;
pub mod team;
pub mod user;

use std::sync::Arc;

use crate::cli::{Cli, Command};
use crate::clock::SystemClock;

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let database_url = cli.database.database_url;
    match cli.command {
        Some(Command::Serve(config)) => serve::run(config, &database_url).await,
        Some(Command::User(command)) => {
            user::run(command, &database_url, Arc::new(SystemClock)).await
        }
        Some(Command::App(command)) => {
            let store = crate::store::connect(&database_url).await?;
            app::run(command, &store, crate::clock::Clock::now(&SystemClock)).await
        }
        Some(Command::Api(command)) => {
            let store = crate::store::connect(&database_url).await?;
            api::run(command, &store, crate::clock::Clock::now(&SystemClock)).await
        }
        Some(Command::Team(command)) => {
            let store = crate::store::connect(&database_url).await?;
            team::run(command, &store, crate::clock::Clock::now(&SystemClock)).await
        }
        Some(Command::Registration(command)) => {
            let store = crate::store::connect(&database_url).await?;
            registration::run(command, &store, crate::clock::Clock::now(&SystemClock)).await
        }
        Some(Command::Db(command)) => {
            db::run(
                command,
                &database_url,
                crate::clock::Clock::now(&SystemClock),
            )
            .await
        }
        Some(Command::Migrate) => {
            crate::store::connect(&database_url).await?;
            println!(
                "The database at {} is up to date.",
                crate::store::connect::redact(&database_url)
            );
            Ok(())
        }
        Some(Command::Keys(command)) => {
            let store = crate::store::connect(&database_url).await?;
            keys::run(command, &store, crate::clock::Clock::now(&SystemClock)).await
        }
        None => unreachable!("Cli::parse_args inserts `serve` when no subcommand is given"),
    }
}

/// A listing as `--json` asked (pretty JSON) or one line per item (`line`).
fn print_list<T: serde::Serialize>(
    json: bool,
    items: &[T],
    line: impl Fn(&T) -> String,
) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(items)?);
    } else {
        for item in items {
            println!("{}", line(item));
        }
    }
    Ok(())
}
