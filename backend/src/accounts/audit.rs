//! Writing an account's own log (`account_audit`), and reading it a page at a time. Callers pass a `shared::api::AccountEvent`,
//! whose variants cannot carry a password or a link.

use shared::api::{AccountEvent, AccountLogEntry, AccountLogPage};

use super::{user_agent, AccountError};
use crate::audit::{record_in, Actor};
use crate::auth::CurrentUser;
use crate::client_address::ClientAddress;
use crate::cursor;
use crate::store::audit::{AuditCursor, Log};
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

/// Entries per page of the account's log, at most (and by default).
pub const PAGE_SIZE: i64 = 50;

/// A page of the person's own log, newest first, older than `before` (a `next_cursor` the
/// previous page gave); a cursor that is not one of ours is `None` (the caller refuses it).
pub async fn page(
    store: &Store,
    user_id: &str,
    before: Option<&str>,
    limit: i64,
) -> Result<Option<AccountLogPage>, AccountError> {
    let before = match before {
        None => None,
        Some(text) => match cursor::decode(text) {
            Some((at, id)) => Some(AuditCursor { at, id }),
            None => return Ok(None),
        },
    };
    let limit = limit.clamp(1, PAGE_SIZE);
    let mut rows = store
        .account_audit_page(user_id, before.as_ref(), limit + 1)
        .await?;
    let next_cursor = if rows.len() > limit as usize {
        rows.truncate(limit as usize);
        rows.last()
            .map(|last| cursor::encode(last.entry.at, &last.entry.id))
    } else {
        None
    };
    let items = rows
        .into_iter()
        .map(|row| {
            Ok(AccountLogEntry {
                event: serde_json::from_str(&row.entry.event)?,
                browser: row.user_agent.as_deref().map(user_agent::label),
                id: row.entry.id,
                at: row.entry.at,
                actor_email: row.entry.actor_email,
                address: row.entry.ip,
            })
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(Some(AccountLogPage { items, next_cursor }))
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
