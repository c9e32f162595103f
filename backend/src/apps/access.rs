//! Who may see and change an app: its owner (a person, or a team's members by role, see
//! `teams::access`), and administrators. Everyone else gets the same 404 as for an app that
//! does not exist, so client ids cannot be probed.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::apps::AppRow;
use crate::teams::access::{check_one, Need, Refused};

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

/// The app, if `user` may see it, and whether they may also change it (a team's viewer may
/// not): the same rule, asked for both.
pub async fn app_seen_by(
    state: &AppState,
    user: &CurrentUser,
    client_id: &str,
) -> Result<(AppRow, bool), AppError> {
    let app = app_for(state, user, client_id, Need::Read).await?;
    let may_change = match check_one(
        &state.store,
        &app.owner,
        &user.user.id,
        user.is_admin(),
        Need::ReadWrite,
    )
    .await
    {
        Ok(()) => true,
        Err(Refused::ReadOnly) => false,
        Err(other) => return Err(other.into()),
    };
    Ok((app, may_change))
}
