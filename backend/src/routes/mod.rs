//! HTTP routes, one module per resource, each returning its own `Router`.

pub mod accounts;
pub mod apps;
pub mod connections;
pub mod console;
pub mod health;
pub mod json;
pub mod resources;
pub mod secrets;
pub mod server_info;
pub mod session;

use axum::extract::DefaultBodyLimit;
use axum::{middleware, Router};

use crate::error::AppError;
use crate::state::AppState;

/// Bodies above this are refused with 413 (an icon of 1 MiB is about 1.4 MiB in base64).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// The console JSON API, mounted under `/api/v1`.
pub fn api_router(state: AppState) -> Router<AppState> {
    Router::new()
        .merge(server_info::router())
        .merge(accounts::router())
        .merge(session::router())
        .merge(apps::router())
        .merge(secrets::router())
        .merge(connections::router())
        .merge(resources::router())
        .fallback(api_not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(
            state,
            crate::auth::origin_check::same_origin_only,
        ))
}

async fn api_not_found() -> AppError {
    AppError::NotFound
}
