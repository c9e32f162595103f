//! `clientele user create`, `clientele user set-password` and `clientele user
//! second-factor-policy`: console accounts for operators and automation.

use std::io::Read;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context};
use clap::Subcommand;
use shared::account::{DisplayName, Email, Password};
use shared::api::{Account, TwoFactorPolicy};

use crate::accounts::password::set_by_operator;
use crate::accounts::two_factor::policy;
use crate::accounts::{self, account_of, AccountError, CreateAccountError, NewAccount};
use crate::clock::Clock;
use crate::password;
use crate::store;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a console account and print it as JSON.
    Create {
        /// The account's email address (also its sign-in name).
        #[arg(long)]
        email: String,
        /// Name shown in the console; defaults to the part of the email before the `@`.
        #[arg(long)]
        display_name: Option<String>,
        /// Read the password from standard input (at least 12 characters).
        #[arg(long, required = true)]
        password_stdin: bool,
        /// Make the account an administrator (sees and can disable every app).
        #[arg(long)]
        admin: bool,
    },
    /// Set a new password for an account and end all its sessions: what an administrator does
    /// for someone who forgot theirs. Recorded in the account's log.
    SetPassword {
        /// The account's email address.
        #[arg(long)]
        email: String,
        /// Read the new password from standard input (at least 12 characters); without it, the
        /// password is asked for on the terminal, not echoed.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Require a second factor (an authenticator app) of every developer, or stop requiring
    /// it; one without a factor sets it up at their next console sign-in before anything else.
    /// Prints the policy as JSON.
    SecondFactorPolicy {
        /// `true` to require a second factor, `false` to stop; omitted: only print the policy.
        #[arg(long, action = clap::ArgAction::Set)]
        required: Option<bool>,
    },
}

pub async fn run(
    command: UserCommand,
    database_url: &str,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<()> {
    match command {
        UserCommand::Create {
            email,
            display_name,
            password_stdin: _,
            admin,
        } => {
            let password = password_from_stdin()?;
            let account = create(
                &email,
                display_name.as_deref(),
                &password,
                admin,
                database_url,
                clock.now(),
            )
            .await?;
            println!("{}", serde_json::to_string_pretty(&account)?);
            Ok(())
        }
        UserCommand::SetPassword {
            email,
            password_stdin,
        } => {
            let email = Email::try_from(email).map_err(|err| anyhow::anyhow!("email: {err}"))?;
            let typed = if password_stdin {
                password_from_stdin()?
            } else {
                rpassword::prompt_password(format!("New password for {}: ", email.as_str()))
                    .context("cannot read the password from the terminal")?
            };
            let password =
                Password::try_from(typed).map_err(|err| anyhow::anyhow!("password: {err}"))?;
            let store = store::connect(database_url).await?;
            // One hash per run: a single slot, and all the time it needs.
            let passwords = password::Hasher::new(1, Duration::from_secs(3600));
            match set_by_operator(&store, &passwords, &email, &password, clock.now()).await {
                Ok(ended) => {
                    eprintln!(
                        "The password of {} is set; its sessions have ended ({ended}).",
                        email.as_str()
                    );
                    Ok(())
                }
                Err(AccountError::NotFound) => {
                    bail!("no account has the email {}", email.as_str())
                }
                Err(err) => Err(anyhow::anyhow!(err)),
            }
        }
        UserCommand::SecondFactorPolicy { required } => {
            let store = store::connect(database_url).await?;
            if let Some(required) = required {
                policy::set_required(&store, required, crate::audit::COMMAND_LINE).await?;
            }
            let policy = TwoFactorPolicy {
                required: policy::required(&store).await?,
            };
            println!("{}", serde_json::to_string(&policy)?);
            Ok(())
        }
    }
}

/// The password on standard input, without its final line break.
fn password_from_stdin() -> anyhow::Result<String> {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .context("cannot read the password from standard input")?;
    let password = input
        .strip_suffix('\n')
        .map(|p| p.strip_suffix('\r').unwrap_or(p))
        .unwrap_or(&input);
    Ok(password.to_owned())
}

async fn create(
    email: &str,
    display_name: Option<&str>,
    password: &str,
    admin: bool,
    database_url: &str,
    now: i64,
) -> anyhow::Result<Account> {
    let email = Email::try_from(email.to_owned()).map_err(|err| anyhow::anyhow!("email: {err}"))?;
    let default_name = email
        .as_str()
        .split('@')
        .next()
        .unwrap_or_default()
        .to_owned();
    let display_name =
        DisplayName::try_from(display_name.map(str::to_owned).unwrap_or(default_name))
            .map_err(|err| anyhow::anyhow!("display name: {err}"))?;
    let password = Password::try_from(password.to_owned())
        .map_err(|err| anyhow::anyhow!("password: {err}"))?;

    let store = store::connect(database_url).await?;
    // One hash per run: a single slot, and all the time it needs.
    let passwords = password::Hasher::new(1, Duration::from_secs(3600));
    let account = NewAccount {
        email: &email,
        display_name: &display_name,
        password: &password,
        is_admin: admin,
    };
    match accounts::create(&store, &passwords, account, now).await {
        Ok(row) => Ok(account_of(row)),
        Err(CreateAccountError::EmailTaken) => {
            bail!("email: an account with this email already exists")
        }
        Err(err) => Err(err.into()),
    }
}
