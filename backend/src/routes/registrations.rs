//! The administrators' console API for clients that register themselves (RFC 7591, RFC 7592):
//! initial access tokens (`/initial-access-tokens`), self-registered clients
//! (`/self-registered-clients`, deleting and taking one over) and the built-in API's
//! visibility (`/built-in-api`). Every route takes an `Administrator`: 401 signed out, 403 for
//! anyone else. Thin callers of `oauth::registration::initial_tokens`,
//! `apps::self_registered` and `apis::built_in`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::api::{
    ApiError, BuiltInApiSettings, InitialAccessToken, MintTokenRequest, MintedToken,
    SelfRegisteredClient, TakeOverRequest,
};

use crate::apis::built_in;
use crate::apps::change::Change;
use crate::apps::self_registered;
use crate::auth::Administrator;
use crate::client_address::ClientAddress;
use crate::error::AppError;
use crate::oauth::registration::initial_tokens::{self, Minter};
use crate::routes::json::ApiJson;
use crate::routes::url_parts::ApiPath;
use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;

pub fn router() -> OpenApiRouter<AppState> {
    super::documented!(list_tokens, mint; revoke_token; list_clients; delete_client; take_over; built_in_settings, set_built_in_settings)
}

fn minter(admin: &Administrator) -> Minter<'_> {
    Minter {
        id: &admin.0.user.id,
        email: &admin.0.user.email,
    }
}

/// Mints an initial access token for dynamic registration (RFC 7591 section 3).
#[utoipa::path(post, path = "/initial-access-tokens", tag = "admin", operation_id = "mint_initial_access_token",
    request_body = MintTokenRequest, security(("session" = [], "csrf" = [])),
    responses((status = CREATED, description = "The token, shown this once.", body = MintedToken)))]
async fn mint(
    State(state): State<AppState>,
    admin: Administrator,
    ApiJson(request): ApiJson<MintTokenRequest>,
) -> Result<(StatusCode, Json<MintedToken>), AppError> {
    let minted = initial_tokens::mint(&state.store, &minter(&admin), request, state.now()).await?;
    Ok((StatusCode::CREATED, Json(minted)))
}

/// The initial access tokens (never the tokens themselves).
#[utoipa::path(get, path = "/initial-access-tokens", tag = "admin", operation_id = "list_initial_access_tokens",
    security(("session" = [])),
    responses((status = OK, description = "The tokens.", body = Vec<InitialAccessToken>), (status = FORBIDDEN, description = "`forbidden`: not an administrator.", body = ApiError)))]
async fn list_tokens(
    State(state): State<AppState>,
    _admin: Administrator,
) -> Result<Json<Vec<InitialAccessToken>>, AppError> {
    Ok(Json(initial_tokens::list(&state.store).await?))
}

/// Revokes an initial access token.
#[utoipa::path(delete, path = "/initial-access-tokens/{id}", tag = "admin", operation_id = "revoke_initial_access_token",
    params(("id" = String, Path, description = "The token's id.")), security(("session" = [], "csrf" = [])),
    responses((status = NO_CONTENT, description = "Revoked.")))]
async fn revoke_token(
    State(state): State<AppState>,
    admin: Administrator,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode, AppError> {
    if initial_tokens::revoke(&state.store, &minter(&admin), &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}

/// The clients that registered themselves, newest first.
#[utoipa::path(get, path = "/self-registered-clients", tag = "admin", operation_id = "list_self_registered_clients",
    security(("session" = [])),
    responses((status = OK, description = "The clients.", body = Vec<SelfRegisteredClient>), (status = FORBIDDEN, description = "`forbidden`: not an administrator.", body = ApiError)))]
async fn list_clients(
    State(state): State<AppState>,
    admin: Administrator,
    address: ClientAddress,
) -> Result<Json<Vec<SelfRegisteredClient>>, AppError> {
    let change = Change::by_user(&state, &admin.0, &address);
    Ok(Json(self_registered::list(&change).await?))
}

/// Deletes a self-registered client with its tokens and consents.
#[utoipa::path(delete, path = "/self-registered-clients/{client_id}", tag = "admin", operation_id = "delete_self_registered_client",
    params(("client_id" = String, Path, description = "The client's id.")), security(("session" = [], "csrf" = [])),
    responses((status = NO_CONTENT, description = "Deleted.")))]
async fn delete_client(
    State(state): State<AppState>,
    admin: Administrator,
    address: ClientAddress,
    ApiPath(client_id): ApiPath<String>,
) -> Result<StatusCode, AppError> {
    let change = Change::by_user(&state, &admin.0, &address);
    self_registered::delete(&change, &client_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Gives a self-registered client to a developer: it becomes an ordinary app of theirs.
#[utoipa::path(post, path = "/self-registered-clients/{client_id}/take-over", tag = "admin", operation_id = "take_over_client",
    params(("client_id" = String, Path, description = "The client's id.")), request_body = TakeOverRequest, security(("session" = [], "csrf" = [])),
    responses((status = NO_CONTENT, description = "Taken over."), (status = CONFLICT, description = "`conflict`: already taken over.", body = ApiError)))]
async fn take_over(
    State(state): State<AppState>,
    admin: Administrator,
    address: ClientAddress,
    ApiPath(client_id): ApiPath<String>,
    ApiJson(request): ApiJson<TakeOverRequest>,
) -> Result<StatusCode, AppError> {
    let change = Change::by_user(&state, &admin.0, &address);
    self_registered::take_over(&change, &client_id, &request.developer_email).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Whose apps may ask for the built-in API's scopes.
#[utoipa::path(get, path = "/built-in-api", tag = "admin", operation_id = "built_in_api_settings",
    security(("session" = [])),
    responses((status = OK, description = "The settings.", body = BuiltInApiSettings), (status = FORBIDDEN, description = "`forbidden`: not an administrator.", body = ApiError)))]
async fn built_in_settings(
    State(state): State<AppState>,
    _admin: Administrator,
) -> Result<Json<BuiltInApiSettings>, AppError> {
    let visibility = built_in::visibility(&state.store).await?;
    Ok(Json(BuiltInApiSettings { visibility }))
}

/// Sets the built-in API's visibility.
#[utoipa::path(put, path = "/built-in-api", tag = "admin", operation_id = "set_built_in_api_settings",
    request_body = BuiltInApiSettings, security(("session" = [], "csrf" = [])),
    responses((status = OK, description = "The settings as saved.", body = BuiltInApiSettings)))]
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
