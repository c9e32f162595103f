//! `/api/v1/invitations/{token}`: what an invitation link offers (to anyone holding it, signed
//! in or not) and accepting it (signed in, with the console's CSRF header, as the account the
//! invitation is for). The rules are in `teams::invitations`.

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::api::{InvitationPreview, TeamSummary};

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::teams::invitations;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/invitations/{token}", get(preview))
        .route("/invitations/{token}/accept", post(accept))
}

async fn preview(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Json<InvitationPreview>, AppError> {
    Ok(Json(
        invitations::preview(&state.store, &token, state.now()).await?,
    ))
}

async fn accept(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(token): Path<String>,
) -> Result<Json<TeamSummary>, AppError> {
    let joined = invitations::accept(
        &state.store,
        &user.user.id,
        &user.user.email,
        &token,
        state.now(),
    )
    .await?;
    Ok(Json(joined))
}
