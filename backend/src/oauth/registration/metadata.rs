//! Client metadata as RFC 7591 section 2 spells it, read into the console's own `AppDraft` so
//! that a self-registered client meets exactly the rules a developer's app does, and written
//! back from the stored app (section 3.2.1).

use serde::{Deserialize, Serialize};
use shared::api::{AppDetail, AppDraft};
use shared::app::{ClientType, GrantType};
use shared::field_errors::FieldErrors;
use shared::scope::{IdentityScope, ScopeSet};

use super::RegistrationError;

/// The grants a client that registered itself may use: none that skips a person (client
/// credentials) or hands over their password.
pub const SELF_SERVICE_GRANTS: [GrantType; 3] = [
    GrantType::AuthorizationCode,
    GrantType::RefreshToken,
    GrantType::DeviceCode,
];

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ClientMetadata {
    pub redirect_uris: Vec<String>,
    pub token_endpoint_auth_method: Option<String>,
    pub grant_types: Option<Vec<String>>,
    pub response_types: Option<Vec<String>>,
    pub client_name: Option<String>,
    pub client_uri: Option<String>,
    pub scope: Option<String>,
    pub tos_uri: Option<String>,
    pub policy_uri: Option<String>,
}

impl ClientMetadata {
    /// The draft these metadata describe; malformed values are `invalid_client_metadata`.
    pub fn draft(&self) -> Result<AppDraft, RegistrationError> {
        let client_type = match self.token_endpoint_auth_method.as_deref() {
            Some("none") => ClientType::Public,
            // Section 2: the default is client_secret_basic.
            None | Some("client_secret_basic") | Some("client_secret_post") => {
                ClientType::Confidential
            }
            Some(other) => {
                return Err(RegistrationError::metadata(format!(
                    "token_endpoint_auth_method `{other}` is not supported; use none, client_secret_basic or client_secret_post."
                )))
            }
        };
        let grant_names = self
            .grant_types
            .clone()
            .unwrap_or_else(|| vec!["authorization_code".to_owned()]);
        let mut grant_types = Vec::new();
        for name in &grant_names {
            match GrantType::from_name(name) {
                Some(grant) if SELF_SERVICE_GRANTS.contains(&grant) => grant_types.push(grant),
                _ => {
                    return Err(RegistrationError::metadata(format!(
                        "The grant type `{name}` is not available to clients that register themselves; use authorization_code, refresh_token or {}.",
                        GrantType::DeviceCode.as_str()
                    )))
                }
            }
        }
        if let Some(types) = &self.response_types {
            if types.iter().any(|kind| kind != "code") {
                return Err(RegistrationError::metadata(
                    "Only the response type `code` is supported.".to_owned(),
                ));
            }
        }
        let name = self.client_name.clone().ok_or_else(|| {
            RegistrationError::metadata(
                "client_name is required: people see it when they consent.".to_owned(),
            )
        })?;
        let website = match (&self.client_uri, self.redirect_uris.first()) {
            (Some(uri), _) => uri.clone(),
            (None, Some(redirect)) => origin_of(redirect).unwrap_or_default(),
            (None, None) => String::new(),
        };
        let scopes: ScopeSet = match &self.scope {
            Some(scope) => scope
                .parse()
                .map_err(|err| RegistrationError::metadata(format!("scope: {err}")))?,
            // Least privilege: signing in, nothing more, unless the client asks.
            None => ScopeSet::empty().with_identity(IdentityScope::OpenId),
        };
        Ok(AppDraft {
            name,
            privacy_policy_url: self.policy_uri.clone().unwrap_or_else(|| website.clone()),
            terms_url: self.tos_uri.clone().unwrap_or_else(|| website.clone()),
            website,
            description: String::new(),
            icon: None,
            client_type,
            redirect_uris: self.redirect_uris.clone(),
            allowed_origins: Vec::new(),
            scopes,
            grant_types,
            token_format: Default::default(),
            id_token_alg: Default::default(),
            team: None,
        })
    }
}

fn origin_of(uri: &str) -> Option<String> {
    let url = url::Url::parse(uri).ok()?;
    matches!(url.scheme(), "https" | "http").then(|| url.origin().ascii_serialization())
}

/// The console's per-field messages as RFC 7591 section 3.2.2 errors: redirect URIs have their
/// own code.
pub fn refusal(fields: &FieldErrors) -> RegistrationError {
    let description = describe(fields);
    if fields
        .keys()
        .any(|field| field.starts_with("redirect_uris"))
    {
        RegistrationError::redirect_uri(description)
    } else {
        RegistrationError::metadata(description)
    }
}

/// The console's per-field messages in one line, each after its metadata field's name.
pub fn describe(fields: &FieldErrors) -> String {
    let lines: Vec<String> = fields
        .iter()
        .map(|(field, message)| format!("{field}: {message}"))
        .collect();
    lines.join(" ")
}

/// Section 3.2.1, and RFC 7592 section 3: the client as registered.
#[derive(Debug, Serialize)]
pub struct RegisteredClient {
    pub client_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    pub client_id_issued_at: i64,
    /// 0: the secret does not expire (present whenever a secret is).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret_expires_at: Option<i64>,
    /// Only in the registration's answer: it is stored as a hash.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration_access_token: Option<String>,
    pub registration_client_uri: String,
    pub client_name: String,
    pub client_uri: String,
    pub redirect_uris: Vec<String>,
    pub token_endpoint_auth_method: &'static str,
    pub grant_types: Vec<&'static str>,
    pub response_types: Vec<&'static str>,
    pub scope: String,
    pub policy_uri: String,
    pub tos_uri: String,
}

impl RegisteredClient {
    pub fn of(app: &AppDetail, issuer: &str) -> RegisteredClient {
        let confidential = app.client_type == ClientType::Confidential;
        RegisteredClient {
            client_id: app.client_id.clone(),
            client_secret: None,
            client_id_issued_at: app.created_at,
            client_secret_expires_at: confidential.then_some(0),
            registration_access_token: None,
            registration_client_uri: shared::endpoints::url(
                issuer,
                &format!("{}/{}", shared::endpoints::REGISTRATION, app.client_id),
            ),
            client_name: app.name.clone(),
            client_uri: app.website.clone(),
            redirect_uris: app.redirect_uris.clone(),
            token_endpoint_auth_method: if confidential {
                "client_secret_basic"
            } else {
                "none"
            },
            grant_types: app.grant_types.iter().map(|grant| grant.as_str()).collect(),
            response_types: if app.grant_types.contains(&GrantType::AuthorizationCode) {
                vec!["code"]
            } else {
                Vec::new()
            },
            scope: app.scopes.to_canonical_string(),
            policy_uri: app.privacy_policy_url.clone(),
            tos_uri: app.terms_url.clone(),
        }
    }
}
