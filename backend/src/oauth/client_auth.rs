//! Client authentication at the token, revocation and introspection endpoints (RFC 6749
//! section 2.3): `client_secret_basic`, `client_secret_post`, or `none` for public clients.
//!
//! Secrets are compared as SHA-256 hashes in constant time against the app's active secrets;
//! never with a slow password hash, which would cap the token endpoint at a few hundred
//! requests per second.

use std::sync::Arc;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::HeaderMap;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use shared::app::ClientType;

use super::error::OAuthError;
use super::form::OAuthForm;
use crate::apis::registration::API_CLIENT_PREFIX;
use crate::apps::client_cache::CachedClient;
use crate::client_address::ClientAddress;
use crate::crypto::{constant_time_eq, token_hash};
use crate::state::AppState;
use crate::store::apis::ApiRow;
use crate::store::apps::AppRow;

/// An app that proved who it is (or, for a public client, named itself).
#[derive(Debug, Clone)]
pub struct AuthenticatedClient {
    /// Shared with the client cache, not copied per request.
    pub app: Arc<AppRow>,
    pub client_type: ClientType,
    /// The secret it used; `None` for public clients.
    pub secret_id: Option<String>,
}

/// An authenticated request to a client endpoint (token, revocation, introspection): its form
/// parameters, the client it authenticated as, and where it came from.
pub struct ClientRequest {
    pub client: AuthenticatedClient,
    pub form: OAuthForm,
    pub address: ClientAddress,
}

/// The form, the `Authorization` header and the address of a request to a client endpoint.
async fn read_request(
    request: Request,
    state: &AppState,
) -> Result<(OAuthForm, HeaderMap, ClientAddress), OAuthError> {
    let (mut parts, body) = request.into_parts();
    let address = match ClientAddress::from_request_parts(&mut parts, state).await {
        Ok(address) => address,
        Err(never) => match never {},
    };
    // Only the Authorization header is needed once the body is read.
    let mut headers = HeaderMap::new();
    if let Some(value) = parts.headers.get(axum::http::header::AUTHORIZATION) {
        headers.insert(axum::http::header::AUTHORIZATION, value.clone());
    }
    let form = OAuthForm::from_request(Request::from_parts(parts, body), state).await?;
    Ok((form, headers, address))
}

impl FromRequest<AppState> for ClientRequest {
    type Rejection = OAuthError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (form, headers, address) = read_request(request, state).await?;
        let client = authenticate(state, &headers, &form, &address).await?;
        Ok(ClientRequest {
            client,
            form,
            address,
        })
    }
}

/// Who asks the introspection endpoint: an app, about its own tokens, or a registered API's
/// server, about tokens for that API (its credentials are not an app's).
pub enum Introspector {
    App(AuthenticatedClient),
    Api(Box<ApiRow>),
}

pub struct IntrospectionRequest {
    pub caller: Introspector,
    pub form: OAuthForm,
}

impl FromRequest<AppState> for IntrospectionRequest {
    type Rejection = OAuthError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (form, headers, address) = read_request(request, state).await?;
        let presented = presented_credentials(&headers, &form)?;
        // Only an API's introspection client id starts with `rs_`: apps skip the catalogue.
        let api_client = match &presented {
            Presented::Secret { client_id, secret } if client_id.starts_with(API_CLIENT_PREFIX) => {
                Some((client_id, secret))
            }
            _ => None,
        };
        if let Some((client_id, secret)) = api_client {
            let catalogue = state.catalogue().await?;
            if let Some(api) = catalogue.by_client_id(client_id) {
                if !constant_time_eq(&api.secret_hash, &token_hash(secret)) {
                    return Err(OAuthError::InvalidClient);
                }
                return Ok(IntrospectionRequest {
                    caller: Introspector::Api(Box::new(api.clone())),
                    form,
                });
            }
        }
        let client = authenticate_presented(state, presented, &address).await?;
        Ok(IntrospectionRequest {
            caller: Introspector::App(client),
            form,
        })
    }
}

enum Presented {
    Secret { client_id: String, secret: String },
    PublicClient { client_id: String },
}

pub async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
    form: &OAuthForm,
    address: &ClientAddress,
) -> Result<AuthenticatedClient, OAuthError> {
    authenticate_presented(state, presented_credentials(headers, form)?, address).await
}

async fn authenticate_presented(
    state: &AppState,
    presented: Presented,
    address: &ClientAddress,
) -> Result<AuthenticatedClient, OAuthError> {
    let client_id = match &presented {
        Presented::Secret { client_id, .. } | Presented::PublicClient { client_id } => {
            client_id.as_str()
        }
    };
    let now = state.now();
    let lookup = state
        .clients
        .get(&state.store, client_id, now)
        .await?
        .ok_or(OAuthError::InvalidClient)?;
    let mut cached = lookup.entry;
    let client_type = cached.app.client_type;
    let secret_id = match (&presented, client_type) {
        (Presented::PublicClient { .. }, ClientType::Public) => None,
        (Presented::Secret { secret, .. }, ClientType::Confidential) => {
            let presented_hash = token_hash(secret);
            let mut matched = matching_secret(&cached, &presented_hash, now);
            if matched.is_none() && lookup.from_cache {
                // Perhaps a secret generated moments ago through another node.
                cached = state
                    .clients
                    .load(&state.store, client_id, now)
                    .await?
                    .ok_or(OAuthError::InvalidClient)?;
                matched = matching_secret(&cached, &presented_hash, now);
            }
            let secret_id = matched.ok_or(OAuthError::InvalidClient)?;
            state
                .secret_use
                .record(&state.store, &secret_id, &address.0, now)
                .await;
            Some(secret_id)
        }
        // A confidential client without its secret, or a public client sending one.
        _ => return Err(OAuthError::InvalidClient),
    };
    let app = cached.app.clone();
    if app.disabled {
        return Err(OAuthError::UnauthorizedClient(
            "This app has been disabled by an administrator.".into(),
        ));
    }
    // A metadata document client met while documents were accepted: not once they are
    // turned off or its host leaves the list.
    if let Some(refused) =
        crate::client_documents::refusal(&state.config.client_documents, client_id)
    {
        return Err(OAuthError::UnauthorizedClient(refused.to_string()));
    }
    Ok(AuthenticatedClient {
        app,
        client_type,
        secret_id,
    })
}

/// The id of the active secret whose hash equals `presented_hash`, compared in constant time.
fn matching_secret(client: &CachedClient, presented_hash: &str, now: i64) -> Option<String> {
    client
        .secrets
        .iter()
        .filter(|stored| stored.is_active(now))
        .find(|stored| constant_time_eq(&stored.secret_hash, presented_hash))
        .map(|stored| stored.id.clone())
}

fn presented_credentials(headers: &HeaderMap, form: &OAuthForm) -> Result<Presented, OAuthError> {
    let basic = basic_credentials(headers)?;
    let posted_secret = form.get("client_secret");
    match (basic, posted_secret) {
        (Some(_), Some(_)) => Err(OAuthError::InvalidRequest(
            "Use one client authentication method: the Authorization header or client_secret, not both.".into(),
        )),
        (Some((client_id, secret)), None) => {
            if form.get("client_id").is_some_and(|posted| posted != client_id) {
                return Err(OAuthError::InvalidRequest("client_id differs from the Authorization header.".into()));
            }
            Ok(Presented::Secret { client_id, secret })
        }
        (None, Some(secret)) => {
            let client_id = form.get("client_id").ok_or(OAuthError::InvalidClient)?;
            Ok(Presented::Secret { client_id: client_id.to_owned(), secret: secret.to_owned() })
        }
        (None, None) => {
            let client_id = form.get("client_id").ok_or(OAuthError::InvalidClient)?;
            Ok(Presented::PublicClient { client_id: client_id.to_owned() })
        }
    }
}

/// `Authorization: Basic base64(id:secret)`, where id and secret are each form-urlencoded
/// first (RFC 6749 section 2.3.1).
fn basic_credentials(headers: &HeaderMap) -> Result<Option<(String, String)>, OAuthError> {
    let Some(value) = headers.get(axum::http::header::AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value.to_str().map_err(|_| OAuthError::InvalidClient)?;
    let Some((scheme, encoded)) = value.split_once(' ') else {
        return Err(OAuthError::InvalidClient);
    };
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(OAuthError::InvalidClient);
    }
    let decoded = STANDARD
        .decode(encoded.trim())
        .map_err(|_| OAuthError::InvalidClient)?;
    let decoded = String::from_utf8(decoded).map_err(|_| OAuthError::InvalidClient)?;
    let (id, secret) = decoded.split_once(':').ok_or(OAuthError::InvalidClient)?;
    Ok(Some((form_decode(id)?, form_decode(secret)?)))
}

fn form_decode(text: &str) -> Result<String, OAuthError> {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(format!("v={text}").as_bytes())
        .into_owned()
        .collect();
    pairs
        .into_iter()
        .next()
        .map(|(_, value)| value)
        .ok_or(OAuthError::InvalidClient)
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            axum::http::header::AUTHORIZATION,
            HeaderValue::from_str(value).unwrap(),
        );
        headers
    }

    #[test]
    fn basic_credentials_are_form_decoded_after_base64() {
        let encoded = STANDARD.encode("my%20client:s3cr%2Bt+x");
        let parsed = basic_credentials(&headers(&format!("Basic {encoded}"))).unwrap();
        assert_eq!(
            parsed,
            Some(("my client".to_owned(), "s3cr+t x".to_owned()))
        );
    }

    #[test]
    fn a_malformed_authorization_header_is_an_invalid_client() {
        for value in [
            "Basic !!!",
            "Bearer abc",
            "Basic",
            &format!("Basic {}", STANDARD.encode("no-colon")),
        ] {
            assert!(
                matches!(
                    basic_credentials(&headers(value)),
                    Err(OAuthError::InvalidClient)
                ),
                "{value}"
            );
        }
    }
}
