//! `POST /api/v1/accounts`: sign up. The new account is signed in at once.

use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::Json;
use axum_extra::extract::CookieJar;
use shared::api::{ApiError, SessionInfo, SignUpRequest};

use crate::accounts::{self, CreateAccountError, NewAccount};
use crate::auth::sessions::{self, Arrival};
use crate::client_address::ClientAddress;
use crate::error::AppError;
use crate::password_strength;
use crate::routes::json::ApiJson;
use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;

pub fn router() -> OpenApiRouter<AppState> {
    super::documented!(sign_up).layer(DefaultBodyLimit::max(super::SMALL_BODY_BYTES))
}

/// Sign up: creates an account and signs it in (the session cookie is set).
#[utoipa::path(post, path = "/accounts", tag = "session", operation_id = "sign_up",
    request_body = SignUpRequest,
    responses((status = CREATED, description = "Signed up and signed in; `Set-Cookie` carries the session.", body = SessionInfo), (status = CONFLICT, description = "`conflict`: an account with this email exists (field `email`).", body = ApiError), (status = TOO_MANY_REQUESTS, description = "`rate_limited`: too many sign-ups from this address.", body = ApiError), (status = SERVICE_UNAVAILABLE, description = "`busy`: every password hashing slot stayed busy.", body = ApiError)))]
async fn sign_up(
    State(state): State<AppState>,
    address: ClientAddress,
    arrival: Arrival,
    jar: CookieJar,
    ApiJson(request): ApiJson<SignUpRequest>,
) -> Result<(StatusCode, CookieJar, Json<SessionInfo>), AppError> {
    // Counted before anything else, so parallel attempts cannot outrun the count; see
    // auth/sign_up_limiter.rs for why the "already exists" answer is kept.
    state
        .sign_up_limiter
        .attempt(&address.0, state.now())
        .map_err(|retry_after_seconds| AppError::RateLimited {
            retry_after_seconds,
        })?;
    if let Err(message) =
        password_strength::check(&request.password, &request.email, &request.display_name)
    {
        return Err(AppError::field("password", message));
    }
    let account = NewAccount {
        email: &request.email,
        display_name: &request.display_name,
        password: &request.password,
        is_admin: false,
    };
    let user = match accounts::create(&state.store, &state.passwords, account, state.now()).await {
        Ok(user) => user,
        Err(CreateAccountError::EmailTaken) => {
            return Err(AppError::Conflict {
                field: Some("email"),
                message: "An account with this email already exists. Sign in instead.".into(),
            })
        }
        Err(CreateAccountError::Busy) => return Err(AppError::Busy),
        Err(CreateAccountError::Internal(err)) => return Err(AppError::Internal(err)),
    };
    let (jar, info) = sessions::start(&state, jar, user, &arrival).await?;
    Ok((StatusCode::CREATED, jar, Json(info)))
}
