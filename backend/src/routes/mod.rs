//! HTTP routes, one module per resource, each returning its own `Router`.

pub mod account;
pub mod accounts;
pub mod apis;
pub mod app_access;
pub mod apps;
pub mod audit_export;
pub mod client_documents;
pub mod connections;
pub mod console;
pub mod demo_api;
pub mod first_screen;
pub mod health;
pub mod invitations;
pub mod json;
pub mod openapi;
pub mod passkeys;
pub mod registrations;
pub mod secrets;
pub mod server_info;
pub mod session;
pub mod teams;
pub mod two_factor;
pub mod url_parts;

use axum::extract::DefaultBodyLimit;
use axum::{middleware, Router};
use utoipa_axum::router::OpenApiRouter;

use crate::error::AppError;
use crate::state::AppState;

/// `documented!(a, b; c)`: an `OpenApiRouter` with `routes!(a, b)` and `routes!(c)`, each
/// route added with its handler's `#[utoipa::path]` (the handlers of one path share a
/// `routes!`), so every console route is in the OpenAPI document (`openapi.rs`).
macro_rules! documented {
    ($($($handler:ident),+);+ $(;)?) => {
        utoipa_axum::router::OpenApiRouter::new()
            $(.routes(utoipa_axum::routes!($($handler),+)))+
    };
}
pub(crate) use documented;

/// Bodies above this are refused with 413 (an icon of 1 MiB is about 1.4 MiB in base64).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
/// Bodies of sign-in and sign-up: an email, a name and a password fit many times over, and
/// nothing an attacker sends there is held in memory beyond this.
pub const SMALL_BODY_BYTES: usize = 16 * 1024;

/// The console JSON API: every route is registered with `documented!`, so the router and the
/// OpenAPI document (`openapi.rs`) are one list.
pub fn console_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(server_info::router())
        .merge(accounts::router())
        .merge(account::router())
        .merge(two_factor::router())
        .merge(session::router())
        .merge(passkeys::router())
        .merge(apps::router())
        .merge(apis::router())
        .merge(registrations::router())
        .merge(audit_export::router())
        .merge(client_documents::router())
        .merge(secrets::router())
        .merge(connections::router())
        .merge(teams::router())
        .merge(invitations::router())
        .merge(openapi::router())
}

/// The console JSON API and the demo resource API, mounted under `/api/v1`.
pub fn api_router(state: AppState) -> Router<AppState> {
    // The console's routes ride on the session cookie, so they refuse requests from other
    // sites; the resource API takes bearer tokens from apps on any origin, so it does not.
    let demo_api = demo_api::router(state.clone());
    let (console, _) = console_routes().split_for_parts();
    let console = console.layer(middleware::from_fn_with_state(
        state,
        crate::auth::origin_check::same_origin_only,
    ));
    Router::new()
        .merge(console)
        .merge(demo_api)
        .fallback(api_not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
}

async fn api_not_found() -> AppError {
    AppError::NotFound
}
