//! A token request (RFC 6749 sections 4.1.3, 4.3.2, 4.4.2 and 6) as a type tagged by
//! `grant_type`: each grant gets exactly its parameters, and `is_jwt` is read once. Parsing
//! refuses in the order the endpoint always has: an unsupported grant type, then a grant this
//! client may not use, then a missing parameter. Values borrow the form: nothing is copied.

use std::sync::Arc;

use shared::app::{ClientType, GrantType, IdTokenAlg, TokenFormat};
use shared::registered_api::ApiIdentifier;

use super::audience::parse_resources;
use super::client_auth::AuthenticatedClient;
use super::error::OAuthError;
use super::form::OAuthForm;
use super::grants::ensure_enabled;
use crate::store::apps::AppRow;

pub struct TokenRequest<'a> {
    pub grant: GrantRequest<'a>,
    /// `is_jwt=true`: a JWT access token whatever the app's token format.
    pub is_jwt: bool,
    /// The `resource` parameters (RFC 8707), parsed; empty when none were sent.
    pub resources: Vec<ApiIdentifier>,
}

pub enum GrantRequest<'a> {
    AuthorizationCode(CodeExchange<'a>),
    RefreshToken(Refresh<'a>),
    ClientCredentials { scope: Option<&'a str> },
    Password(PasswordGrant<'a>),
    DeviceCode { device_code: &'a str },
}

impl GrantRequest<'_> {
    pub fn grant_type(&self) -> GrantType {
        match self {
            GrantRequest::AuthorizationCode(_) => GrantType::AuthorizationCode,
            GrantRequest::RefreshToken(_) => GrantType::RefreshToken,
            GrantRequest::ClientCredentials { .. } => GrantType::ClientCredentials,
            GrantRequest::Password(_) => GrantType::Password,
            GrantRequest::DeviceCode { .. } => GrantType::DeviceCode,
        }
    }
}

pub struct CodeExchange<'a> {
    pub code: &'a str,
    pub redirect_uri: Option<&'a str>,
    pub code_verifier: Option<&'a str>,
}

pub struct Refresh<'a> {
    pub refresh_token: &'a str,
    pub scope: Option<&'a str>,
}

pub struct PasswordGrant<'a> {
    pub username: &'a str,
    pub password: &'a str,
    pub scope: Option<&'a str>,
}

impl<'a> TokenRequest<'a> {
    pub fn parse(form: &'a OAuthForm, client: &AuthenticatedClient) -> Result<Self, OAuthError> {
        let name = form.require("grant_type")?;
        let grant_type = GrantType::from_name(name)
            .ok_or_else(|| OAuthError::UnsupportedGrantType(name.to_owned()))?;
        if grant_type == GrantType::ClientCredentials
            && client.client_type != ClientType::Confidential
        {
            return Err(OAuthError::UnauthorizedClient(
                "Public clients cannot use the client_credentials grant.".into(),
            ));
        }
        ensure_enabled(client, grant_type)?;
        let grant = match grant_type {
            GrantType::AuthorizationCode => GrantRequest::AuthorizationCode(CodeExchange {
                code: form.require("code")?,
                redirect_uri: form.get("redirect_uri"),
                code_verifier: form.get("code_verifier"),
            }),
            GrantType::RefreshToken => GrantRequest::RefreshToken(Refresh {
                refresh_token: form.require("refresh_token")?,
                scope: form.get("scope"),
            }),
            GrantType::ClientCredentials => GrantRequest::ClientCredentials {
                scope: form.get("scope"),
            },
            GrantType::DeviceCode => GrantRequest::DeviceCode {
                device_code: form.require("device_code")?,
            },
            GrantType::Password => GrantRequest::Password(PasswordGrant {
                username: form.require("username")?,
                password: form.require("password")?,
                scope: form.get("scope"),
            }),
        };
        Ok(TokenRequest {
            grant,
            is_jwt: form.get("is_jwt") == Some("true"),
            resources: parse_resources(&form.resources())?,
        })
    }
}

/// A client of `client_type` registered for `grants`, as the token endpoint sees it once
/// authenticated: for checking [`TokenRequest::parse`] alone (the tests below, and the fuzz
/// target in tests/fuzz).
#[doc(hidden)]
pub fn example_client(client_type: ClientType, grants: &[GrantType]) -> AuthenticatedClient {
    let app = AppRow {
        client_id: "cid".into(),
        owner: crate::store::teams::Owner::Person("usr".into()),
        owner_id: "usr".into(),
        owner_email: "owner@example.com".into(),
        name: "App".into(),
        website: "https://example.com".into(),
        description: String::new(),
        client_type,
        redirect_uris: serde_json::from_str(r#"["https://example.com/cb"]"#).unwrap(),
        allowed_origins: serde_json::from_str("[]").unwrap(),
        scopes: "files:read".parse().unwrap(),
        grant_types: grants.to_vec(),
        privacy_policy_url: "https://example.com".into(),
        terms_url: "https://example.com".into(),
        token_format: TokenFormat::Opaque,
        id_token_alg: IdTokenAlg::Rs256,
        icon_version: None,
        disabled: false,
        created_at: 0,
        updated_at: 0,
    };
    AuthenticatedClient {
        app: Arc::new(app),
        client_type,
        secret_id: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The error's code, or `ok` and whether `is_jwt` was read.
    fn outcome(client: &AuthenticatedClient, body: &str) -> String {
        let form = OAuthForm::parse(body.as_bytes()).unwrap();
        match TokenRequest::parse(&form, client) {
            Ok(request) => format!("ok jwt={}", request.is_jwt),
            Err(err) => err.to_string(),
        }
    }

    #[test]
    fn refusals_come_in_the_endpoint_order_and_is_jwt_is_read_once() {
        use GrantType::*;
        let confidential = example_client(
            ClientType::Confidential,
            &[AuthorizationCode, ClientCredentials],
        );
        let public = example_client(ClientType::Public, &[AuthorizationCode]);
        let table = [
            (
                &confidential,
                "",
                "invalid_request: The parameter `grant_type` is missing.",
            ),
            (
                &confidential,
                "grant_type=telepathy",
                "unsupported_grant_type",
            ),
            (
                &confidential,
                "grant_type=password",
                "unauthorized_client: This app is not registered for the `password` grant.",
            ),
            (
                &public,
                "grant_type=client_credentials",
                "unauthorized_client: Public clients cannot use the client_credentials grant.",
            ),
            (
                &confidential,
                "grant_type=authorization_code",
                "invalid_request: The parameter `code` is missing.",
            ),
            (
                &confidential,
                "grant_type=authorization_code&code=c",
                "ok jwt=false",
            ),
            (
                &confidential,
                "grant_type=client_credentials&is_jwt=true",
                "ok jwt=true",
            ),
            (
                &confidential,
                "grant_type=client_credentials&is_jwt=yes",
                "ok jwt=false",
            ),
        ];
        for (client, body, expected) in table {
            assert_eq!(outcome(client, body), expected, "{body}");
        }
    }
}
