//! "Connected apps": the apps a user has authorized.

use serde::{Deserialize, Serialize};

use crate::scope::ScopeSet;

/// An API a connection reaches: its name, and its scopes' resources there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConnectedApi {
    pub name: String,
    pub identifier: String,
    pub resources: Vec<crate::scope::Resource>,
}

/// `GET /api/v1/connections`: one app the signed-in user authorized.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Connection {
    pub client_id: String,
    pub app_name: String,
    pub icon_url: Option<String>,
    pub website: String,
    pub scopes: ScopeSet,
    /// The APIs those scopes open, in the order the console groups them.
    #[serde(default)]
    pub apis: Vec<ConnectedApi>,
    pub granted_at: i64,
    /// When the app last got a token for this user.
    pub last_used_at: Option<i64>,
}
