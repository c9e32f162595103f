//! "Connected apps": the apps the signed-in person authorized, and taking that back.

use shared::api::Connection;

use super::{delete, get, segment, ApiFailure};

pub async fn connections() -> Result<Vec<Connection>, ApiFailure> {
    get("/connections").await
}

/// Removes the person's consent and every token the app holds for them.
pub async fn revoke_connection(client_id: &str) -> Result<(), ApiFailure> {
    delete(&format!("/connections/{}", segment(client_id))).await
}
