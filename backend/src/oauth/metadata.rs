//! `/.well-known/oauth-authorization-server` (RFC 8414): everything a client library needs,
//! found from the issuer URL alone.

use axum::extract::State;
use axum::Json;
use serde::Serialize;
use shared::api::ProtectedResourceMetadata;
use shared::app::GrantType;
use shared::endpoints;
use shared::scope::{BuiltIn, IdentityScope};

use crate::config::ServeConfig;
use crate::state::AppState;

type Names = &'static [&'static str];

const CLIENT_AUTH_METHODS: Names = &["client_secret_basic", "client_secret_post", "none"];

/// RFC 8414 section 2, as this server fills it in.
#[derive(Debug, Serialize)]
pub struct ServerMetadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub revocation_endpoint: String,
    pub introspection_endpoint: String,
    /// RFC 8628 section 4.
    pub device_authorization_endpoint: String,
    /// RFC 7591 section 3: only while dynamic registration is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration_endpoint: Option<String>,
    pub scopes_supported: Vec<String>,
    pub response_types_supported: Names,
    pub response_modes_supported: Names,
    pub grant_types_supported: Vec<&'static str>,
    pub token_endpoint_auth_methods_supported: Names,
    pub revocation_endpoint_auth_methods_supported: Names,
    /// Introspection is for confidential clients only: no `none`.
    pub introspection_endpoint_auth_methods_supported: Names,
    pub code_challenge_methods_supported: Names,
    pub authorization_response_iss_parameter_supported: bool,
    /// draft-ietf-oauth-client-id-metadata-document section 5: `client_id` may be the https
    /// URL of the client's metadata document (only while that is on).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub client_id_metadata_document_supported: bool,
    pub service_documentation: String,
    pub jwks_uri: String,
}

/// OpenID Connect Discovery 1.0 section 3: the RFC 8414 document plus what OpenID clients need.
#[derive(Debug, Serialize)]
pub struct OpenIdConfiguration {
    #[serde(flatten)]
    pub server: ServerMetadata,
    pub userinfo_endpoint: String,
    pub id_token_signing_alg_values_supported: Names,
    pub subject_types_supported: Names,
    pub claims_supported: Names,
    pub prompt_values_supported: Names,
    pub claims_parameter_supported: bool,
    pub request_parameter_supported: bool,
    pub request_uri_parameter_supported: bool,
}

pub fn authorization_server_metadata(config: &ServeConfig) -> ServerMetadata {
    let issuer = config.issuer();
    let issuer = issuer.as_str();
    let registration = config.registration.mode != crate::config::RegistrationMode::Off;
    let url = |path: &str| endpoints::url(issuer, path);
    let mut scopes: Vec<String> = BuiltIn::ALL
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
    ServerMetadata {
        issuer: issuer.to_owned(),
        authorization_endpoint: url(endpoints::AUTHORIZATION),
        token_endpoint: url(endpoints::TOKEN),
        revocation_endpoint: url(endpoints::REVOCATION),
        introspection_endpoint: url(endpoints::INTROSPECTION),
        device_authorization_endpoint: url(endpoints::DEVICE_AUTHORIZATION),
        registration_endpoint: registration.then(|| url(endpoints::REGISTRATION)),
        scopes_supported: scopes,
        response_types_supported: &["code"],
        response_modes_supported: &["query"],
        grant_types_supported: GrantType::ALL.iter().map(|grant| grant.as_str()).collect(),
        token_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
        revocation_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
        introspection_endpoint_auth_methods_supported: &[
            "client_secret_basic",
            "client_secret_post",
        ],
        code_challenge_methods_supported: &["S256"],
        authorization_response_iss_parameter_supported: true,
        client_id_metadata_document_supported: config.client_documents.enabled(),
        service_documentation: url("/"),
        jwks_uri: url(endpoints::JWKS),
    }
}

pub async fn oauth_metadata(State(state): State<AppState>) -> Json<ServerMetadata> {
    Json(authorization_server_metadata(&state.config))
}

pub fn openid_configuration(config: &ServeConfig) -> OpenIdConfiguration {
    OpenIdConfiguration {
        server: authorization_server_metadata(config),
        userinfo_endpoint: endpoints::url(&config.issuer(), endpoints::USERINFO),
        id_token_signing_alg_values_supported: &["RS256", "ES256"],
        subject_types_supported: &["public"],
        claims_supported: &[
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
            "email_verified",
        ],
        prompt_values_supported: &["none", "login", "consent"],
        claims_parameter_supported: false,
        request_parameter_supported: false,
        request_uri_parameter_supported: false,
    }
}

pub async fn openid_metadata(State(state): State<AppState>) -> Json<OpenIdConfiguration> {
    Json(openid_configuration(&state.config))
}

/// `GET /.well-known/oauth-protected-resource/api/v1` (RFC 9728 section 3): the built-in API's
/// metadata, which its 401 answers point to. Public, so any origin may read it.
pub async fn protected_resource(
    State(state): State<AppState>,
) -> Result<impl axum::response::IntoResponse, crate::oauth::bearer::BearerError> {
    let catalogue = state.catalogue().await?;
    let document = crate::apis::views::metadata(catalogue.built_in(), &state.config.issuer());
    let headers = [
        (axum::http::header::CACHE_CONTROL, "public, max-age=300"),
        (axum::http::header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
    ];
    Ok((headers, Json::<ProtectedResourceMetadata>(document)))
}

/// `GET /oauth/jwks.json`: the public keys, current and retired-but-still-valid.
pub async fn jwks(State(state): State<AppState>) -> impl axum::response::IntoResponse {
    let headers = [(axum::http::header::CACHE_CONTROL, "public, max-age=300")];
    (headers, Json(state.keys.jwks()))
}
