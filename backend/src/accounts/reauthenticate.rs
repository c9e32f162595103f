//! Sudo mode's other half: the person proves who they are again in this session, which lets
//! it do sensitive actions for `--sudo-minutes` more (`auth::sudo`). The password goes through
//! the one sign-in check (`password::confirm`), so it is throttled like a sign-in; success
//! refreshes only this session's time and is recorded in the account's log.

use shared::api::{AccountEvent, ReauthenticateRequest, ReauthenticatedWith};

use super::{audit, password, AccountError};
use crate::audit::Actor;
use crate::auth::CurrentUser;
use crate::client_address::ClientAddress;
use crate::state::AppState;

pub async fn reauthenticate(
    state: &AppState,
    user: &CurrentUser,
    address: &ClientAddress,
    request: &ReauthenticateRequest,
) -> Result<(), AccountError> {
    let with = match request {
        ReauthenticateRequest::Password { password } => {
            password::confirm(state, user, address, password).await?;
            ReauthenticatedWith::Password
        }
    };
    let now = state.now();
    if !state.store.reauthenticated(&user.session_hash, now).await? {
        // Signed out elsewhere between the check and now: nothing to refresh.
        return Err(AccountError::NotFound);
    }
    let event = AccountEvent::Reauthenticated { with };
    audit::record(
        &state.store,
        &user.user.id,
        &Actor::user(user, address),
        now,
        event,
    )
    .await?;
    tracing::info!(user = %user.user.id, session = %user.session_id, "re-authenticated");
    Ok(())
}
