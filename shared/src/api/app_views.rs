//! How the console API describes registered apps. URLs are plain strings here: they
//! were checked when saved. Times are unix seconds.

use serde::{Deserialize, Serialize};

use super::AppDraft;
use crate::app::{ClientType, GrantType, IdTokenAlg, TokenFormat};
use crate::scope::ScopeSet;
use crate::team::TeamSlug;

/// One row of the app list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppSummary {
    pub client_id: String,
    pub name: String,
    pub icon_url: Option<String>,
    pub client_type: ClientType,
    pub redirect_uri_count: u32,
    pub scopes: ScopeSet,
    pub created_at: i64,
    pub owner_email: String,
    pub disabled: bool,
    /// The team that owns it; `None` when the person of `owner_email` does.
    #[serde(default)]
    pub team: Option<TeamSlug>,
}

/// Everything about one app (never its secrets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppDetail {
    pub client_id: String,
    pub name: String,
    pub website: String,
    pub description: String,
    pub icon_url: Option<String>,
    pub client_type: ClientType,
    pub redirect_uris: Vec<String>,
    pub allowed_origins: Vec<String>,
    pub scopes: ScopeSet,
    pub grant_types: Vec<GrantType>,
    pub privacy_policy_url: String,
    pub terms_url: String,
    pub token_format: TokenFormat,
    #[serde(default)]
    pub id_token_alg: IdTokenAlg,
    pub created_at: i64,
    pub updated_at: i64,
    pub owner_email: String,
    pub disabled: bool,
    /// The team that owns it; `None` when the person of `owner_email` does.
    #[serde(default)]
    pub team: Option<TeamSlug>,
    /// Whether the person asking may change it (edit, delete, secrets, transfer): its owner,
    /// a team member whose role changes apps, an administrator; not a team's viewer. The
    /// console hides what it may not do; the server refuses it anyway.
    pub may_change: bool,
}

impl AppDetail {
    /// The edit form for this app; the icon is left as `None`, which keeps it.
    pub fn to_draft(&self) -> AppDraft {
        AppDraft {
            name: self.name.clone(),
            website: self.website.clone(),
            description: self.description.clone(),
            icon: None,
            client_type: self.client_type,
            redirect_uris: self.redirect_uris.clone(),
            allowed_origins: self.allowed_origins.clone(),
            scopes: self.scopes.clone(),
            grant_types: self.grant_types.clone(),
            privacy_policy_url: self.privacy_policy_url.clone(),
            terms_url: self.terms_url.clone(),
            token_format: self.token_format,
            id_token_alg: self.id_token_alg,
            team: self.team.clone(),
        }
    }
}

/// The answer to registering an app. A confidential app's first secret is in
/// `client_secret`, shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedApp {
    pub app: AppDetail,
    pub client_secret: Option<String>,
}

/// `PUT /api/v1/apps/{client_id}/disabled` (administrators): a disabled app cannot
/// obtain tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetDisabledRequest {
    pub disabled: bool,
}

/// One page of a list; `next_cursor` fetches the next page, `total` counts every item, or
/// (`more_than_total`) as many as were counted before counting stopped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
    pub total: u64,
    /// There are more than `total` items: a list of hundreds of thousands (a member of many
    /// big teams, an administrator) is counted up to a limit, so its first page stays fast.
    #[serde(default)]
    pub more_than_total: bool,
}
