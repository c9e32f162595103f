//! Settings administrators change while the server runs (`server_settings`), one row per name.

use shared::registered_api::ApiVisibility;

use super::columns::{decoded, named};
use super::{Store, StoreError};

const BUILT_IN_API_VISIBILITY: &str = "builtin_api_visibility";

impl Store {
    /// Whose apps may ask for the built-in API's scopes; `None` until an administrator chose
    /// (the catalogue's default applies then).
    pub async fn built_in_api_visibility(&self) -> Result<Option<ApiVisibility>, StoreError> {
        let row = sqlx::query("SELECT value FROM server_settings WHERE name = $1")
            .bind(BUILT_IN_API_VISIBILITY)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|row| decoded(&row, "value", named)).transpose()?)
    }

    pub async fn set_built_in_api_visibility(
        &self,
        visibility: ApiVisibility,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO server_settings (name, value) VALUES ($1, $2) \
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        )
        .bind(BUILT_IN_API_VISIBILITY)
        .bind(visibility.as_str())
        .execute(&self.writer)
        .await?;
        Ok(())
    }
}
