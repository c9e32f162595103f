//! `/api/v1/admin/client-documents` (administrators): the clients met through their metadata
//! documents, and blocking or unblocking one (`client_documents::admin`).

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::api::ClientDocumentView;

use crate::apps::change::Change;
use crate::auth::CurrentUser;
use crate::client_address::ClientAddress;
use crate::client_documents::admin;
use crate::error::AppError;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/client-documents", get(list))
        .route(
            "/admin/client-documents/{id}/block",
            post(set_blocked::<true>),
        )
        .route(
            "/admin/client-documents/{id}/unblock",
            post(set_blocked::<false>),
        )
}

const ADMINS_ONLY: &str = "Only administrators can see and block metadata document clients.";

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<ClientDocumentView>>, AppError> {
    if !user.is_admin() {
        return Err(AppError::Forbidden(ADMINS_ONLY));
    }
    Ok(Json(admin::list(&state.store).await?))
}

/// `block` and `unblock`: the same operation, `BLOCKED` says which way.
async fn set_blocked<const BLOCKED: bool>(
    State(state): State<AppState>,
    user: CurrentUser,
    address: ClientAddress,
    Path(id): Path<String>,
) -> Result<Json<ClientDocumentView>, AppError> {
    if !user.is_admin() {
        return Err(AppError::Forbidden(ADMINS_ONLY));
    }
    let change = Change::by_user(&state, &user, &address);
    let view = admin::set_blocked(&change, &state.client_documents, &id, BLOCKED).await?;
    Ok(Json(view))
}
