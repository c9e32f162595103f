//! `clientele db copy --from URL --to URL`: moving off SQLite.
//! `clientele db prune`: removing expired codes, tokens and sessions now (the server also does
//! it in the background, every `--prune-interval` seconds).

use clap::Subcommand;

use crate::store::{self, copy, PoolOptions};

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Copy every table of a stopped instance into an empty database (typically SQLite to
    /// PostgreSQL) in one transaction, and check every row count.
    Copy {
        /// The database to read, e.g. sqlite://data/clientele.db. Stop the server first.
        #[arg(long)]
        from: String,
        /// The empty database to fill, e.g. postgres://user@host/clientele. Migrated first.
        #[arg(long)]
        to: String,
    },
    /// Remove expired authorization codes, tokens, sessions and spent team invitations now, and
    /// print how many.
    Prune,
}

pub async fn run(command: DbCommand, database_url: &str, now: i64) -> anyhow::Result<()> {
    match command {
        DbCommand::Prune => {
            let store = store::connect(database_url).await?;
            let report = store.prune_expired(now).await?;
            println!(
                "Removed {} expired tokens, {} authorization codes, {} sessions and {} team invitations.",
                report.tokens, report.codes, report.sessions, report.invitations
            );
            Ok(())
        }
        DbCommand::Copy { from, to } => {
            let source = store::open(&from, PoolOptions::default()).await?;
            let target = store::connect(&to).await?;
            let report = copy::copy_all(&source, &target).await?;
            for (table, rows) in &report {
                println!("{table:<22} {rows:>10} rows");
            }
            println!(
                "Copied {} tables into {}; every row count matches.",
                report.len(),
                store::connect::redact(&to)
            );
            Ok(())
        }
    }
}
