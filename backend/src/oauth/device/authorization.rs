//! `POST /oauth/device_authorization` (RFC 8628 section 3.1): a device asks for a device code
//! (it keeps it, and polls with it) and a user code (the person types it at `/device`).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use shared::app::GrantType;
use shared::endpoints;

use super::{user_code, DEVICE_CODE_PREFIX, LIFETIME, POLL_INTERVAL};
use crate::crypto::{new_token, token_key};
use crate::oauth::audience;
use crate::oauth::client_auth::{AuthenticatedClient, ClientRequest};
use crate::oauth::cors::AllowedOriginsOf;
use crate::oauth::error::{no_store, OAuthError};
use crate::oauth::form::OAuthForm;
use crate::oauth::grants::ensure_enabled;
use crate::oauth::scopes;
use crate::state::AppState;
use crate::store::device_codes::NewDeviceCode;
use crate::store::StoreError;

/// RFC 8628 section 3.2.
#[derive(Debug, Serialize)]
struct DeviceAuthorization {
    device_code: String,
    user_code: String,
    verification_uri: String,
    verification_uri_complete: String,
    expires_in: i64,
    interval: i64,
}

/// Attempts at drawing a user code not in use (a clash is about one in billions).
const DRAWS: usize = 5;

pub async fn device_authorization(
    State(state): State<AppState>,
    request: ClientRequest,
) -> Response {
    let ClientRequest { client, form, .. } = request;
    let mut response = match issue(&state, &client, &form).await {
        Ok(body) => {
            let mut response = Json(body).into_response();
            no_store(response.headers_mut());
            response
        }
        Err(err) => err.into_response(),
    };
    response
        .extensions_mut()
        .insert(AllowedOriginsOf::app(&client.app));
    response
}

async fn issue(
    state: &AppState,
    client: &AuthenticatedClient,
    form: &OAuthForm,
) -> Result<DeviceAuthorization, OAuthError> {
    ensure_enabled(client, GrantType::DeviceCode)?;
    let catalogue = state.catalogue().await?;
    let app = &client.app;
    let allowed = catalogue.offered(app.owner.id(), &app.scopes);
    if let Some(scope) = form.get("scope") {
        let asked: shared::scope::ScopeSet = scope
            .parse()
            .map_err(|err| OAuthError::InvalidScope(format!("{err}")))?;
        if let Some(refusal) = catalogue.refusal_for(app.owner.id(), &asked) {
            return Err(OAuthError::InvalidScope(refusal));
        }
    }
    let scopes = scopes::requested(form.get("scope"), &allowed, &allowed)?;
    let resources = audience::binding(&catalogue, app.owner.id(), &scopes, &form.resources())?;

    let device_code = new_token(DEVICE_CODE_PREFIX);
    let device_code_hash = token_key(&device_code);
    let now = state.now();
    let mut drawn = None;
    for _ in 0..DRAWS {
        let code = user_code::generate();
        let stored = state
            .store
            .insert_device_code(&NewDeviceCode {
                device_code_hash: &device_code_hash,
                user_code: &code,
                client_id: &app.client_id,
                scopes: &scopes,
                resources: &resources,
                poll_interval: POLL_INTERVAL,
                created_at: now,
                expires_at: now + LIFETIME,
            })
            .await;
        match stored {
            Ok(()) => {
                drawn = Some(code);
                break;
            }
            Err(StoreError::Conflict) => continue,
            Err(other) => return Err(other.into()),
        }
    }
    let code = drawn.ok_or_else(|| anyhow::anyhow!("no free user code in {DRAWS} draws"))?;
    let issuer = state.config.issuer();
    let verification_uri = endpoints::url(&issuer, endpoints::DEVICE_VERIFICATION);
    let shown = user_code::display(&code);
    Ok(DeviceAuthorization {
        device_code,
        verification_uri_complete: format!("{verification_uri}?user_code={shown}"),
        verification_uri,
        user_code: shown,
        expires_in: LIFETIME,
        interval: POLL_INTERVAL,
    })
}
