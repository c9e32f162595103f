//! Who may see and change an app: its owner, and administrators. Everyone else gets the same
//! 404 as for an app that does not exist, so client ids cannot be probed.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::apps::AppRow;

pub async fn visible_app(
    state: &AppState,
    user: &CurrentUser,
    client_id: &str,
) -> Result<AppRow, AppError> {
    let app = state
        .store
        .app(client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if app.owner_id == user.user.id || user.is_admin() {
        Ok(app)
    } else {
        Err(AppError::NotFound)
    }
}
