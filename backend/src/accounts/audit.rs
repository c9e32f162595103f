//! Writing an account's own log (`account_audit`). Callers pass a `shared::api::AccountEvent`,
//! whose variants cannot carry a password or a link.

use shared::api::AccountEvent;

use crate::audit::{record_in, Actor};
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
