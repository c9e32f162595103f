//! Refuses state-changing console API requests sent from another site. Browsers send `Origin`
//! on every cross-origin and every non-GET request (Fetch standard), and `Sec-Fetch-Site`
//! where supported; requests without either come from non-browser clients, which cannot ride
//! a user's cookies anyway.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::current_user::is_safe;
use crate::error::AppError;
use crate::state::AppState;

pub async fn same_origin_only(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if !is_safe(request.method())
        && !carries_bearer_token(&request)
        && !is_same_origin(&state, &request)
    {
        return AppError::Forbidden("Cross-site requests to the console API are refused.")
            .into_response();
    }
    next.run(request).await
}

/// Requests with an OAuth access token do not ride on cookies, so CSRF does not apply: the
/// resource API is meant to be called by apps, from their own origins too.
fn carries_bearer_token(request: &Request) -> bool {
    request
        .headers()
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.len() > 7 && value[..7].eq_ignore_ascii_case("bearer "))
}

fn is_same_origin(state: &AppState, request: &Request) -> bool {
    let headers = request.headers();
    if let Some(origin) = headers.get("origin").and_then(|value| value.to_str().ok()) {
        return origin == state.config.public_url.origin().ascii_serialization();
    }
    match headers
        .get("sec-fetch-site")
        .and_then(|value| value.to_str().ok())
    {
        Some(site) => site == "same-origin" || site == "none",
        None => true,
    }
}
