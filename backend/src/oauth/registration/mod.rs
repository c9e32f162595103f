//! Dynamic client registration: `POST /oauth/register` (RFC 7591) and the client configuration
//! endpoint `GET/PUT/DELETE /oauth/register/{client_id}` (RFC 7592). Off unless
//! `CLIENTELE_DYNAMIC_REGISTRATION` is `token` (an administrator's initial access token is
//! needed) or `open`. A registered client is an app of the account `usr_self_registered`, made
//! through the same operations and rules as a developer's (`apps::registration`,
//! `apps::lifecycle`), limited to `anyone` APIs and to grants that involve a person.

pub mod initial_tokens;
pub mod metadata;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use shared::api::RegisteredWith;

use self::metadata::{refusal, ClientMetadata, RegisteredClient};
use crate::apps::change::{Change, ChangeError};
use crate::apps::{lifecycle, registration, views};
use crate::client_address::ClientAddress;
use crate::config::RegistrationMode;
use crate::crypto::{constant_time_eq, new_token, token_hash};
use crate::oauth::error::no_store;
use crate::state::AppState;
use crate::store::registrations::SELF_REGISTERED_OWNER;

const REGISTRATION_TOKEN_PREFIX: &str = "crg_";
/// Initial access tokens: prefixed, so secret scanners recognise them.
pub const INITIAL_ACCESS_TOKEN_PREFIX: &str = "cia_";

/// RFC 7591 section 3.2.2 (and RFC 6750 for a missing or wrong bearer token).
#[derive(Debug)]
pub struct RegistrationError {
    status: StatusCode,
    error: &'static str,
    description: String,
}

impl RegistrationError {
    pub fn metadata(description: String) -> Self {
        RegistrationError {
            status: StatusCode::BAD_REQUEST,
            error: "invalid_client_metadata",
            description,
        }
    }

    pub fn redirect_uri(description: String) -> Self {
        RegistrationError {
            status: StatusCode::BAD_REQUEST,
            error: "invalid_redirect_uri",
            description,
        }
    }

    /// The text of `error_description`.
    pub fn description(&self) -> &str {
        &self.description
    }

    fn token(description: &str) -> Self {
        RegistrationError {
            status: StatusCode::UNAUTHORIZED,
            error: "invalid_token",
            description: description.to_owned(),
        }
    }

    fn disabled() -> Self {
        RegistrationError {
            status: StatusCode::NOT_FOUND,
            error: "not_found",
            description: "Dynamic client registration is off on this server.".to_owned(),
        }
    }

    fn internal(err: impl Into<anyhow::Error>) -> Self {
        tracing::error!(error = ?err.into(), "client registration failed");
        RegistrationError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            error: "server_error",
            description: "The server could not complete the request.".to_owned(),
        }
    }
}

impl From<crate::store::StoreError> for RegistrationError {
    fn from(err: crate::store::StoreError) -> Self {
        RegistrationError::internal(err)
    }
}

impl From<ChangeError> for RegistrationError {
    fn from(err: ChangeError) -> Self {
        match err {
            ChangeError::Invalid(fields) => refusal(&fields),
            ChangeError::ClientTypeFixed => RegistrationError::metadata(
                "token_endpoint_auth_method cannot change between none and a secret; register a new client instead.".to_owned(),
            ),
            ChangeError::NotFound => RegistrationError::token("The registration does not exist."),
            other => RegistrationError::internal(anyhow::anyhow!("{other}")),
        }
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    error_description: &'a str,
}

impl IntoResponse for RegistrationError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: self.error,
            error_description: &self.description,
        };
        let mut response = (self.status, Json(body)).into_response();
        no_store(response.headers_mut());
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer error=\"invalid_token\""),
            );
        }
        response
    }
}

/// The JSON body (section 3.1); anything else is `invalid_client_metadata`, in RFC form.
fn read_metadata(body: &[u8]) -> Result<ClientMetadata, RegistrationError> {
    serde_json::from_slice(body).map_err(|err| {
        RegistrationError::metadata(format!("The body is not client metadata in JSON: {err}"))
    })
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .split_once(' ')
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
}

fn change<'a>(state: &'a AppState, address: &ClientAddress) -> Change<'a> {
    Change::by_client(state, "dynamic registration", Some(address.0.clone()))
}

fn answer(status: StatusCode, client: RegisteredClient) -> Response {
    let mut response = (status, Json(client)).into_response();
    no_store(response.headers_mut());
    response
}

/// `POST /oauth/register`.
pub async fn register(
    State(state): State<AppState>,
    address: ClientAddress,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, RegistrationError> {
    let registered_with = match state.config.registration.mode {
        RegistrationMode::Off => return Err(RegistrationError::disabled()),
        RegistrationMode::Open => RegisteredWith::Open,
        RegistrationMode::Token => {
            let token = bearer(&headers).ok_or_else(|| {
                RegistrationError::token("An initial access token is required to register.")
            })?;
            if !state
                .store
                .spend_initial_access_token(&token_hash(token), state.now())
                .await?
            {
                return Err(RegistrationError::token(
                    "The initial access token is not valid, expired or used up.",
                ));
            }
            RegisteredWith::Token
        }
    };
    let settings = read_metadata(&body)?
        .draft()?
        .validate()
        .map_err(|fields| refusal(&fields))?;
    state
        .store
        .ensure_self_registered_owner(state.now())
        .await?;
    let created = registration::register(
        &change(&state, &address),
        SELF_REGISTERED_OWNER,
        None,
        &settings,
    )
    .await?;
    let registration_token = new_token(REGISTRATION_TOKEN_PREFIX);
    state
        .store
        .mark_dynamic(
            &created.app.client_id,
            &token_hash(&registration_token),
            registered_with,
        )
        .await?;
    tracing::info!(client_id = %created.app.client_id, "client registered itself");
    let mut client = RegisteredClient::of(&created.app, &state.config.issuer());
    client.client_secret = created.client_secret;
    client.registration_access_token = Some(registration_token);
    Ok(answer(StatusCode::CREATED, client))
}

/// The self-registered app `client_id`, if the bearer token is its registration access token
/// (RFC 7592 section 3: anything else is 401, whether or not the client exists).
async fn authorised_app(
    state: &AppState,
    headers: &HeaderMap,
    client_id: &str,
) -> Result<crate::store::apps::AppRow, RegistrationError> {
    let refused =
        || RegistrationError::token("The registration access token is not valid for this client.");
    let presented = bearer(headers).ok_or_else(refused)?;
    let stored = state
        .store
        .registration_token_hash(client_id)
        .await?
        .ok_or_else(refused)?;
    if !constant_time_eq(&stored, &token_hash(presented)) {
        return Err(refused());
    }
    state.store.app(client_id).await?.ok_or_else(refused)
}

/// `GET /oauth/register/{client_id}` (RFC 7592 section 2.1).
pub async fn read(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(client_id): Path<String>,
) -> Result<Response, RegistrationError> {
    let app = authorised_app(&state, &headers, &client_id).await?;
    let client = RegisteredClient::of(&views::detail_of(&app), &state.config.issuer());
    Ok(answer(StatusCode::OK, client))
}

/// `PUT /oauth/register/{client_id}` (RFC 7592 section 2.2): the metadata replaced as a whole,
/// checked as at registration.
pub async fn update(
    State(state): State<AppState>,
    address: ClientAddress,
    headers: HeaderMap,
    Path(client_id): Path<String>,
    body: Bytes,
) -> Result<Response, RegistrationError> {
    let app = authorised_app(&state, &headers, &client_id).await?;
    let settings = read_metadata(&body)?
        .draft()?
        .validate()
        .map_err(|fields| refusal(&fields))?;
    let after = lifecycle::update(&change(&state, &address), &app, &settings).await?;
    Ok(answer(
        StatusCode::OK,
        RegisteredClient::of(&after, &state.config.issuer()),
    ))
}

/// `DELETE /oauth/register/{client_id}` (RFC 7592 section 2.3): the client and everything it
/// was issued are gone.
pub async fn delete(
    State(state): State<AppState>,
    address: ClientAddress,
    headers: HeaderMap,
    Path(client_id): Path<String>,
) -> Result<StatusCode, RegistrationError> {
    let app = authorised_app(&state, &headers, &client_id).await?;
    lifecycle::delete(&change(&state, &address), &app).await?;
    Ok(StatusCode::NO_CONTENT)
}
