//! The signed-in person's passkeys: listing, renaming and removing them. A passkey of someone
//! else's is answered as one that does not exist.

use shared::api::{AccountEvent, PasskeyView};
use shared::passkey::PasskeyName;

use super::PasskeyError;
use crate::accounts::audit;
use crate::auth::CurrentUser;
use crate::client_address::ClientAddress;
use crate::state::AppState;
use crate::store::passkeys::PasskeyRow;

/// The person's passkeys, oldest first.
pub async fn list(state: &AppState, user: &CurrentUser) -> Result<Vec<PasskeyView>, PasskeyError> {
    let rows = state.store.passkeys_of(&user.user.id).await?;
    rows.into_iter().map(view).collect()
}

/// Gives the person's passkey `id` a new name.
pub async fn rename(
    state: &AppState,
    user: &CurrentUser,
    address: &ClientAddress,
    id: &str,
    name: &PasskeyName,
) -> Result<PasskeyView, PasskeyError> {
    let before = state
        .store
        .passkeys_of(&user.user.id)
        .await?
        .into_iter()
        .find(|row| row.id == id)
        .ok_or(PasskeyError::NotFound)?;
    let row = state
        .store
        .rename_passkey(&user.user.id, id, name.as_str())
        .await?
        .ok_or(PasskeyError::NotFound)?;
    let event = AccountEvent::PasskeyRenamed {
        passkey: id.to_owned(),
        from: before.name,
        to: name.to_string(),
    };
    let now = state.now();
    audit::record_own(&state.store, user, address, now, event).await?;
    view(row)
}

/// Removes the person's passkey `id`: it signs no one in any more.
pub async fn remove(
    state: &AppState,
    user: &CurrentUser,
    address: &ClientAddress,
    id: &str,
) -> Result<(), PasskeyError> {
    let name = state
        .store
        .delete_passkey(&user.user.id, id)
        .await?
        .ok_or(PasskeyError::NotFound)?;
    let event = AccountEvent::PasskeyRemoved {
        passkey: id.to_owned(),
        name,
    };
    let now = state.now();
    audit::record_own(&state.store, user, address, now, event).await?;
    tracing::info!(user = %user.user.id, passkey = %id, "passkey removed");
    Ok(())
}

fn view(row: PasskeyRow) -> Result<PasskeyView, PasskeyError> {
    Ok(PasskeyView {
        name: PasskeyName::try_from(row.name)
            .map_err(|err| anyhow::anyhow!("a stored passkey name breaks the rule: {err}"))?,
        id: row.id,
        created_at: row.created_at,
        last_used_at: row.last_used_at,
    })
}
