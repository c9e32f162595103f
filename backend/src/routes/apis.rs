//! `/api/v1/apis`: the APIs (resource servers) a developer may use and those they register.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use shared::api::{ApiError, ApiView, CreatedApi, NewApiOwnerRequest, ProtectedResourceMetadata};
use shared::registered_api::ApiDraft;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;

use crate::apis::catalogue::Catalogue;
use crate::apis::registration::{self, ApiChange, ApiChangeError};
use crate::apis::transfer::{self, ApiDestination};
use crate::apis::views::{self, visible};
use crate::auth::{CurrentUser, RecentlyAuthenticated};
use crate::error::AppError;
use crate::routes::json::ApiJson;
use crate::routes::url_parts::{ApiPath, ApiQuery};
use crate::state::AppState;
use crate::store::apis::ApiRow;
use crate::store::teams::Owner;
use crate::teams::access::Viewer;
use crate::teams::acting;
use shared::team::TeamSlug;

pub fn router() -> OpenApiRouter<AppState> {
    super::documented!(list, create; detail, delete; metadata; move_to)
}

impl From<ApiChangeError> for AppError {
    fn from(err: ApiChangeError) -> Self {
        match err {
            ApiChangeError::NotFound => AppError::NotFound,
            ApiChangeError::Invalid(fields) => AppError::Validation(fields),
            ApiChangeError::BuiltIn => AppError::Forbidden("The built-in API cannot be deleted."),
            ApiChangeError::Forbidden => {
                AppError::Forbidden("Viewers of a team see its APIs but change nothing.")
            }
            ApiChangeError::SameOwner => AppError::Conflict {
                field: Some("team"),
                message: "The API already belongs there; nothing changed.".into(),
            },
            ApiChangeError::Team(err) => err.into(),
            ApiChangeError::Store(err) => err.into(),
        }
    }
}

fn change<'a>(state: &'a AppState, user: &'a CurrentUser, issuer: &'a str) -> ApiChange<'a> {
    ApiChange {
        store: &state.store,
        cache: Some(&state.apis),
        issuer,
        actor_id: &user.user.id,
        actor_email: &user.user.email,
        actor_is_admin: user.is_admin(),
        now: state.now(),
    }
}

fn view_for(state: &AppState, viewer: &Viewer, api: &ApiRow) -> ApiView {
    views::view(api, viewer, state.config.lifetimes.access_token)
}

/// The person with their teams' roles, read for this request only.
async fn viewer(state: &AppState, user: &CurrentUser) -> Result<Viewer, AppError> {
    Ok(Viewer::load(&state.store, &user.user.id, user.is_admin()).await?)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ListParams {
    /// `me`: only the APIs the person registered for themselves, not their teams'.
    owner: Option<String>,
    /// One team's APIs (by slug); 404 for a team the person is not in.
    team: Option<String>,
}

/// Which of the visible APIs a list shows.
enum Listed {
    All,
    Person(String),
    Team(TeamSlug),
}

impl Listed {
    fn shows(&self, api: &ApiRow) -> bool {
        match self {
            Listed::All => true,
            Listed::Person(user_id) => {
                !Catalogue::is_built_in(api)
                    && matches!(&api.owner, Owner::Person(id) if id == user_id)
            }
            Listed::Team(slug) => api.owner.team_slug() == Some(slug),
        }
    }
}

/// The built-in API first, then the registered ones this developer may use (all, for
/// administrators); `?owner=me` and `?team=SLUG` narrow it to whose they are.
#[utoipa::path(get, path = "/apis", tag = "apis", operation_id = "list_apis",
    params(ListParams), security(("session" = [])),
    responses((status = OK, description = "The APIs.", body = Vec<ApiView>), (status = NOT_FOUND, description = "`not_found`: `team` names no team of the person's.", body = ApiError)))]
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Json<Vec<ApiView>>, AppError> {
    let listed = match (params.team, params.owner.as_deref()) {
        (Some(slug), _) => Listed::Team(
            super::teams::seen_team(&state, &user, slug)
                .await?
                .team
                .slug,
        ),
        (None, None) => Listed::All,
        (None, Some("me")) => Listed::Person(user.user.id.clone()),
        (None, Some(_)) => return Err(AppError::BadRequest("`owner` is `me`.".into())),
    };
    let catalogue = state.catalogue().await?;
    let viewer = viewer(&state, &user).await?;
    let apis = visible(&catalogue, &viewer)
        .filter(|api| listed.shows(api))
        .map(|api| view_for(&state, &viewer, api))
        .collect();
    Ok(Json(apis))
}

/// Registers an API (resource server) for the person or one of their teams (`team`).
#[utoipa::path(post, path = "/apis", tag = "apis", operation_id = "create_api",
    request_body = ApiDraft, security(("session" = [], "csrf" = [])),
    responses((status = CREATED, description = "The API and its introspection secret, shown this once.", body = CreatedApi)))]
async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(draft): ApiJson<ApiDraft>,
) -> Result<(StatusCode, Json<CreatedApi>), AppError> {
    let issuer = state.config.issuer();
    let created = registration::create(&change(&state, &user, &issuer), &draft).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// One API this developer may see; others' private APIs are 404, as if they did not exist.
async fn visible_api(state: &AppState, user: &CurrentUser, id: &str) -> Result<ApiView, AppError> {
    let catalogue = state.catalogue().await?;
    let viewer = viewer(state, user).await?;
    let api = visible(&catalogue, &viewer)
        .find(|api| api.id == id)
        .ok_or(AppError::NotFound)?;
    Ok(view_for(state, &viewer, api))
}

/// One API the person may see; others' private APIs are 404.
#[utoipa::path(get, path = "/apis/{id}", tag = "apis", operation_id = "get_api",
    params(("id" = String, Path, description = "The API's id (`api_…`, or `builtin`).")), security(("session" = [])),
    responses((status = OK, description = "The API.", body = ApiView)))]
async fn detail(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<ApiView>, AppError> {
    Ok(Json(visible_api(&state, &user, &id).await?))
}

/// Deletes an API the person may change (never the built-in one).
#[utoipa::path(delete, path = "/apis/{id}", tag = "apis", operation_id = "delete_api",
    params(("id" = String, Path, description = "The API's id (`api_…`, or `builtin`).")), security(("session" = [], "csrf" = [])),
    responses((status = NO_CONTENT, description = "Deleted."), (status = FORBIDDEN, description = "`reauthentication_required`: this session's password was entered too long ago (`POST /session/reauthenticate` first); `forbidden`: the built-in API, a viewer's role, or no CSRF token.", body = ApiError)))]
async fn delete(
    State(state): State<AppState>,
    user: RecentlyAuthenticated,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode, AppError> {
    let issuer = state.config.issuer();
    registration::delete(&change(&state, &user, &issuer), &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The RFC 9728 document the API's own server should publish, filled in.
#[utoipa::path(get, path = "/apis/{id}/metadata", tag = "apis", operation_id = "api_metadata",
    params(("id" = String, Path, description = "The API's id (`api_…`, or `builtin`).")), security(("session" = [])),
    responses((status = OK, description = "The protected resource metadata.", body = ProtectedResourceMetadata)))]
async fn metadata(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<ProtectedResourceMetadata>, AppError> {
    visible_api(&state, &user, &id).await?;
    let catalogue = state.catalogue().await?;
    let api = catalogue.by_id(&id).ok_or(AppError::NotFound)?;
    Ok(Json(views::metadata(api, &state.config.issuer())))
}

/// Moves the API into a team, or to the person asking: they must be allowed to change it where
/// it is, and to register APIs where it goes.
#[utoipa::path(put, path = "/apis/{id}/owner", tag = "apis", operation_id = "move_api",
    params(("id" = String, Path, description = "The API's id (`api_…`, or `builtin`).")), request_body = NewApiOwnerRequest, security(("session" = [], "csrf" = [])),
    responses((status = OK, description = "The API, moved.", body = ApiView), (status = CONFLICT, description = "`conflict`: the API already belongs there (field `team`).", body = ApiError)))]
async fn move_to(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<NewApiOwnerRequest>,
) -> Result<Json<ApiView>, AppError> {
    let issuer = state.config.issuer();
    let to = match &request.team {
        Some(slug) => ApiDestination::Team(slug),
        None => ApiDestination::Person {
            user_id: &user.user.id,
        },
    };
    transfer::transfer(&change(&state, &user, &issuer), acting(&user), &id, to).await?;
    Ok(Json(visible_api(&state, &user, &id).await?))
}
