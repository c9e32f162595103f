//! One module per subcommand of the `clientele` binary.

pub mod api;
pub mod app;
pub mod audit;
pub mod db;
pub mod keys;
pub mod registration;
pub mod serve;
pub mod team;
pub mod user;

use std::sync::Arc;

use crate::cli::{Cli, Command};
use crate::clock::SystemClock;
use crate::store::users::UserRow;
use crate::store::Store;
use shared::field_errors::FieldErrors;
use shared::team::TeamSlug;

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let database_url = cli.database.database_url;
    // The commands that open the database themselves; every other one works on a store.
    let command = match cli.command {
        Some(Command::Serve(config)) => return serve::run(config, &database_url).await,
        Some(Command::User(command)) => {
            return user::run(command, &database_url, Arc::new(SystemClock)).await
        }
        Some(Command::Db(command)) => {
            return db::run(
                command,
                &database_url,
                crate::clock::Clock::now(&SystemClock),
            )
            .await
        }
        Some(command) => command,
        None => unreachable!("Cli::parse_args inserts `serve` when no subcommand is given"),
    };
    let store = crate::store::connect(&database_url).await?;
    let now = crate::clock::Clock::now(&SystemClock);
    match command {
        Command::App(command) => app::run(command, &store, now).await,
        Command::Api(command) => api::run(command, &store, now).await,
        Command::Team(command) => team::run(command, &store, now).await,
        Command::Registration(command) => registration::run(command, &store, now).await,
        Command::Audit(command) => audit::run(command, &store).await,
        Command::Keys(command) => keys::run(command, &store, now).await,
        Command::Migrate => {
            println!(
                "The database at {} is up to date.",
                crate::store::connect::redact(&database_url)
            );
            Ok(())
        }
        Command::Serve(_) | Command::User(_) | Command::Db(_) => {
            unreachable!("answered above")
        }
    }
}

/// What registering an app or an API takes alike: the console account that registers it, with
/// `--team` the team that will own it, and its name and description.
#[derive(Debug, clap::Args)]
pub struct Registering {
    /// Email of the console account that will own it (with `--team`: that registers it).
    #[arg(long)]
    owner: String,
    /// Slug of the team that will own it.
    #[arg(long)]
    team: Option<TeamSlug>,
    #[arg(long)]
    name: String,
    #[arg(long, default_value = "")]
    description: String,
}

/// A form's problems as the command line prints them: one `field: message` line each.
fn field_lines(fields: &FieldErrors) -> String {
    let lines: Vec<String> = fields
        .iter()
        .map(|(field, message)| format!("{field}: {message}"))
        .collect();
    lines.join("\n")
}

/// The console account with `email` as someone typed it (any case, spaces around); the error
/// names the flag it came from.
async fn account(store: &Store, flag: &str, email: &str) -> anyhow::Result<UserRow> {
    store
        .user_by_email(&email.trim().to_lowercase())
        .await?
        .ok_or_else(|| anyhow::anyhow!("{flag}: no console account has the email {email}"))
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
