//! `clientele keys list|rotate`: the signing keys behind ID tokens and JWT access tokens.

use clap::Subcommand;

use crate::keys;
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Show every signing key: id, algorithm, created, retired.
    List,
    /// Make a new current key for each algorithm. Old public keys stay published until every
    /// token they signed has expired; running servers pick the new keys up within a minute.
    Rotate,
}

pub async fn run(command: KeysCommand, store: &Store, now: i64) -> anyhow::Result<()> {
    match command {
        KeysCommand::List => {
            keys::ensure_current_keys(store, now).await?;
            println!(
                "{:<32} {:<6} {:>12} {:>12}",
                "kid", "alg", "created", "retired"
            );
            for key in store.all_signing_keys().await? {
                let retired = key
                    .retired_at
                    .map_or_else(|| "current".to_owned(), |at| at.to_string());
                println!(
                    "{:<32} {:<6} {:>12} {:>12}",
                    key.kid, key.alg, key.created_at, retired
                );
            }
        }
        KeysCommand::Rotate => {
            let kids = keys::rotate(store, now).await?;
            println!("New current keys: {}", kids.join(", "));
        }
    }
    Ok(())
}
