//! How the console API describes APIs (resource servers): the built-in one and those
//! developers register. Apps' scope tables and consent screens group scopes by these.

use serde::{Deserialize, Serialize};

use crate::app::TokenFormat;
use crate::registered_api::ApiVisibility;
use crate::scope::{Access, Resource};
use crate::team::TeamSlug;

/// One API as the console shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiView {
    /// `api_…`; `builtin` for the server's own API.
    pub id: String,
    pub name: String,
    pub description: String,
    /// What its tokens name as their audience (RFC 8707 `resource`).
    pub identifier: String,
    pub resources: Vec<Resource>,
    pub visibility: ApiVisibility,
    pub token_format: TokenFormat,
    /// Seconds.
    pub token_lifetime: i64,
    pub built_in: bool,
    /// Whether the signed-in developer may change it (owns it, or has a role in its team that
    /// changes the team's APIs): sees its credentials and may delete it.
    pub mine: bool,
    pub owner_email: Option<String>,
    /// The team that owns it, shown to whoever sees the owner.
    #[serde(default)]
    pub team: Option<TeamSlug>,
    /// The client id its own server introspects with; `None` for the built-in API.
    pub client_id: Option<String>,
    pub created_at: i64,
}

impl ApiView {
    /// Whether `resource` is one of this API's.
    pub fn has(&self, resource: &Resource) -> bool {
        self.resources.contains(resource)
    }

    /// What a scope of this API lets an app do, in words for the consent screen and console.
    pub fn describe(&self, resource: &Resource, access: Access) -> String {
        describe_scope(&self.name, resource, access)
    }
}

/// A scope in words: the built-in API's own sentences, or a sentence naming the API for
/// registered ones.
pub fn describe_scope(api_name: &str, resource: &Resource, access: Access) -> String {
    match resource.built_in() {
        Some(built_in) => built_in.description(access).to_owned(),
        None => match access {
            Access::Read => format!("View your {resource} in {api_name}."),
            Access::ReadWrite => {
                format!("View, create, change and delete your {resource} in {api_name}.")
            }
        },
    }
}

/// A heading for a scope row: the built-in title, or the resource's own name.
pub fn scope_title(resource: &Resource) -> String {
    match resource.built_in() {
        Some(built_in) => built_in.title().to_owned(),
        None => resource.to_string(),
    }
}

/// `POST /api/v1/apis`: the new API and, this once, its introspection secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedApi {
    pub api: ApiView,
    pub client_secret: String,
}

/// `GET /api/v1/apis/{id}/metadata`: the RFC 9728 document the API's server should publish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProtectedResourceMetadata {
    pub resource: String,
    pub authorization_servers: Vec<String>,
    pub scopes_supported: Vec<String>,
    pub bearer_methods_supported: Vec<String>,
    pub resource_name: String,
}
