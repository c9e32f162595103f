//! `/api/v1/admin/client-documents` (administrators): the clients met through their metadata
//! documents, and blocking or unblocking one (`…/{id}/block`, `…/{id}/unblock`;
//! `client_documents::admin`).

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use shared::api::{ApiError, ClientDocumentView};
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;

use crate::apps::change::Change;
use crate::auth::CurrentUser;
use crate::client_address::ClientAddress;
use crate::client_documents::admin;
use crate::error::AppError;
use crate::routes::url_parts::ApiPath;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    super::documented!(list; set_blocked)
}

const ADMINS_ONLY: &str = "Only administrators can see and block metadata document clients.";

/// The clients met through their metadata documents (administrators).
#[utoipa::path(get, path = "/admin/client-documents", tag = "admin", operation_id = "list_client_documents",
    security(("session" = [])),
    responses((status = OK, description = "The clients.", body = Vec<ClientDocumentView>), (status = FORBIDDEN, description = "`forbidden`: not an administrator.", body = ApiError)))]
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<ClientDocumentView>>, AppError> {
    if !user.is_admin() {
        return Err(AppError::Forbidden(ADMINS_ONLY));
    }
    Ok(Json(admin::list(&state.store).await?))
}

/// `{id}/block` or `{id}/unblock`: the client with this id in the list, and which way.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
struct Blocking {
    /// The client's id in the list.
    id: String,
    /// `block`: refuse its authorizations and token requests and revoke its tokens;
    /// `unblock`: accept it again.
    #[param(pattern = "^(block|unblock)$")]
    action: String,
}

/// Blocks or unblocks a client met through its metadata document.
#[utoipa::path(post, path = "/admin/client-documents/{id}/{action}", tag = "admin", operation_id = "block_client_document",
    params(Blocking), security(("session" = [], "csrf" = [])),
    responses((status = OK, description = "The client, blocked or unblocked.", body = ClientDocumentView)))]
async fn set_blocked(
    State(state): State<AppState>,
    user: CurrentUser,
    address: ClientAddress,
    ApiPath(Blocking { id, action }): ApiPath<Blocking>,
) -> Result<Json<ClientDocumentView>, AppError> {
    let blocked = match action.as_str() {
        "block" => true,
        "unblock" => false,
        _ => return Err(AppError::NotFound),
    };
    if !user.is_admin() {
        return Err(AppError::Forbidden(ADMINS_ONLY));
    }
    let change = Change::by_user(&state, &user, &address);
    let view = admin::set_blocked(&change, &state.client_documents, &id, blocked).await?;
    Ok(Json(view))
}
