//! `/api/v1/connections`: the apps the signed-in user has authorized, and revoking one (which
//! removes the consent and every token of this user for that app).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::api::{ConnectedApi, Connection};
use utoipa_axum::router::OpenApiRouter;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::routes::openapi::AppPath;
use crate::routes::url_parts::ApiPath;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    super::documented!(list; revoke)
}

/// The apps the person has authorized ("Connected apps").
#[utoipa::path(get, path = "/connections", tag = "connections", operation_id = "list_connections",
    security(("session" = [])),
    responses((status = OK, description = "The connections.", body = Vec<Connection>)))]
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<Connection>>, AppError> {
    let rows = state.store.connections_of(&user.user.id).await?;
    let catalogue = state.catalogue().await?;
    let connections = rows
        .into_iter()
        .map(|row| {
            let apis = catalogue
                .apis_of(&row.scopes)
                .into_iter()
                .map(|api| ConnectedApi {
                    name: api.name.clone(),
                    identifier: api.identifier.to_string(),
                    resources: api.resources.clone(),
                })
                .collect();
            Ok(Connection {
                apis,
                icon_url: row
                    .icon_version
                    .map(|version| format!("/api/v1/apps/{}/icon?v={version}", row.client_id)),
                client_id: row.client_id,
                app_name: row.app_name,
                website: row.website,
                scopes: row.scopes,
                granted_at: row.granted_at,
                last_used_at: row.last_used_at,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(Json(connections))
}

/// Revokes a connection: the consent and every token of this person for the app.
#[utoipa::path(delete, path = "/connections/{client_id}", tag = "connections", operation_id = "revoke_connection",
    params(AppPath), security(("session" = [], "csrf" = [])),
    responses((status = NO_CONTENT, description = "Revoked.")))]
async fn revoke(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(client_id): ApiPath<String>,
) -> Result<StatusCode, AppError> {
    if state
        .store
        .revoke_connection(&user.user.id, &client_id, state.now())
        .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}
