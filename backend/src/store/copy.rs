//! Copying every table of one database into another (`clientele db copy`), for moving a
//! stopped SQLite instance to PostgreSQL. Secrets, tokens and keys are copied as stored
//! (hashes and DER), so everything issued before the move keeps working after it.

use sqlx::any::AnyRow;
use sqlx::{Any, Row};

use super::{Store, StoreError};

/// How a column's values are read and bound (both backends' types map to one of these; the
/// schema check in `schema_check.rs` holds this list to the migrations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Text,
    Int,
    Blob,
}

use Kind::{Blob, Int, Text};

/// Every table, parents before children (foreign keys), with its columns. A test checks this
/// against both migration folders (`schema_check.rs`), so a new table or column that is not
/// listed here fails the build's tests instead of being silently left behind by `db copy`.
pub(super) const TABLES: &[(&str, &[(&str, Kind)])] = &[
    (
        "users",
        &[
            ("id", Text),
            ("email", Text),
            ("display_name", Text),
            ("password_hash", Text),
            ("is_admin", Int),
            ("created_at", Int),
        ],
    ),
    (
        "teams",
        &[
            ("id", Text),
            ("slug", Text),
            ("name", Text),
            ("created_at", Int),
            ("updated_at", Int),
        ],
    ),
    (
        "team_members",
        &[
            ("team_id", Text),
            ("user_id", Text),
            ("role", Text),
            ("added_at", Int),
        ],
    ),
    (
        "team_invitations",
        &[
            ("id", Text),
            ("team_id", Text),
            ("email", Text),
            ("role", Text),
            ("token_hash", Text),
            ("invited_by", Text),
            ("created_at", Int),
            ("expires_at", Int),
            ("used_at", Int),
            ("revoked_at", Int),
        ],
    ),
    (
        "team_audit",
        &[
            ("id", Text),
            ("team_id", Text),
            ("actor_id", Text),
            ("actor_email", Text),
            ("at", Int),
            ("event", Text),
        ],
    ),
    (
        "apps",
        &[
            ("client_id", Text),
            ("owner_id", Text),
            ("name", Text),
            ("website", Text),
            ("description", Text),
            ("client_type", Text),
            ("redirect_uris", Text),
            ("allowed_origins", Text),
            ("scopes", Text),
            ("grant_types", Text),
            ("privacy_policy_url", Text),
            ("terms_url", Text),
            ("token_format", Text),
            ("icon_version", Int),
            ("disabled", Int),
            ("created_at", Int),
            ("updated_at", Int),
            ("id_token_alg", Text),
            ("registration", Text),
            ("registration_token_hash", Text),
            ("registered_with", Text),
            ("team_id", Text),
        ],
    ),
    (
        "app_icons",
        &[
            ("client_id", Text),
            ("content_type", Text),
            ("small", Blob),
            ("large", Blob),
        ],
    ),
    (
        "client_secrets",
        &[
            ("id", Text),
            ("client_id", Text),
            ("secret_hash", Text),
            ("prefix", Text),
            ("label", Text),
            ("created_by", Text),
            ("created_at", Int),
            ("expires_at", Int),
            ("revoked_at", Int),
            ("last_used_at", Int),
            ("last_used_ip", Text),
            ("use_count", Int),
            ("first_used_at", Int),
        ],
    ),
    (
        "sessions",
        &[
            ("token_hash", Text),
            ("id", Text),
            ("user_id", Text),
            ("csrf_token", Text),
            ("user_agent", Text),
            ("address", Text),
            ("created_at", Int),
            ("last_seen_at", Int),
            ("expires_at", Int),
            ("authenticated_at", Int),
            ("setup_only", Int),
        ],
    ),
    (
        "password_resets",
        &[
            ("token_hash", Text),
            ("user_id", Text),
            ("created_at", Int),
            ("expires_at", Int),
            ("used_at", Int),
        ],
    ),
    (
        "totp_factors",
        &[
            ("user_id", Text),
            ("secret", Text),
            ("created_at", Int),
            ("confirmed_at", Int),
            ("last_step", Int),
        ],
    ),
    (
        "recovery_codes",
        &[
            ("code_hash", Text),
            ("user_id", Text),
            ("created_at", Int),
            ("used_at", Int),
        ],
    ),
    (
        "pending_sign_ins",
        &[
            ("token_hash", Text),
            ("user_id", Text),
            ("created_at", Int),
            ("expires_at", Int),
        ],
    ),
    (
        "account_audit",
        &[
            ("id", Text),
            ("user_id", Text),
            ("actor_id", Text),
            ("actor_email", Text),
            ("ip", Text),
            ("at", Int),
            ("event", Text),
            ("user_agent", Text),
        ],
    ),
    (
        "passkeys",
        &[
            ("id", Text),
            ("user_id", Text),
            ("credential_id", Text),
            ("name", Text),
            ("credential", Text),
            ("created_at", Int),
            ("last_used_at", Int),
        ],
    ),
    (
        "passkey_challenges",
        &[
            ("id", Text),
            ("purpose", Text),
            ("owner", Text),
            ("state", Text),
            ("created_at", Int),
            ("expires_at", Int),
        ],
    ),
    (
        "consents",
        &[
            ("user_id", Text),
            ("client_id", Text),
            ("scopes", Text),
            ("created_at", Int),
            ("updated_at", Int),
        ],
    ),
    (
        "authorization_codes",
        &[
            ("code_hash", Text),
            ("client_id", Text),
            ("user_id", Text),
            ("redirect_uri", Text),
            ("scopes", Text),
            ("code_challenge", Text),
            ("nonce", Text),
            ("auth_time", Int),
            ("created_at", Int),
            ("expires_at", Int),
            ("redeemed_at", Int),
            ("resources", Text),
        ],
    ),
    (
        "tokens",
        &[
            ("token_hash", Text),
            ("kind", Text),
            ("client_id", Text),
            ("user_id", Text),
            ("secret_id", Text),
            ("grant_id", Text),
            ("grant_type", Text),
            ("scopes", Text),
            ("auth_time", Int),
            ("created_at", Int),
            ("expires_at", Int),
            ("used_at", Int),
            ("revoked_at", Int),
            ("audience", Text),
        ],
    ),
    (
        "apis",
        &[
            ("id", Text),
            ("owner_id", Text),
            ("name", Text),
            ("description", Text),
            ("identifier", Text),
            ("visibility", Text),
            ("token_format", Text),
            ("token_lifetime", Int),
            ("client_id", Text),
            ("secret_hash", Text),
            ("created_at", Int),
            ("team_id", Text),
        ],
    ),
    (
        "api_resources",
        &[("name", Text), ("api_id", Text), ("position", Int)],
    ),
    (
        "initial_access_tokens",
        &[
            ("token_hash", Text),
            ("created_by", Text),
            ("uses_left", Int),
            ("created_at", Int),
            ("expires_at", Int),
            ("id", Text),
        ],
    ),
    ("server_settings", &[("name", Text), ("value", Text)]),
    (
        "client_documents",
        &[
            ("id", Text),
            ("client_id", Text),
            ("host", Text),
            ("first_used_at", Int),
            ("last_used_at", Int),
            ("blocked_at", Int),
        ],
    ),
    (
        "device_codes",
        &[
            ("device_code_hash", Text),
            ("user_code", Text),
            ("client_id", Text),
            ("scopes", Text),
            ("resources", Text),
            ("status", Text),
            ("user_id", Text),
            ("auth_time", Int),
            ("poll_interval", Int),
            ("last_polled_at", Int),
            ("created_at", Int),
            ("expires_at", Int),
        ],
    ),
    (
        "audit_events",
        &[
            ("id", Text),
            ("client_id", Text),
            ("actor_id", Text),
            ("actor_email", Text),
            ("ip", Text),
            ("at", Int),
            ("event", Text),
        ],
    ),
    (
        "signing_keys",
        &[
            ("kid", Text),
            ("alg", Text),
            ("private_der", Blob),
            ("public_jwk", Text),
            ("created_at", Int),
            ("retired_at", Int),
        ],
    ),
    (
        "files",
        &[
            ("id", Text),
            ("user_id", Text),
            ("name", Text),
            ("content", Text),
            ("created_at", Int),
        ],
    ),
];

/// Rows copied per table.
pub type CopyReport = Vec<(&'static str, i64)>;

#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error(
        "the target database is not empty (table `{0}` has rows); copy into an empty database"
    )]
    TargetNotEmpty(&'static str),
    #[error("row counts differ after copying `{table}`: {source_rows} in the source, {target_rows} in the target")]
    CountMismatch {
        table: &'static str,
        source_rows: i64,
        target_rows: i64,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for CopyError {
    fn from(err: sqlx::Error) -> Self {
        CopyError::Store(err.into())
    }
}

/// Copies every table from `source` into the empty `target` in one transaction, then checks
/// every table's row count before committing.
pub async fn copy_all(source: &Store, target: &Store) -> Result<CopyReport, CopyError> {
    let mut tx = target.writer.begin().await?;
    for (table, _) in TABLES {
        if count(&mut *tx, table).await? > 0 {
            return Err(CopyError::TargetNotEmpty(table));
        }
    }
    let mut report = Vec::new();
    for (table, columns) in TABLES {
        let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
        let select = format!("SELECT {} FROM {table}", names.join(", "));
        let placeholders: Vec<String> = (1..=columns.len()).map(|n| format!("${n}")).collect();
        let insert = format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            names.join(", "),
            placeholders.join(", ")
        );
        let rows = sqlx::query(&select).fetch_all(&source.pool).await?;
        for row in &rows {
            bind_row(sqlx::query(&insert), row, columns)?
                .execute(&mut *tx)
                .await?;
        }
        let source_rows = rows.len() as i64;
        let target_rows = count(&mut *tx, table).await?;
        if source_rows != target_rows {
            return Err(CopyError::CountMismatch {
                table,
                source_rows,
                target_rows,
            });
        }
        report.push((*table, target_rows));
    }
    tx.commit().await?;
    Ok(report)
}

fn bind_row<'q>(
    mut query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    row: &AnyRow,
    columns: &[(&str, Kind)],
) -> Result<sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>, sqlx::Error> {
    for (name, kind) in columns {
        query = match kind {
            Text => query.bind(row.try_get::<Option<String>, _>(*name)?),
            Int => query.bind(row.try_get::<Option<i64>, _>(*name)?),
            Blob => query.bind(row.try_get::<Option<Vec<u8>>, _>(*name)?),
        };
    }
    Ok(query)
}

async fn count(
    executor: impl sqlx::Executor<'_, Database = Any>,
    table: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
        .fetch_one(executor)
        .await?
        .try_get("n")
}
