//! The `clientele` command line.

use clap::{Parser, Subcommand};

use crate::commands::user::UserCommand;
use crate::config::{DatabaseArgs, ServeConfig};

#[derive(Debug, Parser)]
#[command(
    name = "clientele",
    version,
    about = "OAuth 2.0 / OpenID Connect authorization server with a developer console"
)]
pub struct Cli {
    #[command(flatten)]
    pub database: DatabaseArgs,

    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// Parses the process arguments; with no subcommand, `serve` is meant.
    pub fn parse_args() -> Self {
        let cli = Self::parse();
        if cli.command.is_some() {
            return cli;
        }
        Self::parse_from(std::env::args_os().chain([std::ffi::OsString::from("serve")]))
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server: console, console API and OAuth endpoints.
    Serve(ServeConfig),
    /// Manage console accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage OAuth apps (same rules as the console).
    #[command(subcommand)]
    App(crate::commands::app::AppCommand),
    /// Manage APIs (resource servers) apps get tokens for (same rules as the console).
    #[command(subcommand)]
    Api(crate::commands::api::ApiCommand),
    /// Manage teams and their members (same rules as the console).
    #[command(subcommand)]
    Team(crate::commands::team::TeamCommand),
    /// Clients that registered themselves (RFC 7591): list, delete, take over for a developer.
    #[command(subcommand)]
    Registration(crate::commands::registration::RegistrationCommand),
    /// Database maintenance: move data between databases, remove expired rows.
    #[command(subcommand)]
    Db(crate::commands::db::DbCommand),
    /// Apply pending database migrations and exit (serve also applies them at start).
    Migrate,
    /// Manage the keys that sign ID tokens and JWT access tokens.
    #[command(subcommand)]
    Keys(crate::commands::keys::KeysCommand),
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::Cli;

    /// clap checks a command's definition only when it is parsed in a debug build: two flattened
    /// settings with the same argument id would make `clientele serve` panic at start.
    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// Generated client ids are base64url: one in 64 begins with `-`, which must still be read
    /// as the id, not as a flag.
    #[test]
    fn client_ids_that_begin_with_a_hyphen_are_ids() {
        for args in [
            &["clientele", "app", "show", "-Xa1", "--json"][..],
            &["clientele", "app", "delete", "-Xa1"],
            &["clientele", "app", "transfer", "-Xa1", "--team", "core"],
            &["clientele", "registration", "delete", "-Xa1"],
            &[
                "clientele",
                "registration",
                "take-over",
                "-Xa1",
                "--to",
                "a@example.com",
            ],
        ] {
            assert!(Cli::try_parse_from(args).is_ok(), "{args:?}");
        }
    }

    /// Scripts read every `team` command's answer as JSON.
    #[test]
    fn every_team_command_takes_json() {
        let command = Cli::command();
        let team = command.find_subcommand("team").expect("a team command");
        let mut names = Vec::new();
        for sub in team.get_subcommands() {
            names.push(sub.get_name().to_owned());
            assert!(
                sub.get_arguments()
                    .any(|arg| arg.get_long() == Some("json")),
                "team {} has no --json",
                sub.get_name()
            );
        }
        for expected in ["invite", "invitations", "audit"] {
            assert!(names.iter().any(|name| name == expected), "{names:?}");
        }
    }
}
