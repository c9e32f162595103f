//! Writing an account's own log (`account_audit`). Callers pass a `shared::api::AccountEvent`,
//! whose variants cannot carry a password or a link.

use shared::api::AccountEvent;

use crate::audit::{record_in, Actor};
use crate::auth::CurrentUser;
use crate::client_address::ClientAddress;
use crate::store::audit::Log;
use crate::store::Store;

/// Records what `actor` did to the account `user_id`.
pub async fn record(
    store: &Store,
    user_id: &str,
    actor: &Actor,
    at: i64,
    event: AccountEvent,
) -> anyhow::Result<()> {
    record_in(store, Log::Account(user_id), at, actor, &event).await
}

/// Records what the signed-in person did to their own account, from `address`, at `at`.
pub async fn record_own(
    store: &Store,
    user: &CurrentUser,
    address: &ClientAddress,
    at: i64,
    event: AccountEvent,
) -> anyhow::Result<()> {
    record(store, &user.user.id, &Actor::user(user, address), at, event).await
}
