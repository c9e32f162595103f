//! `/api/v1/initial-access-tokens` (administrators): minting the tokens clients present to
//! register themselves when `CLIENTELE_DYNAMIC_REGISTRATION=token` (RFC 7591 section 3).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use shared::field_errors::FieldErrors;

use crate::auth::CurrentUser;
use crate::crypto::{new_token, token_hash};
use crate::error::AppError;
use crate::oauth::registration::INITIAL_ACCESS_TOKEN_PREFIX;
use crate::routes::json::ApiJson;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/initial-access-tokens", post(mint))
}

#[derive(Debug, Deserialize)]
struct MintRequest {
    /// Registrations it allows, 1 to 1000.
    uses: i64,
    /// Days it stays valid, 1 to 90.
    days: i64,
}

#[derive(Debug, Serialize)]
struct Minted {
    /// Shown once; stored as a hash.
    token: String,
    uses: i64,
    expires_at: i64,
}

async fn mint(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(request): ApiJson<MintRequest>,
) -> Result<(StatusCode, Json<Minted>), AppError> {
    if !user.is_admin() {
        return Err(AppError::Forbidden(
            "Only administrators can mint initial access tokens.",
        ));
    }
    let mut fields = FieldErrors::new();
    if !(1..=1000).contains(&request.uses) {
        fields.insert(
            "uses".into(),
            "Allow between 1 and 1,000 registrations.".into(),
        );
    }
    if !(1..=90).contains(&request.days) {
        fields.insert("days".into(), "Choose between 1 and 90 days.".into());
    }
    if !fields.is_empty() {
        return Err(AppError::Validation(fields));
    }
    let token = new_token(INITIAL_ACCESS_TOKEN_PREFIX);
    let now = state.now();
    let expires_at = now + request.days * 86_400;
    state
        .store
        .insert_initial_access_token(
            &token_hash(&token),
            &user.user.id,
            request.uses,
            now,
            expires_at,
        )
        .await?;
    tracing::info!(by = %user.user.email, uses = request.uses, "initial access token minted");
    Ok((
        StatusCode::CREATED,
        Json(Minted {
            token,
            uses: request.uses,
            expires_at,
        }),
    ))
}
