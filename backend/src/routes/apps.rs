//! `/api/v1/apps`: register, list, read, edit and delete OAuth apps, their icons, and (for
//! administrators) disabling an app.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use shared::api::{
    ApiError, AppDetail, AppDraft, AppSummary, CreatedApp, NewOwnerRequest, Page,
    SetDisabledRequest,
};
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;

use crate::apps::access::app_seen_by;
use crate::apps::change::Change;
use crate::apps::transfer::{self, Destination};
use crate::apps::{icons, lifecycle, registration, views};
use crate::auth::{CurrentUser, RecentlyAuthenticated};
use crate::client_address::ClientAddress;
use crate::error::AppError;
use crate::routes::app_access::{ChangedApp, SeenApp};
use crate::routes::json::ApiJson;
use crate::routes::openapi::AppPath;
use crate::routes::url_parts::{ApiPath, ApiQuery};
use crate::state::AppState;
use crate::store::apps::{AppCursor, AppListQuery, Listed};
use crate::teams::{self, acting};

pub const DEFAULT_PAGE_SIZE: u32 = shared::api::APPS_PAGE_SIZE;
pub const MAX_PAGE_SIZE: u32 = 100;

pub fn router() -> OpenApiRouter<AppState> {
    super::documented!(list, create; detail, update, delete; icon; set_disabled; move_to)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ListParams {
    /// Part of the app name to look for.
    q: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Apps per page, 1 to 100 (20 by default; others are brought within).
    limit: Option<u32>,
    /// `me`: only the person's own apps, not their teams'; `all`: every user's apps
    /// (administrators only). Without it (and `team`), the person's own and their teams'.
    owner: Option<String>,
    /// One team's apps (by slug).
    team: Option<String>,
}

/// The apps the person may see, newest first, a page at a time.
#[utoipa::path(get, path = "/apps", tag = "apps", operation_id = "list_apps",
    params(ListParams), security(("session" = [])),
    responses((status = OK, description = "One page of apps.", body = Page<AppSummary>), (status = FORBIDDEN, description = "`forbidden`: `owner=all` asked by someone not an administrator.", body = ApiError), (status = NOT_FOUND, description = "`not_found`: `team` names no team of the person's.", body = ApiError)))]
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Json<Page<AppSummary>>, AppError> {
    let team = match params.team {
        None => None,
        Some(slug) => Some(super::teams::seen_team(&state, &user, slug).await?.team),
    };
    let whose = match params.owner.as_deref() {
        None => Listed::SeenBy(&user.user.id),
        Some("me") => Listed::Person(&user.user.id),
        Some("all") if user.is_admin() => Listed::Everyone,
        Some("all") => {
            return Err(AppError::Forbidden(
                "Only administrators can list every app.",
            ))
        }
        Some(_) => return Err(AppError::BadRequest("`owner` is `me` or `all`.".into())),
    };
    let limit = params
        .limit
        .unwrap_or(DEFAULT_PAGE_SIZE)
        .clamp(1, MAX_PAGE_SIZE);
    let after = params.cursor.as_deref().map(decode_cursor).transpose()?;
    let search = params.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let query = AppListQuery {
        listed: match &team {
            Some(team) => Listed::Team(&team.id),
            None => whose,
        },
        name_contains: search,
        after,
        limit: limit + 1,
    };
    let (mut rows, count) = state.store.list_apps(&query).await?;
    let next_cursor = if rows.len() > limit as usize {
        rows.truncate(limit as usize);
        rows.last()
            .map(|last| crate::cursor::encode(last.created_at, &last.client_id))
    } else {
        None
    };
    let items = rows.iter().map(views::summary_of).collect();
    Ok(Json(Page {
        items,
        next_cursor,
        total: count.counted,
        more_than_total: count.more,
    }))
}

/// The first page of "My apps" as the console asks for it on arrival (no search, everything the
/// person may see), for the page the console's `index.html` carries (`first_screen`).
pub(crate) async fn first_page(
    state: &AppState,
    user: CurrentUser,
) -> Result<Page<AppSummary>, AppError> {
    let params = ListParams {
        q: None,
        cursor: None,
        limit: Some(DEFAULT_PAGE_SIZE),
        owner: None,
        team: None,
    };
    let Json(page) = list(State(state.clone()), user, ApiQuery(params)).await?;
    Ok(page)
}

/// Registers an app for the person, or for one of their teams (`team`).
#[utoipa::path(post, path = "/apps", tag = "apps", operation_id = "create_app",
    request_body = AppDraft, security(("session" = [], "csrf" = [])),
    responses((status = CREATED, description = "The app and, for a confidential app, its first secret (shown this once).", body = CreatedApp)))]
async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    address: ClientAddress,
    ApiJson(draft): ApiJson<AppDraft>,
) -> Result<(StatusCode, Json<CreatedApp>), AppError> {
    let settings = draft.validate().map_err(AppError::Validation)?;
    let team = teams::registering_into(&state.store, acting(&user), draft.team.as_ref()).await?;
    let change = Change::by_user(&state, &user, &address);
    let team_id = team.as_ref().map(|team| team.id.as_str());
    let created = registration::register(&change, &user.user.id, team_id, &settings).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// One app the person may see (`may_change` says whether they may change it).
#[utoipa::path(get, path = "/apps/{client_id}", tag = "apps", operation_id = "get_app",
    params(AppPath), security(("session" = [])),
    responses((status = OK, description = "The app.", body = AppDetail)))]
async fn detail(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(client_id): ApiPath<String>,
) -> Result<Json<AppDetail>, AppError> {
    let (app, may_change) = app_seen_by(&state, &user, &client_id).await?;
    Ok(Json(views::seen_by(&app, may_change)))
}

/// Changes an app's settings (its owner stays: see `PUT …/owner`). Changing the redirect URIs
/// or allowed origins needs a recent authentication (sudo mode).
#[utoipa::path(put, path = "/apps/{client_id}", tag = "apps", operation_id = "update_app",
    params(AppPath), request_body = AppDraft, security(("session" = [], "csrf" = [])),
    responses((status = OK, description = "The app as saved.", body = AppDetail), (status = FORBIDDEN, description = "`reauthentication_required`: the redirect URIs or allowed origins change and this session's password was entered too long ago (`POST /session/reauthenticate` first; other settings need no fresh password); `forbidden`: the person's role sees the app but changes nothing, or the request lacks its CSRF token.", body = ApiError)))]
async fn update(
    changed: ChangedApp,
    ApiJson(draft): ApiJson<AppDraft>,
) -> Result<Json<AppDetail>, AppError> {
    if draft.team.is_some() && draft.team.as_ref() != changed.app.owner.team_slug() {
        return Err(AppError::field(
            "team",
            "An edit keeps the app's owner; moving an app to another team is not an edit.",
        ));
    }
    let settings = draft.validate().map_err(AppError::Validation)?;
    let detail = lifecycle::update(&changed.change(), &changed.app, &settings).await?;
    Ok(Json(detail))
}

/// Deletes an app with its secrets, tokens and consents.
#[utoipa::path(delete, path = "/apps/{client_id}", tag = "apps", operation_id = "delete_app",
    params(AppPath), security(("session" = [], "csrf" = [])),
    responses((status = NO_CONTENT, description = "Deleted."), (status = FORBIDDEN, description = "`reauthentication_required`: this session's password was entered too long ago (`POST /session/reauthenticate` first); `forbidden`: the request lacks its CSRF token, or the person's role changes nothing.", body = ApiError)))]
async fn delete(changed: ChangedApp<RecentlyAuthenticated>) -> Result<StatusCode, AppError> {
    lifecycle::delete(&changed.change(), &changed.app).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Disables or enables an app (administrators): a disabled app gets no tokens.
#[utoipa::path(put, path = "/apps/{client_id}/disabled", tag = "admin", operation_id = "set_app_disabled",
    params(AppPath), request_body = SetDisabledRequest, security(("session" = [], "csrf" = [])),
    responses((status = OK, description = "The app as saved.", body = AppDetail)))]
async fn set_disabled(
    seen: SeenApp,
    ApiJson(request): ApiJson<SetDisabledRequest>,
) -> Result<Json<AppDetail>, AppError> {
    if !seen.user.is_admin() {
        return Err(AppError::Forbidden(
            "Only administrators can disable or enable an app.",
        ));
    }
    let client_id = &seen.app.client_id;
    let detail = lifecycle::set_disabled(&seen.change(), client_id, request.disabled).await?;
    Ok(Json(detail))
}

/// Moves the app into a team, or to the person asking: they must be allowed to change it
/// where it is, and to register apps where it goes.
#[utoipa::path(put, path = "/apps/{client_id}/owner", tag = "apps", operation_id = "move_app",
    params(AppPath), request_body = NewOwnerRequest, security(("session" = [], "csrf" = [])),
    responses((status = OK, description = "The app, moved.", body = AppDetail), (status = CONFLICT, description = "`conflict`: the app already belongs there (field `team`).", body = ApiError)))]
async fn move_to(
    changed: ChangedApp,
    ApiJson(request): ApiJson<NewOwnerRequest>,
) -> Result<Json<AppDetail>, AppError> {
    let (store, user) = (&changed.state.store, &changed.user);
    let team = teams::registering_into(store, acting(user), request.team.as_ref()).await?;
    let to = match &team {
        Some(team) => Destination::team(&changed.app, team),
        None => Destination::person(&user.user.id, &user.user.email),
    };
    Ok(Json(
        transfer::transfer(&changed.change(), &changed.app, to).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct IconParams {
    /// Pixels: 32 or less gives the 32 px icon, anything else the 64 px one.
    size: Option<u32>,
    /// The icon's version, from the app's `icon_url`: a changed icon has a new URL.
    #[allow(dead_code)]
    v: Option<String>,
}

/// An app's icon as PNG. Public: the consent screen shows it to people who do not own the app.
#[utoipa::path(get, path = "/apps/{client_id}/icon", tag = "apps", operation_id = "app_icon",
    params(AppPath, IconParams),
    responses((status = OK, description = "The icon.", content_type = "image/png", body = Vec<u8>), (status = NOT_FOUND, description = "`not_found`: no such app, or it has no icon.", body = ApiError)))]
async fn icon(
    State(state): State<AppState>,
    ApiPath(client_id): ApiPath<String>,
    ApiQuery(params): ApiQuery<IconParams>,
) -> Result<Response, AppError> {
    let icon = state
        .store
        .app_icon(&client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Only PNG is ever served (apps/icons.rs); anything else stored is not an icon we made.
    if icon.content_type != icons::CONTENT_TYPE {
        return Err(AppError::NotFound);
    }
    let bytes = if params.size.unwrap_or(icons::LARGE) <= icons::SMALL {
        icon.small
    } else {
        icon.large
    };
    let headers = [
        (header::CONTENT_TYPE, icons::CONTENT_TYPE),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        // Pixels need nothing; should the URL ever be opened as a document, it may do nothing.
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox",
        ),
        // The URL carries the icon's version, so a changed icon has a new URL.
        (header::CACHE_CONTROL, "public, max-age=86400"),
    ];
    Ok((headers, bytes).into_response())
}

fn decode_cursor(cursor: &str) -> Result<AppCursor, AppError> {
    let (created_at, client_id) = crate::cursor::decode(cursor).ok_or_else(|| {
        AppError::BadRequest("The page cursor is not valid; start from the first page.".into())
    })?;
    Ok(AppCursor {
        created_at,
        client_id,
    })
}
