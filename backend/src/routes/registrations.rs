//! The administrators' console API for clients that register themselves (RFC 7591, RFC 7592):
//! initial access tokens (`/initial-access-tokens`), self-registered clients
//! (`/self-registered-clients`, deleting and taking one over) and the built-in API's
//! visibility (`/built-in-api`). Every route takes an `Administrator`: 401 signed out, 403 for
//! anyone else. Thin callers of `oauth::registration::initial_tokens`,
//! `apps::self_registered` and `apis::built_in`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use shared::api::{
    BuiltInApiSettings, InitialAccessToken, MintTokenRequest, MintedToken, SelfRegisteredClient,
    TakeOverRequest,
};

use crate::apis::built_in;
use crate::apps::change::Change;
use crate::apps::self_registered;
use crate::auth::Administrator;
use crate::client_address::ClientAddress;
use crate::error::AppError;
use crate::oauth::registration::initial_tokens::{self, Minter};
use crate::routes::json::ApiJson;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/initial-access-tokens", get(list_tokens).post(mint))
        .route("/initial-access-tokens/{id}", delete(revoke_token))
        .route("/self-registered-clients", get(list_clients))
        .route(
            "/self-registered-clients/{client_id}",
            delete(delete_client),
        )
        .route(
            "/self-registered-clients/{client_id}/take-over",
            post(take_over),
        )
        .route(
            "/built-in-api",
            get(built_in_settings).put(set_built_in_settings),
        )
}

fn minter(admin: &Administrator) -> Minter<'_> {
    Minter {
        id: &admin.0.user.id,
        email: &admin.0.user.email,
    }
}

async fn mint(
    State(state): State<AppState>,
    admin: Administrator,
    ApiJson(request): ApiJson<MintTokenRequest>,
) -> Result<(StatusCode, Json<MintedToken>), AppError> {
    let minted = initial_tokens::mint(&state.store, &minter(&admin), request, state.now()).await?;
    Ok((StatusCode::CREATED, Json(minted)))
}

async fn list_tokens(
    State(state): State<AppState>,
    _admin: Administrator,
) -> Result<Json<Vec<InitialAccessToken>>, AppError> {
    Ok(Json(initial_tokens::list(&state.store).await?))
}

async fn revoke_token(
    State(state): State<AppState>,
    admin: Administrator,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    if initial_tokens::revoke(&state.store, &minter(&admin), &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}

async fn list_clients(
    State(state): State<AppState>,
    admin: Administrator,
    address: ClientAddress,
) -> Result<Json<Vec<SelfRegisteredClient>>, AppError> {
    let change = Change::by_user(&state, &admin.0, &address);
    Ok(Json(self_registered::list(&change).await?))
}

async fn delete_client(
    State(state): State<AppState>,
    admin: Administrator,
    address: ClientAddress,
    Path(client_id): Path<String>,
) -> Result<StatusCode, AppError> {
    let change = Change::by_user(&state, &admin.0, &address);
    self_registered::delete(&change, &client_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn take_over(
    State(state): State<AppState>,
    admin: Administrator,
    address: ClientAddress,
    Path(client_id): Path<String>,
    ApiJson(request): ApiJson<TakeOverRequest>,
) -> Result<StatusCode, AppError> {
    let change = Change::by_user(&state, &admin.0, &address);
    self_registered::take_over(&change, &client_id, &request.developer_email).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn built_in_settings(
    State(state): State<AppState>,
    _admin: Administrator,
) -> Result<Json<BuiltInApiSettings>, AppError> {
    let visibility = built_in::visibility(&state.store).await?;
    Ok(Json(BuiltInApiSettings { visibility }))
}

async fn set_built_in_settings(
    State(state): State<AppState>,
    admin: Administrator,
    ApiJson(settings): ApiJson<BuiltInApiSettings>,
) -> Result<Json<BuiltInApiSettings>, AppError> {
    built_in::set_visibility(
        &state.store,
        Some(&state.apis),
        settings.visibility,
        &admin.0.user.email,
    )
    .await?;
    Ok(Json(settings))
}
