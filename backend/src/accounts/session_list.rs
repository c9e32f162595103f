//! The signed-in person's console sessions: listing them and ending them. Sessions are named
//! by their public id; a session of someone else's is answered as one that does not exist.

use shared::api::SessionView;

use super::{user_agent, AccountError};
use crate::auth::CurrentUser;
use crate::state::AppState;

/// The person's live sessions, most recently seen first, the asking one marked.
pub async fn list(state: &AppState, user: &CurrentUser) -> Result<Vec<SessionView>, AccountError> {
    let rows = state.store.sessions_of(&user.user.id, state.now()).await?;
    Ok(rows
        .into_iter()
        .map(|row| SessionView {
            current: row.token_hash == user.session_hash,
            browser: user_agent::label(&row.user_agent),
            id: row.id,
            address: row.address,
            created_at: row.created_at,
            last_seen_at: row.last_seen_at,
        })
        .collect())
}

/// Ends the person's session `id` (their own current one too: that is signing out).
pub async fn end(state: &AppState, user: &CurrentUser, id: &str) -> Result<(), AccountError> {
    if state.store.end_session_of(&user.user.id, id).await? {
        tracing::info!(user = %user.user.id, session = %id, "session ended by its person");
        Ok(())
    } else {
        Err(AccountError::NotFound)
    }
}

/// Ends every session of the person but the asking one; how many ended.
pub async fn end_others(state: &AppState, user: &CurrentUser) -> Result<u64, AccountError> {
    let ended = state
        .store
        .end_other_sessions(&user.user.id, &user.session_hash)
        .await?;
    tracing::info!(user = %user.user.id, ended, "other sessions ended by their person");
    Ok(ended)
}
