//! `POST /api/v1/accounts`: sign up. The new account is signed in at once.

use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use axum_extra::extract::CookieJar;
use shared::api::{SessionInfo, SignUpRequest};

use crate::auth::sessions;
use crate::error::AppError;
use crate::ids;
use crate::routes::json::ApiJson;
use crate::state::AppState;
use crate::store::users::NewUser;
use crate::store::StoreError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/accounts", post(sign_up))
        .layer(DefaultBodyLimit::max(super::SMALL_BODY_BYTES))
}

async fn sign_up(
    State(state): State<AppState>,
    jar: CookieJar,
    ApiJson(request): ApiJson<SignUpRequest>,
) -> Result<(StatusCode, CookieJar, Json<SessionInfo>), AppError> {
    let password_hash = state
        .passwords
        .hash(request.password.expose().to_owned())
        .await?;
    let id = ids::new_id("usr");
    let inserted = state
        .store
        .insert_user(&NewUser {
            id: &id,
            email: request.email.as_str(),
            display_name: request.display_name.as_str(),
            password_hash: &password_hash,
            is_admin: false,
            created_at: state.now(),
        })
        .await;
    let user = match inserted {
        Ok(user) => user,
        Err(StoreError::Conflict) => {
            return Err(AppError::Conflict {
                field: Some("email"),
                message: "An account with this email already exists. Sign in instead.".into(),
            })
        }
        Err(err) => return Err(err.into()),
    };
    let (jar, info) = sessions::start(&state, jar, user).await?;
    Ok((StatusCode::CREATED, jar, Json(info)))
}
