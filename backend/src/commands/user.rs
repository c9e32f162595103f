//! `clientele user create`: console accounts for operators and automation.

use std::io::Read;
use std::sync::Arc;

use anyhow::{bail, Context};
use clap::Subcommand;
use shared::account::{DisplayName, Email, Password};
use shared::api::Account;

use crate::clock::Clock;
use crate::store::users::NewUser;
use crate::store::{self, StoreError};
use crate::{ids, password};

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
            let mut input = String::new();
            std::io::stdin()
                .read_to_string(&mut input)
                .context("cannot read the password from standard input")?;
            let password = input
                .strip_suffix('\n')
                .map(|p| p.strip_suffix('\r').unwrap_or(p))
                .unwrap_or(&input);
            let account = create(
                &email,
                display_name.as_deref(),
                password,
                admin,
                database_url,
                clock.now(),
            )
            .await?;
            println!("{}", serde_json::to_string_pretty(&account)?);
            Ok(())
        }
    }
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
    let password_hash = password::hash(password.expose().to_owned()).await?;
    let id = ids::new_id("usr");
    let new_user = NewUser {
        id: &id,
        email: email.as_str(),
        display_name: display_name.as_str(),
        password_hash: &password_hash,
        is_admin: admin,
        created_at: now,
    };
    match store.insert_user(&new_user).await {
        Ok(row) => Ok(Account {
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            is_admin: row.is_admin,
            created_at: row.created_at,
        }),
        Err(StoreError::Conflict) => bail!("email: an account with this email already exists"),
        Err(err) => Err(err.into()),
    }
}
