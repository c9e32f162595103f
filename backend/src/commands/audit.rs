//! `clientele audit export [--since RFC3339] [--until RFC3339] [--app CLIENT_ID] [--output FILE]`:
//! the audit logs as JSON lines, through `audit_export` (the API's export, the same lines).

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;
use futures_util::StreamExt;
use shared::field_errors::FieldErrors;

use crate::audit_export::{self, ExportError, ExportRequest};
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Write the apps' and teams' audit logs as JSON lines, oldest first.
    Export {
        /// Only entries at or after this time (RFC 3339, e.g. 2026-12-01T00:00:00Z).
        #[arg(long)]
        since: Option<String>,
        /// Only entries before this time (RFC 3339).
        #[arg(long)]
        until: Option<String>,
        /// Only this app's log.
        #[arg(long, value_name = "CLIENT_ID", allow_hyphen_values = true)]
        app: Option<String>,
        /// Write to this file (replaced) instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

pub async fn run(command: AuditCommand, store: &Store) -> anyhow::Result<()> {
    let AuditCommand::Export {
        since,
        until,
        app,
        output,
    } = command;
    let request = ExportRequest {
        since,
        until,
        client_id: app,
    };
    let range = audit_export::range(store, &request)
        .await
        .map_err(flag_errors)?;
    let mut out: Box<dyn Write + Send> = match &output {
        Some(path) => Box::new(std::io::BufWriter::new(std::fs::File::create(path)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout())),
    };
    let mut pages = std::pin::pin!(audit_export::pages(store.clone(), range));
    let mut lines = 0;
    while let Some(page) = pages.next().await {
        let page = page?;
        lines += page.bytes().filter(|byte| *byte == b'\n').count();
        out.write_all(page.as_bytes())?;
    }
    out.flush()?;
    if let Some(path) = output {
        eprintln!("Exported {lines} audit entries to {}.", path.display());
    }
    Ok(())
}

/// The export's field problems under the flags that carry them.
fn flag_errors(err: ExportError) -> anyhow::Error {
    match err {
        ExportError::Invalid(fields) => {
            let flags: FieldErrors = fields
                .into_iter()
                .map(|(field, message)| {
                    let flag = if field == "client_id" { "app" } else { &field };
                    (format!("--{flag}"), message)
                })
                .collect();
            anyhow::anyhow!("{}", super::field_lines(&flags))
        }
        ExportError::Internal(err) => err,
    }
}
