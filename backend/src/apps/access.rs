//! Who may see and change an app: its owner (a person, or a team's members by role, see
//! `teams::access`), and administrators. Everyone else gets the same 404 as for an app that
//! does not exist, so client ids cannot be probed.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::apps::AppRow;
use crate::teams::access::{check_one, Need};

/// The app, if `user` may do `need` to it.
pub async fn app_for(
    state: &AppState,
    user: &CurrentUser,
    client_id: &str,
    need: Need,
) -> Result<AppRow, AppError> {
    let app = state
        .store
        .app(client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    check_one(
        &state.store,
        &app.owner,
        &user.user.id,
        user.is_admin(),
        need,
    )
    .await?;
    Ok(app)
}
