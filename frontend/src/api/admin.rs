//! The administrators' console API (`/api/v1/initial-access-tokens`,
//! `/api/v1/self-registered-clients`, `/api/v1/built-in-api`). Part of `api`: the same typed
//! helpers, the same CSRF header. Anyone else gets 403, which the admin pages show in words.

use gloo_net::http::Request;
use shared::api::{
    BuiltInApiSettings, InitialAccessToken, MintTokenRequest, MintedToken, SelfRegisteredClient,
    TakeOverRequest,
};

use super::{delete, get, segment, send, send_for_status, url, ApiFailure};

const TOKENS: &str = "/initial-access-tokens";
const CLIENTS: &str = "/self-registered-clients";
const BUILT_IN: &str = "/built-in-api";

pub async fn initial_access_tokens() -> Result<Vec<InitialAccessToken>, ApiFailure> {
    get(TOKENS).await
}

/// The answer carries the token this once.
pub async fn mint_initial_access_token(
    request: &MintTokenRequest,
) -> Result<MintedToken, ApiFailure> {
    send(Request::post(&url(TOKENS)), Some(request)).await
}

pub async fn revoke_initial_access_token(id: &str) -> Result<(), ApiFailure> {
    delete(&item(TOKENS, id)).await
}

pub async fn self_registered_clients() -> Result<Vec<SelfRegisteredClient>, ApiFailure> {
    get(CLIENTS).await
}

pub async fn delete_self_registered_client(client_id: &str) -> Result<(), ApiFailure> {
    delete(&item(CLIENTS, client_id)).await
}

pub async fn take_over(client_id: &str, request: &TakeOverRequest) -> Result<(), ApiFailure> {
    let path = format!("{}/take-over", item(CLIENTS, client_id));
    send_for_status(Request::post(&url(&path)), Some(request)).await
}

pub async fn built_in_api() -> Result<BuiltInApiSettings, ApiFailure> {
    get(BUILT_IN).await
}

pub async fn set_built_in_api(
    settings: &BuiltInApiSettings,
) -> Result<BuiltInApiSettings, ApiFailure> {
    send(Request::put(&url(BUILT_IN)), Some(settings)).await
}

fn item(collection: &str, id: &str) -> String {
    // Ids come from the server, but are encoded to stay one path segment whatever they hold.
    format!("{collection}/{}", segment(id))
}
