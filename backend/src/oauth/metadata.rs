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
        .flat_map(|resource| {
            [
                format!("{}:read", resource.as_str()),
                format!("{}:write", resource.as_str()),
            ]
        })
        .collect();
    scopes.extend(
        IdentityScope::ALL
            .iter()
            .map(|scope| scope.as_str().to_owned()),
    );
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
        "jwks_uri": url(endpoints::JWKS),
    })
}

pub async fn oauth_metadata(State(state): State<AppState>) -> Json<Value> {
    Json(authorization_server_metadata(&state.config.issuer()))
}

/// OpenID Connect Discovery 1.0 section 3: the same document plus what OpenID clients need.
pub fn openid_configuration(issuer: &str) -> Value {
    let mut document = authorization_server_metadata(issuer);
    document["jwks_uri"] = json!(endpoints::url(issuer, endpoints::JWKS));
    document["userinfo_endpoint"] = json!(endpoints::url(issuer, endpoints::USERINFO));
    document["id_token_signing_alg_values_supported"] = json!(["RS256", "ES256"]);
    document["subject_types_supported"] = json!(["public"]);
    document["claims_supported"] = json!([
        "iss",
        "sub",
        "aud",
        "exp",
        "iat",
        "auth_time",
        "nonce",
        "at_hash",
        "name",
        "email",
        "email_verified"
    ]);
    document["prompt_values_supported"] = json!(["none", "login", "consent"]);
    document["claims_parameter_supported"] = json!(false);
    document["request_parameter_supported"] = json!(false);
    document["request_uri_parameter_supported"] = json!(false);
    document
}

pub async fn openid_metadata(State(state): State<AppState>) -> Json<Value> {
    Json(openid_configuration(&state.config.issuer()))
}

/// `GET /oauth/jwks.json`: the public keys, current and retired-but-still-valid.
pub async fn jwks(State(state): State<AppState>) -> impl axum::response::IntoResponse {
    let headers = [(axum::http::header::CACHE_CONTROL, "public, max-age=300")];
    (headers, Json(state.keys.jwks()))
}
