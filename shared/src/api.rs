//! Request and response bodies of the console JSON API (`/api/v1`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The body of every console API error: a machine-readable code, a sentence for people,
/// and per-field messages keyed by the request's field names (empty when not about a field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub error: String,
    pub message: String,
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
}

/// `GET /api/v1/server`: what the console shows about the server it talks to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServerInfo {
    pub name: String,
    pub version: String,
    pub issuer: String,
    /// Whether "Forgot your password?" can mail a reset link (an SMTP server is configured).
    #[serde(default)]
    pub password_reset_by_mail: bool,
}

mod account_security;
mod accounts;
mod apis;
mod app_views;
mod apps;
mod audit;
mod client_documents;
mod connections;
mod first_screen;
mod passkeys;
mod registrations;
mod secrets;
mod sudo;
mod teams;
mod two_factor;

pub use account_security::{
    AccountEvent, ChangePasswordRequest, CompletePasswordReset, PasswordResetRequest,
    PasswordResetRequested, ReauthenticatedWith, SessionView,
};
pub use accounts::{Account, SessionInfo, SignInRequest, SignUpRequest};
pub use apis::{describe_scope, scope_title, ApiView, CreatedApi, ProtectedResourceMetadata};
pub use app_views::{AppDetail, AppSummary, CreatedApp, Page, SetDisabledRequest};
pub use apps::{AppDraft, AppSettings, NO_SCOPES_MESSAGE};
pub use audit::{
    AuditActor, AuditEntry, AuditEvent, AuditExportLine, ExportedEvent, FieldChange, SecretRef,
};
pub use client_documents::ClientDocumentView;
pub use connections::{ConnectedApi, Connection};
pub use first_screen::{FirstScreen, APPS_PAGE_SIZE, FIRST_SCREEN_ELEMENT_ID};
pub use passkeys::{NewPasskey, PasskeyChallenge, PasskeySignIn, PasskeyView, RenamePasskey};
pub use registrations::{
    BuiltInApiSettings, InitialAccessToken, MintTokenRequest, MintedToken, RegisteredWith,
    SelfRegisteredClient, TakeOverRequest, TokenDays, TokenUses,
};
pub use secrets::{
    CreatedSecret, NewSecretRequest, ResetResult, SecretMetadata, SecretStatus, SECRET_EXPIRY_DAYS,
};
pub use sudo::{AccountLogEntry, AccountLogPage, ReauthenticateRequest, REAUTHENTICATION_REQUIRED};
pub use teams::{
    CreatedInvitation, Invitation, InvitationPreview, MemberRole, NewApiOwnerRequest,
    NewInvitation, NewMember, NewOwnerRequest, NewTeam, TeamAuditEntry, TeamDetail, TeamEvent,
    TeamMember, TeamSummary,
};
pub use two_factor::{
    RecoveryCodes, SecondFactorChallenge, SecondFactorRequest, SignInOutcome, TotpCodeRequest,
    TotpSetup, TwoFactorPolicy, TwoFactorStatus,
};
