//! `/api/v1/teams`: a person's teams, their members and roles. Every rule is in `teams`; these
//! handlers parse, call it and answer.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::account::Email;
use shared::api::{
    ApiError, CreatedInvitation, Invitation, MemberRole, NewInvitation, NewMember, NewTeam,
    TeamAuditEntry, TeamDetail, TeamMember, TeamSummary,
};
use shared::team::{TeamRole, TeamSlug};
use utoipa_axum::router::OpenApiRouter;

use crate::auth::{CurrentUser, RecentlyAuthenticated};
use crate::error::AppError;
use crate::routes::json::ApiJson;
use crate::routes::openapi::TeamPath;
use crate::routes::url_parts::ApiPath;
use crate::state::AppState;
use crate::teams::invitations::{self, Sending};
use crate::teams::{self, acting, audit, views, Seen};

pub fn router() -> OpenApiRouter<AppState> {
    super::documented!(list, create; detail, delete; add_member; change_role, remove_member; list_invitations, invite; revoke_invitation; team_audit)
}

/// A slug of the query that breaks the rule names no team: 404, like any unknown one. (In a
/// path, `ApiPath` reads the `TeamSlug` and `Email` and answers 404 for the same reason.)
fn slug_of(text: String) -> Result<TeamSlug, AppError> {
    TeamSlug::try_from(text).map_err(|_| AppError::NotFound)
}

/// The team a slug of the URL names (a path segment, or the app and API lists' `team`), as
/// the person sees it: 404 for a slug that breaks the rule, as for any team not theirs.
pub(super) async fn seen_team(
    state: &AppState,
    user: &CurrentUser,
    slug: String,
) -> Result<Seen, AppError> {
    Ok(teams::seen(&state.store, acting(user), &slug_of(slug)?).await?)
}

/// The person's teams, with their role in each.
#[utoipa::path(get, path = "/teams", tag = "teams", operation_id = "list_teams",
    security(("session" = [])),
    responses((status = OK, description = "The teams.", body = Vec<TeamSummary>)))]
pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<TeamSummary>>, AppError> {
    let teams = state.store.teams_of(&user.user.id).await?;
    Ok(Json(
        teams
            .iter()
            .map(|(team, role)| views::summary(team, Some(*role)))
            .collect(),
    ))
}

/// Creates a team with the person as its owner; without `slug`, the name suggests one.
#[utoipa::path(post, path = "/teams", tag = "teams", operation_id = "create_team",
    request_body = NewTeam, security(("session" = [], "csrf" = [])),
    responses((status = CREATED, description = "The team.", body = TeamDetail), (status = CONFLICT, description = "`conflict`: another team has this slug (field `slug`).", body = ApiError)))]
async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(new): ApiJson<NewTeam>,
) -> Result<(StatusCode, Json<TeamDetail>), AppError> {
    let team = teams::create(
        &state.store,
        acting(&user),
        &user.user.id,
        new.name,
        new.slug,
        state.now(),
    )
    .await?;
    let seen = Seen {
        team,
        role: Some(shared::team::TeamRole::Owner),
    };
    Ok((
        StatusCode::CREATED,
        Json(views::detail(&state.store, &seen).await?),
    ))
}

/// A team and its members, owners first (members and administrators).
#[utoipa::path(get, path = "/teams/{slug}", tag = "teams", operation_id = "get_team",
    params(TeamPath), security(("session" = [])),
    responses((status = OK, description = "The team.", body = TeamDetail)))]
async fn detail(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(slug): ApiPath<TeamSlug>,
) -> Result<Json<TeamDetail>, AppError> {
    let seen = teams::seen(&state.store, acting(&user), &slug).await?;
    Ok(Json(views::detail(&state.store, &seen).await?))
}

/// Deletes a team that owns nothing (owners).
#[utoipa::path(delete, path = "/teams/{slug}", tag = "teams", operation_id = "delete_team",
    params(TeamPath), security(("session" = [], "csrf" = [])),
    responses((status = NO_CONTENT, description = "Deleted."), (status = CONFLICT, description = "`conflict`: the team still owns apps or APIs.", body = ApiError)))]
async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(slug): ApiPath<TeamSlug>,
) -> Result<StatusCode, AppError> {
    teams::delete(&state.store, acting(&user), &slug, state.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds a person with an account as a member (owners and admins; only owners add owners).
#[utoipa::path(post, path = "/teams/{slug}/members", tag = "teams", operation_id = "add_team_member",
    params(TeamPath), request_body = NewMember, security(("session" = [], "csrf" = [])),
    responses((status = CREATED, description = "The member.", body = TeamMember), (status = CONFLICT, description = "`conflict`: already a member (field `email`).", body = ApiError)))]
async fn add_member(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(slug): ApiPath<TeamSlug>,
    ApiJson(new): ApiJson<NewMember>,
) -> Result<(StatusCode, Json<TeamMember>), AppError> {
    let added = teams::add_member(
        &state.store,
        acting(&user),
        &slug,
        &new.email,
        new.role,
        state.now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(views::member(added))))
}

/// Changes a member's role (a team keeps at least one owner).
#[utoipa::path(put, path = "/teams/{slug}/members/{email}", tag = "teams", operation_id = "change_member_role",
    params(TeamPath, ("email" = String, Path, description = "The member's email.")), request_body = MemberRole, security(("session" = [], "csrf" = [])),
    responses((status = NO_CONTENT, description = "Changed."), (status = CONFLICT, description = "`conflict`: the team would have no owner left.", body = ApiError), (status = FORBIDDEN, description = "`reauthentication_required`: this session's password was entered too long ago (`POST /session/reauthenticate` first); `forbidden`: the person's role may not change this member, or no CSRF token.", body = ApiError)))]
async fn change_role(
    State(state): State<AppState>,
    user: RecentlyAuthenticated,
    ApiPath((slug, email)): ApiPath<(TeamSlug, Email)>,
    ApiJson(change): ApiJson<MemberRole>,
) -> Result<StatusCode, AppError> {
    set_member_role(&state, &user, slug, email, Some(change.role)).await
}

/// Removes a member; anyone may remove themselves (a team keeps at least one owner).
#[utoipa::path(delete, path = "/teams/{slug}/members/{email}", tag = "teams", operation_id = "remove_member",
    params(TeamPath, ("email" = String, Path, description = "The member's email.")), security(("session" = [], "csrf" = [])),
    responses((status = NO_CONTENT, description = "Removed."), (status = CONFLICT, description = "`conflict`: the team would have no owner left.", body = ApiError), (status = FORBIDDEN, description = "`reauthentication_required`: this session's password was entered too long ago (`POST /session/reauthenticate` first); `forbidden`: the person's role may not remove this member, or no CSRF token.", body = ApiError)))]
async fn remove_member(
    State(state): State<AppState>,
    user: RecentlyAuthenticated,
    ApiPath((slug, email)): ApiPath<(TeamSlug, Email)>,
) -> Result<StatusCode, AppError> {
    set_member_role(&state, &user, slug, email, None).await
}

/// Gives a member a new role, or none (removes them): the one call behind both routes.
async fn set_member_role(
    state: &AppState,
    user: &RecentlyAuthenticated,
    slug: TeamSlug,
    email: Email,
    role: Option<TeamRole>,
) -> Result<StatusCode, AppError> {
    teams::change_member(&state.store, acting(user), &slug, &email, role, state.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Invites an email with a role (owners and admins; only owners invite owners); replaces a
/// pending invitation of the same email.
#[utoipa::path(post, path = "/teams/{slug}/invitations", tag = "invitations", operation_id = "invite",
    params(TeamPath), request_body = NewInvitation, security(("session" = [], "csrf" = [])),
    responses((status = CREATED, description = "The invitation and its link, shown this once.", body = CreatedInvitation), (status = CONFLICT, description = "`conflict`: already a member, or 100 invitations pending (field `email`).", body = ApiError)))]
async fn invite(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(slug): ApiPath<TeamSlug>,
    ApiJson(new): ApiJson<NewInvitation>,
) -> Result<(StatusCode, Json<CreatedInvitation>), AppError> {
    let issuer = state.config.issuer();
    let sending = Sending {
        issuer: &issuer,
        days: state.config.invitations.days,
        mailer: state.mailer.as_deref(),
    };
    let created = invitations::invite(
        &state.store,
        &sending,
        acting(&user),
        &slug,
        &new.email,
        new.role,
        state.now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// The team's pending invitations, never their links (owners and admins).
#[utoipa::path(get, path = "/teams/{slug}/invitations", tag = "invitations", operation_id = "list_invitations",
    params(TeamPath), security(("session" = [])),
    responses((status = OK, description = "The pending invitations.", body = Vec<Invitation>), (status = FORBIDDEN, description = "`forbidden`: the person's role does not manage members.", body = ApiError)))]
async fn list_invitations(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(slug): ApiPath<TeamSlug>,
) -> Result<Json<Vec<Invitation>>, AppError> {
    let pending = invitations::pending(&state.store, acting(&user), &slug, state.now()).await?;
    Ok(Json(pending))
}

/// Revokes a pending invitation: its link stops working.
#[utoipa::path(delete, path = "/teams/{slug}/invitations/{id}", tag = "invitations", operation_id = "revoke_invitation",
    params(TeamPath, ("id" = String, Path, description = "The invitation's id.")), security(("session" = [], "csrf" = [])),
    responses((status = NO_CONTENT, description = "Revoked.")))]
async fn revoke_invitation(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((slug, id)): ApiPath<(TeamSlug, String)>,
) -> Result<StatusCode, AppError> {
    invitations::revoke(&state.store, acting(&user), &slug, &id, state.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The team's own log, newest first (any member).
#[utoipa::path(get, path = "/teams/{slug}/audit", tag = "teams", operation_id = "team_audit_log",
    params(TeamPath), security(("session" = [])),
    responses((status = OK, description = "The entries.", body = Vec<TeamAuditEntry>)))]
async fn team_audit(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(slug): ApiPath<TeamSlug>,
) -> Result<Json<Vec<TeamAuditEntry>>, AppError> {
    Ok(Json(audit::log(&state.store, acting(&user), &slug).await?))
}
