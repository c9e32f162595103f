//! The demo resource API (`/api/v1/me`, `/api/v1/files`), reached with OAuth access tokens: it
//! shows apps' developers that scopes mean something. `GET /me` needs `accounts.self:read`;
//! `GET /files` needs `files:read`; `POST /files` needs `files:write`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use shared::api::ApiError;
use shared::field_errors::FieldErrors;

use crate::ids;
use crate::oauth::bearer::{BearerError, BearerToken};
use crate::routes::json::ApiJson;
use crate::state::AppState;

pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/me", get(me))
        .route("/files", get(list_files).post(create_file))
        .layer(axum::middleware::map_response_with_state(
            state,
            point_to_metadata,
        ))
}

/// RFC 9728 section 5.1: every Bearer challenge of this API names its protected-resource
/// metadata, so a client that was refused can find the authorization server and the scopes.
async fn point_to_metadata(State(state): State<AppState>, mut response: Response) -> Response {
    let headers = response.headers_mut();
    let Some(challenge) = headers
        .get(axum::http::header::WWW_AUTHENTICATE)
        .and_then(|value| value.to_str().ok())
    else {
        return response;
    };
    let metadata = shared::endpoints::url(
        &state.config.issuer(),
        shared::endpoints::PROTECTED_RESOURCE_METADATA,
    );
    let extended = format!("{challenge}, resource_metadata=\"{metadata}\"");
    if let Ok(value) = axum::http::HeaderValue::from_str(&extended) {
        headers.insert(axum::http::header::WWW_AUTHENTICATE, value);
    }
    response
}

/// Client-credentials tokens act for an app, not a person: these resources belong to a user.
fn user_of(token: &BearerToken) -> Result<&str, BearerError> {
    token.user_id.as_deref().ok_or(BearerError::NeedsUser(
        "This resource needs a token issued for a user.",
    ))
}

/// `GET /me`: who the token's person is.
#[derive(Debug, Serialize)]
struct Me {
    id: String,
    email: String,
    display_name: String,
}

/// One of the person's files.
#[derive(Debug, Serialize)]
struct FileView {
    id: String,
    name: String,
    content: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_at: Option<i64>,
}

#[derive(Debug, Serialize)]
struct FileList {
    items: Vec<FileView>,
}

async fn me(State(state): State<AppState>, token: BearerToken) -> Result<Json<Me>, BearerError> {
    token.require("accounts.self:read")?;
    let user_id = user_of(&token)?;
    let user = state.store.user_by_id(user_id).await?;
    let user = user.ok_or(BearerError::InvalidToken(
        "The token's user no longer exists.",
    ))?;
    Ok(Json(Me {
        id: user.id,
        email: user.email,
        display_name: user.display_name,
    }))
}

async fn list_files(
    State(state): State<AppState>,
    token: BearerToken,
) -> Result<Json<FileList>, BearerError> {
    token.require("files:read")?;
    let files = state.store.files_of(user_of(&token)?).await?;
    let items = files
        .into_iter()
        .map(|file| FileView {
            id: file.id,
            name: file.name,
            content: file.content,
            created_at: Some(file.created_at),
        })
        .collect();
    Ok(Json(FileList { items }))
}

#[derive(Debug, Deserialize)]
struct NewFile {
    name: String,
    #[serde(default)]
    content: String,
}

async fn create_file(
    State(state): State<AppState>,
    token: BearerToken,
    ApiJson(file): ApiJson<NewFile>,
) -> Result<Response, Response> {
    token
        .require("files:write")
        .map_err(IntoResponse::into_response)?;
    let user_id = user_of(&token).map_err(IntoResponse::into_response)?;
    let name = file.name.trim();
    if name.is_empty() || name.chars().count() > 255 {
        let mut fields = FieldErrors::new();
        fields.insert("name".into(), "A file name has 1 to 255 characters.".into());
        let error = ApiError {
            error: "validation_failed".into(),
            message: "Some fields need attention.".into(),
            fields,
        };
        return Err((StatusCode::UNPROCESSABLE_ENTITY, Json(error)).into_response());
    }
    let id = ids::sortable_id("fil");
    state
        .store
        .insert_file(&id, user_id, name, &file.content, state.now())
        .await
        .map_err(|err| BearerError::from(err).into_response())?;
    Ok((
        StatusCode::CREATED,
        Json(FileView {
            id,
            name: name.to_owned(),
            content: file.content,
            created_at: None,
        }),
    )
        .into_response())
}
