//! `GET /metrics`. Metrics tell how busy the server is, which apps fail and how many sign-ins are
//! refused, so they are not public by default:
//! - `--metrics-address`: served there, on a listener of its own (a private interface, a
//!   sidecar's loopback), and the main listener answers 404;
//! - `--metrics-token`: a scrape must send `Authorization: Bearer TOKEN` (RFC 6750 section 2.1),
//!   else 401; with no `--metrics-address`, the main listener serves it that way;
//! - neither: not served at all (404).

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use prometheus_client::encoding::prometheus_text::CONTENT_TYPE;

use crate::state::AppState;

const PATH: &str = "/metrics";

/// The main listener's `/metrics`: the metrics when only a token is configured, else 404 (a
/// route of its own, so the console's fallback does not answer it with its page).
pub fn main_listener_router() -> Router<AppState> {
    Router::new().route(PATH, get(on_main_listener))
}

/// Everything the `--metrics-address` listener serves: `/metrics`, and 404 for any other path.
pub fn listener_router(state: AppState) -> Router {
    Router::new().route(PATH, get(scrape)).with_state(state)
}

async fn on_main_listener(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let settings = &state.config.metrics;
    if settings.address.is_none() && settings.token.is_some() {
        scrape(State(state), headers).await
    } else {
        StatusCode::NOT_FOUND.into_response()
    }
}

async fn scrape(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(token) = &state.config.metrics.token {
        if !bearer_of(&headers).is_some_and(|presented| token.admits(presented)) {
            return (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer realm=\"metrics\"")],
            )
                .into_response();
        }
    }
    match state.metrics.encode(&state.store) {
        Ok(text) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE)),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
            text,
        )
            .into_response(),
        Err(err) => {
            tracing::error!(error = %err, "encoding the metrics failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The token of an `Authorization: Bearer …` header; the scheme is case-insensitive (RFC 9110
/// section 11.1).
fn bearer_of(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim_start_matches(' '))
}
