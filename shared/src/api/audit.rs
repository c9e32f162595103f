//! The audit log of an app: who did what, when, from where.
//!
//! Entries are built only from these types, none of which can hold a secret: secrets appear as
//! [`SecretRef`] (id and display prefix), and `ClientSecret` has no `Serialize` at all, so a
//! secret, token or hash cannot reach the log by mistake.

use serde::{Deserialize, Serialize};

/// A secret as the log names it: never the value, only what the console already shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecretRef {
    pub id: String,
    pub prefix: String,
    pub label: Option<String>,
}

/// One changed setting, with its value before and after (lists as their items joined).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AuditEvent {
    AppCreated {
        name: String,
    },
    SettingsChanged {
        changes: Vec<FieldChange>,
    },
    SecretGenerated {
        secret: SecretRef,
        expires_at: Option<i64>,
    },
    SecretRevoked {
        secret: SecretRef,
    },
    /// Every secret, token and consent revoked; one new secret issued.
    OAuthValuesReset {
        revoked_secrets: u64,
        revoked_tokens: u64,
        revoked_consents: u64,
        new_secret: Option<SecretRef>,
    },
    AppDisabled {
        disabled: bool,
    },
    AppDeleted {
        name: String,
    },
    /// A self-registered client (RFC 7591) given to a developer by an administrator: its
    /// registration access token stopped working.
    TakenOver {
        developer_email: String,
    },
    /// A client first named itself by the URL of its metadata document.
    ClientDocumentMet {
        url: String,
        host: String,
    },
    /// An administrator blocked (ending its tokens) or unblocked a metadata document client.
    ClientDocumentBlocked {
        blocked: bool,
        revoked_tokens: u64,
    },
    /// Moved between a person and a team (each named as the console shows them).
    OwnerChanged {
        from: String,
        to: String,
    },
}

impl AuditEvent {
    /// A sentence for the console's log view.
    pub fn describe(&self) -> String {
        match self {
            AuditEvent::AppCreated { name } => format!("Registered the app “{name}”."),
            AuditEvent::SettingsChanged { changes } => {
                let fields: Vec<&str> =
                    changes.iter().map(|change| change.field.as_str()).collect();
                format!("Changed {}.", fields.join(", "))
            }
            AuditEvent::SecretGenerated { secret, .. } => {
                format!("Generated secret {}…", secret.prefix)
            }
            AuditEvent::SecretRevoked { secret } => format!("Revoked secret {}…", secret.prefix),
            AuditEvent::OAuthValuesReset {
                revoked_secrets,
                revoked_tokens,
                revoked_consents,
                new_secret,
            } => {
                let issued = new_secret
                    .as_ref()
                    .map(|secret| format!("; generated secret {}…", secret.prefix));
                format!(
                    "Reset OAuth values: revoked {revoked_secrets} secret(s), {revoked_tokens} token(s) and \
                     {revoked_consents} consent(s){}.",
                    issued.unwrap_or_default()
                )
            }
            AuditEvent::AppDisabled { disabled: true } => "Disabled the app.".to_owned(),
            AuditEvent::AppDisabled { disabled: false } => "Enabled the app.".to_owned(),
            AuditEvent::AppDeleted { name } => format!("Deleted the app “{name}”."),
            AuditEvent::TakenOver { developer_email } => {
                format!("Took over the self-registered client for {developer_email}.")
            }
            AuditEvent::ClientDocumentMet { host, .. } => {
                format!("Met this client through its metadata document on {host}.")
            }
            AuditEvent::ClientDocumentBlocked {
                blocked: true,
                revoked_tokens,
            } => format!("Blocked the client and revoked {revoked_tokens} token(s)."),
            AuditEvent::ClientDocumentBlocked { blocked: false, .. } => {
                "Unblocked the client.".to_owned()
            }
            AuditEvent::OwnerChanged { from, to } => format!("Moved the app from {from} to {to}."),
        }
    }
}

/// `GET /api/v1/apps/{client_id}/audit`: newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: String,
    pub at: i64,
    pub actor_email: Option<String>,
    pub ip: Option<String>,
    pub event: AuditEvent,
}

/// Who made an exported entry: a person (`id` set), or, without `id`, the source `email`
/// names (`command line`, or a client registering itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditActor {
    pub id: Option<String>,
    pub email: Option<String>,
    pub ip: Option<String>,
}

/// Which log an exported entry comes from, and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "log", rename_all = "snake_case")]
pub enum ExportedEvent {
    /// An app's log (`GET /api/v1/apps/{client_id}/audit`).
    App { app: String, event: AuditEvent },
    /// A team's log (`GET /api/v1/teams/{slug}/audit`), by the team's slug.
    Team {
        team: String,
        event: super::TeamEvent,
    },
}

/// One line of an audit export (`GET /api/v1/admin/audit/export`, `clientele audit export`):
/// JSON lines, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditExportLine {
    pub id: String,
    /// RFC 3339, UTC.
    pub time: String,
    /// The same instant in seconds since the epoch.
    pub at: i64,
    pub actor: AuditActor,
    #[serde(flatten)]
    pub entry: ExportedEvent,
}
