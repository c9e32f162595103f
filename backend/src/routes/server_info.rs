//! `GET /api/v1/server`: the server's name, version and issuer, shown by the console.

use axum::extract::State;
use axum::Json;
use shared::api::ServerInfo;
use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    super::documented!(server_info)
}

/// The server's name, version and issuer.
#[utoipa::path(get, path = "/server", tag = "server", operation_id = "server_info",
    responses((status = OK, description = "What the console shows about the server.", body = ServerInfo)))]
pub(crate) async fn server_info(State(state): State<AppState>) -> Json<ServerInfo> {
    Json(ServerInfo {
        name: "Clientele".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        issuer: state.config.issuer(),
        password_reset_by_mail: state.mailer.is_some(),
    })
}
