//! The built-in API's visibility, which an administrator changes (console and command line):
//! `anyone` by default, so clients that registered themselves (RFC 7591) may ask for its
//! scopes; `developers` keeps it to developers' apps; `private` closes it to every app (it
//! belongs to no developer). Persisted in `server_settings`; the catalogue reads it.

use shared::registered_api::ApiVisibility;

use super::catalogue::BUILT_IN_DEFAULT_VISIBILITY;
use super::ApiCache;
use crate::store::{Store, StoreError};

pub async fn visibility(store: &Store) -> Result<ApiVisibility, StoreError> {
    Ok(store
        .built_in_api_visibility()
        .await?
        .unwrap_or(BUILT_IN_DEFAULT_VISIBILITY))
}

/// Sets the built-in API's visibility. `cache` is this node's catalogue, dropped at once;
/// other nodes and a server beside the command line see the change within
/// `catalogue::MAX_AGE`. Tokens already issued keep their scopes until they expire, as when an
/// API's visibility narrows.
pub async fn set_visibility(
    store: &Store,
    cache: Option<&ApiCache>,
    visibility: ApiVisibility,
    by: &str,
) -> Result<(), StoreError> {
    store.set_built_in_api_visibility(visibility).await?;
    if let Some(cache) = cache {
        cache.invalidate();
    }
    tracing::info!(
        visibility = visibility.as_str(),
        by,
        "built-in API visibility changed"
    );
    Ok(())
}
