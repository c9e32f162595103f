//! The administrator's policy: every developer must have a second factor. Kept in
//! `server_settings`, set from the console (`/admin`) or the command line. A developer without
//! one who signs in under it gets a setup-only session (`auth::sessions::start`); lifting it
//! frees those sessions at once.

use crate::store::{Store, StoreError};

pub async fn required(store: &Store) -> Result<bool, StoreError> {
    store.second_factor_required().await
}

pub async fn set_required(store: &Store, required: bool, by: &str) -> Result<(), StoreError> {
    store.set_second_factor_required(required).await?;
    tracing::info!(required, by, "second-factor policy changed");
    Ok(())
}

/// Whether a session starting now for `user_id` may only set up a second factor.
pub async fn setup_only(store: &Store, user_id: &str) -> Result<bool, StoreError> {
    Ok(required(store).await? && super::enrolled_factors(store, user_id).await?.is_empty())
}
