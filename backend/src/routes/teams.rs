//! `/api/v1/teams`: a person's teams, their members and roles. Every rule is in `teams`; these
//! handlers parse, call it and answer.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete as delete_route, get, post, put};
use axum::{Json, Router};
use shared::account::Email;
use shared::api::{
    CreatedInvitation, Invitation, MemberRole, NewInvitation, NewMember, NewTeam, TeamAuditEntry,
    TeamDetail, TeamMember, TeamSummary,
};
use shared::team::TeamSlug;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::routes::json::ApiJson;
use crate::state::AppState;
use crate::teams::invitations::{self, Sending};
use crate::teams::{self, acting, audit, views, Seen};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/teams", get(list).post(create))
        .route("/teams/{slug}", get(detail).delete(delete))
        .route("/teams/{slug}/members", post(add_member))
        .route(
            "/teams/{slug}/members/{email}",
            put(change_role).delete(remove_member),
        )
        .route(
            "/teams/{slug}/invitations",
            get(list_invitations).post(invite),
        )
        .route(
            "/teams/{slug}/invitations/{id}",
            delete_route(revoke_invitation),
        )
        .route("/teams/{slug}/audit", get(team_audit))
}

/// A slug in a path that breaks the rule names no team: 404, like any unknown one.
fn slug_of(text: String) -> Result<TeamSlug, AppError> {
    TeamSlug::try_from(text).map_err(|_| AppError::NotFound)
}

fn email_of(text: String) -> Result<Email, AppError> {
    Email::try_from(text).map_err(|_| AppError::NotFound)
}

async fn list(
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

async fn detail(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(slug): Path<String>,
) -> Result<Json<TeamDetail>, AppError> {
    let seen = teams::seen(&state.store, acting(&user), &slug_of(slug)?).await?;
    Ok(Json(views::detail(&state.store, &seen).await?))
}

async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(slug): Path<String>,
) -> Result<StatusCode, AppError> {
    teams::delete(&state.store, acting(&user), &slug_of(slug)?, state.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn add_member(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(slug): Path<String>,
    ApiJson(new): ApiJson<NewMember>,
) -> Result<(StatusCode, Json<TeamMember>), AppError> {
    let slug = slug_of(slug)?;
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

async fn change_role(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((slug, email)): Path<(String, String)>,
    ApiJson(change): ApiJson<MemberRole>,
) -> Result<StatusCode, AppError> {
    let (slug, email) = (slug_of(slug)?, email_of(email)?);
    let now = state.now();
    teams::change_member(
        &state.store,
        acting(&user),
        &slug,
        &email,
        Some(change.role),
        now,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn remove_member(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((slug, email)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let (slug, email) = (slug_of(slug)?, email_of(email)?);
    teams::change_member(
        &state.store,
        acting(&user),
        &slug,
        &email,
        None,
        state.now(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn invite(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(slug): Path<String>,
    ApiJson(new): ApiJson<NewInvitation>,
) -> Result<(StatusCode, Json<CreatedInvitation>), AppError> {
    let slug = slug_of(slug)?;
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

async fn list_invitations(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(slug): Path<String>,
) -> Result<Json<Vec<Invitation>>, AppError> {
    let slug = slug_of(slug)?;
    let pending = invitations::pending(&state.store, acting(&user), &slug, state.now()).await?;
    Ok(Json(pending))
}

async fn revoke_invitation(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((slug, id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let slug = slug_of(slug)?;
    invitations::revoke(&state.store, acting(&user), &slug, &id, state.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn team_audit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(slug): Path<String>,
) -> Result<Json<Vec<TeamAuditEntry>>, AppError> {
    let slug = slug_of(slug)?;
    Ok(Json(audit::log(&state.store, acting(&user), &slug).await?))
}
