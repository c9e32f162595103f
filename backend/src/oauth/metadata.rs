//! `/.well-known/oauth-authorization-server` (RFC 8414): everything a client library needs,
//! found from the issuer URL alone.

use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};
use shared::app::GrantType;
use shared::endpoints;
use shared::scope::{IdentityScope, Resource};

use crate::state::AppState;

pub fn authorization_server_metadata(issuer: &str) -> Value {
    let url = |path: &str| endpoints::url(issuer, path);
    let mut scopes: Vec<String> = Resource::ALL
        .iter()
        .flat_map(|resource| [format!("{}:read", resource.as_str()), format!("{}:write", resource.as_str())])
        .collect();
    scopes.extend(IdentityScope::ALL.iter().map(|scope| scope.as_str().to_owned()));
    json!({
        "issuer": issuer,
        "authorization_endpoint": url(endpoints::AUTHORIZATION),
        "token_endpoint": url(endpoints::TOKEN),
        "revocation_endpoint": url(endpoints::REVOCATION),
        "introspection_endpoint": url(endpoints::INTROSPECTION),
        "scopes_supported": scopes,
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": GrantType::ALL.iter().map(|grant| grant.as_str()).collect::<Vec<_>>(),
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "revocation_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "introspection_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "code_challenge_methods_supported": ["S256"],
        "authorization_response_iss_parameter_supported": true,
        "service_documentation": url("/"),
    })
}

pub async fn oauth_metadata(State(state): State<AppState>) -> Json<Value> {
    Json(authorization_server_metadata(&state.config.issuer()))
}
