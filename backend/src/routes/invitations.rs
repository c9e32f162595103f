//! `/api/v1/invitations/{token}`: what an invitation link offers (to anyone holding it, signed
//! in or not) and accepting it (signed in, with the console's CSRF header, as the account the
//! invitation is for). The rules are in `teams::invitations`.

use axum::extract::State;
use axum::Json;
use shared::api::{ApiError, InvitationPreview, TeamSummary};
use utoipa_axum::router::OpenApiRouter;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::routes::url_parts::ApiPath;
use crate::state::AppState;
use crate::teams::invitations;

pub fn router() -> OpenApiRouter<AppState> {
    super::documented!(preview; accept)
}

/// What an invitation link offers; signed out too.
#[utoipa::path(get, path = "/invitations/{token}", tag = "invitations", operation_id = "preview_invitation",
    params(("token" = String, Path, description = "The token of the invitation link.")), security((), ("session" = [])),
    responses((status = OK, description = "The team, role and email the link is for.", body = InvitationPreview), (status = NOT_FOUND, description = "`not_found`: the link is unknown, used, revoked or expired.", body = ApiError)))]
async fn preview(
    State(state): State<AppState>,
    ApiPath(token): ApiPath<String>,
) -> Result<Json<InvitationPreview>, AppError> {
    Ok(Json(
        invitations::preview(&state.store, &token, state.now()).await?,
    ))
}

/// Accepts an invitation, signed in as the account with the invited email.
#[utoipa::path(post, path = "/invitations/{token}/accept", tag = "invitations", operation_id = "accept_invitation",
    params(("token" = String, Path, description = "The token of the invitation link.")), security(("session" = [], "csrf" = [])),
    responses((status = OK, description = "The team joined.", body = TeamSummary), (status = FORBIDDEN, description = "`forbidden`: the invitation is for another email, or the request lacks its CSRF token.", body = ApiError), (status = NOT_FOUND, description = "`not_found`: the link is unknown, used, revoked or expired.", body = ApiError)))]
async fn accept(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(token): ApiPath<String>,
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
