//! The token endpoint's form (`clientele::oauth::form`) and request (`oauth::token_request`):
//! a form that parsed holds each parameter as sent, and a request that parsed is the grant its
//! `grant_type` names, carrying exactly the form's values.

use clientele::oauth::form::{OAuthForm, MAX_RESOURCES};
use clientele::oauth::token_request::{example_client, GrantRequest, TokenRequest};
use shared::app::{ClientType, GrantType};

pub fn check(data: &[u8]) {
    let Ok(form) = OAuthForm::parse(data) else {
        return;
    };
    let mut resources = Vec::new();
    for (name, value) in url::form_urlencoded::parse(data) {
        if name == "resource" {
            resources.push(value.into_owned());
        } else {
            // RFC 6749 section 3.1: an empty parameter is an absent one.
            assert_eq!(form.get(&name), Some(&*value).filter(|v| !v.is_empty()));
        }
    }
    assert!(resources.len() <= MAX_RESOURCES);
    assert_eq!(form.resources(), resources);

    let clients = [
        example_client(ClientType::Confidential, &GrantType::ALL),
        example_client(ClientType::Public, &[GrantType::AuthorizationCode]),
    ];
    for client in &clients {
        let Ok(request) = TokenRequest::parse(&form, client) else {
            continue;
        };
        let grant_type = GrantType::from_name(form.get("grant_type").unwrap_or_default())
            .expect("a parsed request names a grant type");
        assert!(client.app.has_grant(grant_type));
        assert_eq!(request.is_jwt, form.get("is_jwt") == Some("true"));
        assert_eq!(request.resources.len(), resources.len());
        let get = |name| form.get(name);
        match request.grant {
            GrantRequest::AuthorizationCode(exchange) => {
                assert_eq!(grant_type, GrantType::AuthorizationCode);
                assert_eq!(Some(exchange.code), get("code"));
                assert_eq!(exchange.redirect_uri, get("redirect_uri"));
                assert_eq!(exchange.code_verifier, get("code_verifier"));
            }
            GrantRequest::RefreshToken(refresh) => {
                assert_eq!(grant_type, GrantType::RefreshToken);
                assert_eq!(Some(refresh.refresh_token), get("refresh_token"));
                assert_eq!(refresh.scope, get("scope"));
            }
            GrantRequest::ClientCredentials { scope } => {
                assert_eq!(grant_type, GrantType::ClientCredentials);
                assert_eq!(client.client_type, ClientType::Confidential);
                assert_eq!(scope, get("scope"));
            }
            GrantRequest::Password(password) => {
                assert_eq!(grant_type, GrantType::Password);
                assert_eq!(Some(password.username), get("username"));
                assert_eq!(Some(password.password), get("password"));
                assert_eq!(password.scope, get("scope"));
            }
            GrantRequest::DeviceCode { device_code } => {
                assert_eq!(grant_type, GrantType::DeviceCode);
                assert_eq!(Some(device_code), get("device_code"));
            }
        }
    }
}
