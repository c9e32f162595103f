//! The `clientele` command line.

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::commands::user::UserCommand;
use crate::config::{with_environment, DatabaseArgs, ServeConfig};

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
        let cli = Self::parse_with_environment(std::env::args_os());
        if cli.command.is_some() {
            return cli;
        }
        Self::parse_with_environment(std::env::args_os().chain([std::ffi::OsString::from("serve")]))
    }

    /// Like `Parser::parse_from` (exits with clap's message on an error), reading the
    /// environment variables `config::with_environment` names as well.
    fn parse_with_environment(args: impl IntoIterator<Item = std::ffi::OsString>) -> Self {
        let mut command = with_environment(Self::command());
        command
            .try_get_matches_from_mut(args)
            .and_then(|mut matches| Self::from_arg_matches_mut(&mut matches))
            .unwrap_or_else(|err| err.format(&mut command).exit())
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
    /// The audit logs of apps and teams: export them as JSON lines.
    #[command(subcommand)]
    Audit(crate::commands::audit::AuditCommand),
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

    /// The variables operators and `make bench` set: each flag of `serve` and the database URL
    /// has one, named from the flag; other commands' flags have none.
    #[test]
    fn serve_flags_and_the_database_url_are_read_from_the_environment() {
        let mut command = crate::config::with_environment(Cli::command());
        command.build();
        let env_names = |command: &clap::Command| -> Vec<String> {
            command
                .get_arguments()
                .filter_map(|arg| Some(arg.get_env()?.to_str()?.to_owned()))
                .collect()
        };
        let serve = command.find_subcommand("serve").unwrap();
        let mut names = env_names(serve);
        names.sort();
        assert_eq!(
            names,
            [
                "CLIENTELE_ACCESS_TOKEN_TTL",
                "CLIENTELE_BIND",
                "CLIENTELE_CLIENT_METADATA_DOCUMENTS",
                "CLIENTELE_CLIENT_METADATA_HOSTS",
                "CLIENTELE_CODE_TTL",
                "CLIENTELE_DATABASE_POOL_SIZE",
                "CLIENTELE_DATABASE_STATEMENT_TIMEOUT_MS",
                "CLIENTELE_DATABASE_URL",
                "CLIENTELE_DYNAMIC_REGISTRATION",
                "CLIENTELE_HEADER_READ_TIMEOUT",
                "CLIENTELE_INVITATION_DAYS",
                "CLIENTELE_JWT_ACCESS_TOKEN_ALG",
                "CLIENTELE_METRICS_ADDRESS",
                "CLIENTELE_METRICS_TOKEN",
                "CLIENTELE_OUTBOUND_ALLOW_PRIVATE",
                "CLIENTELE_OUTBOUND_CA_FILE",
                "CLIENTELE_PASSWORD_HASH_SLOTS",
                "CLIENTELE_PASSWORD_HASH_WAIT_MS",
                "CLIENTELE_PASSWORD_RESET_MINUTES",
                "CLIENTELE_PRUNE_INTERVAL",
                "CLIENTELE_PUBLIC_URL",
                "CLIENTELE_REFRESH_TOKEN_TTL",
                "CLIENTELE_REQUEST_TIMEOUT",
                "CLIENTELE_SIGN_UPS_PER_HOUR",
                "CLIENTELE_SMTP_FROM",
                "CLIENTELE_SMTP_URL",
                "CLIENTELE_STATIC_DIR",
                "CLIENTELE_SUDO_MINUTES",
                "CLIENTELE_UNUSED_REGISTRATION_DAYS",
            ]
        );
        let app_create = command
            .find_subcommand("app")
            .and_then(|app| app.find_subcommand("create"))
            .unwrap();
        assert_eq!(env_names(app_create), ["CLIENTELE_DATABASE_URL"]);
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
