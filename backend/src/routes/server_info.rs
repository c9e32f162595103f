//! `GET /api/v1/server`: the server's name, version and issuer, shown by the console.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use shared::api::ServerInfo;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/server", get(server_info))
}

async fn server_info(State(state): State<AppState>) -> Json<ServerInfo> {
    Json(ServerInfo {
        name: "Clientele".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        issuer: state.config.issuer(),
        password_reset_by_mail: state.mailer.is_some(),
    })
}
