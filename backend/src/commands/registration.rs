//! `clientele registration …`: what administrators do in the console to clients that
//! registered themselves (RFC 7591), from the command line: list them, delete one, or take one
//! over for a developer. The same operations as the console (`apps::self_registered`).

use clap::Subcommand;
use shared::account::Email;
use shared::api::SelfRegisteredClient;

use crate::apps::change::{Change, ChangeError};
use crate::apps::self_registered;
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum RegistrationCommand {
    /// List self-registered clients nobody has taken over, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Delete a self-registered client and everything issued to it.
    Delete {
        /// Client ids are random base64url and may begin with `-`.
        #[arg(allow_hyphen_values = true)]
        client_id: String,
    },
    /// Give a self-registered client to a developer: it becomes an ordinary app of theirs and
    /// its registration access token stops working.
    TakeOver {
        /// Client ids are random base64url and may begin with `-`.
        #[arg(allow_hyphen_values = true)]
        client_id: String,
        /// Email of the developer's console account.
        #[arg(long = "to")]
        developer_email: String,
    },
}

pub async fn run(command: RegistrationCommand, store: &Store, now: i64) -> anyhow::Result<()> {
    let change = Change::command_line(store, now);
    match command {
        RegistrationCommand::List { json } => {
            let clients = self_registered::list(&change).await.map_err(explain)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&clients)?);
            } else if clients.is_empty() {
                println!("No self-registered clients.");
            } else {
                clients.iter().for_each(print_client);
            }
            Ok(())
        }
        RegistrationCommand::Delete { client_id } => {
            self_registered::delete(&change, &client_id)
                .await
                .map_err(explain)?;
            println!("Deleted the self-registered client {client_id} and everything issued to it.");
            Ok(())
        }
        RegistrationCommand::TakeOver {
            client_id,
            developer_email,
        } => {
            let email =
                Email::try_from(developer_email).map_err(|err| anyhow::anyhow!("--to: {err}"))?;
            self_registered::take_over(&change, &client_id, &email)
                .await
                .map_err(explain)?;
            println!(
                "{client_id} is now an app of {}; its registration access token no longer works.",
                email.as_str()
            );
            Ok(())
        }
    }
}

fn print_client(client: &SelfRegisteredClient) {
    let last_used = client
        .last_used_at
        .map_or_else(|| "never used".to_owned(), |at| format!("last used {at}"));
    println!(
        "{}  {}  created {}  {}  via {}  {}",
        client.client_id,
        client.name,
        client.created_at,
        last_used,
        client.registered_with,
        client.redirect_uris.join(" ")
    );
}

fn explain(err: ChangeError) -> anyhow::Error {
    match err {
        ChangeError::NotFound => anyhow::anyhow!("no self-registered client has this client id"),
        ChangeError::Invalid(fields) => anyhow::anyhow!("{}", super::field_lines(&fields)),
        other => anyhow::anyhow!("{other}"),
    }
}
