//! Registered APIs (resource servers) and their resources.

use std::collections::HashMap;

use shared::app::TokenFormat;
use shared::registered_api::{ApiIdentifier, ApiSettings, ApiVisibility};
use shared::scope::Resource;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::columns::{decoded, named};
use super::teams::Owner;
use super::{changed, Store, StoreError};

/// An API as stored, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiRow {
    pub id: String,
    /// Who owns it: this person, or a team.
    pub owner: Owner,
    /// The person who registered it (its owner unless a team owns it).
    pub owner_id: String,
    pub owner_email: String,
    pub name: String,
    pub description: String,
    pub identifier: ApiIdentifier,
    pub resources: Vec<Resource>,
    pub visibility: ApiVisibility,
    pub token_format: TokenFormat,
    /// Seconds.
    pub token_lifetime: i64,
    /// What its server introspects with, and the hash of the secret that goes with it.
    pub client_id: String,
    pub secret_hash: String,
    pub created_at: i64,
}

/// What creating an API writes.
pub struct NewApi<'a> {
    pub id: &'a str,
    pub owner_id: &'a str,
    pub team_id: Option<&'a str>,
    pub settings: &'a ApiSettings,
    pub client_id: &'a str,
    pub secret_hash: &'a str,
    pub created_at: i64,
}

const API_SQL: &str =
    "SELECT a.id, a.owner_id, u.email AS owner_email, a.name, a.description, a.identifier, \
     a.visibility, a.token_format, a.token_lifetime, a.client_id, a.secret_hash, a.created_at, \
     a.team_id, t.slug AS team_slug \
     FROM apis a JOIN users u ON u.id = a.owner_id LEFT JOIN teams t ON t.id = a.team_id \
     ORDER BY a.created_at, a.id";

impl Store {
    /// Creates an API and its resources in one transaction. `Conflict` when its identifier,
    /// client id or a resource name is taken (two developers racing for one name: one wins).
    pub async fn insert_api(&self, api: &NewApi<'_>) -> Result<(), StoreError> {
        let settings = api.settings;
        let mut tx = self.writer.begin().await?;
        let query = sqlx::query(
            "INSERT INTO apis (id, owner_id, name, description, identifier, visibility, token_format, \
             token_lifetime, client_id, secret_hash, created_at, team_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        );
        let query = bound!(
            query,
            api.id,
            api.owner_id,
            settings.name.as_str(),
            settings.description.as_str(),
            settings.identifier.as_str(),
            settings.visibility.as_str(),
            settings.token_format.as_str(),
            settings.token_lifetime.seconds(),
            api.client_id,
            api.secret_hash,
            api.created_at,
            api.team_id
        );
        changed(&mut tx, query).await?;
        for (position, resource) in settings.resources.iter().enumerate() {
            let query = sqlx::query(
                "INSERT INTO api_resources (name, api_id, position) VALUES ($1, $2, $3)",
            );
            let query = bound!(query, resource.as_str(), api.id, position as i64);
            changed(&mut tx, query).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Every registered API with its resources, oldest first.
    pub async fn apis(&self) -> Result<Vec<ApiRow>, StoreError> {
        let rows: Vec<ApiRow> = self.all(sqlx::query_as(API_SQL)).await?;
        let resource_rows =
            sqlx::query("SELECT name, api_id FROM api_resources ORDER BY api_id, position")
                .fetch_all(&self.pool)
                .await?;
        let mut resources: HashMap<String, Vec<Resource>> = HashMap::new();
        for row in resource_rows {
            let api_id: String = row.try_get("api_id")?;
            let name = decoded(&row, "name", |text| {
                Resource::try_from(text).map_err(|err| err.to_string())
            })?;
            resources.entry(api_id).or_default().push(name);
        }
        let mut apis = Vec::with_capacity(rows.len());
        for mut api in rows {
            api.resources = resources.remove(&api.id).unwrap_or_default();
            apis.push(api);
        }
        Ok(apis)
    }

    /// Gives an API another owner: the person `person` (with `team_id` `None`), or a team (the
    /// person who registered it stays on record). `false` when there is no such API.
    pub async fn set_api_owner(
        &self,
        id: &str,
        person: &str,
        team_id: Option<&str>,
    ) -> Result<bool, StoreError> {
        let query = sqlx::query("UPDATE apis SET owner_id = $2, team_id = $3 WHERE id = $1");
        Ok(self.write(bound!(query, id, person, team_id)).await? == 1)
    }

    /// Deletes an API, its resources, and revokes every token issued for it, so an API
    /// registered later with the same identifier cannot accept them. `false` when it did not
    /// exist.
    pub async fn delete_api(&self, id: &str, now: i64) -> Result<bool, StoreError> {
        let mut tx = self.writer.begin().await?;
        let query = bound!(sqlx::query("DELETE FROM apis WHERE id = $1"), id);
        if changed(&mut tx, query).await? != 1 {
            return Ok(false);
        }
        // Audiences are API ids separated by single spaces (see `Binding::to_column`); an id is
        // never reused, so this only tidies up what no API can accept any more.
        let query = sqlx::query(
            "UPDATE tokens SET revoked_at = $2 WHERE revoked_at IS NULL \
             AND (' ' || audience || ' ') LIKE ('% ' || $1 || ' %')",
        );
        changed(&mut tx, bound!(query, id, now)).await?;
        tx.commit().await?;
        Ok(true)
    }
}

/// By hand: the kinds decode from their wire names; `resources` come from their own table.
impl FromRow<'_, AnyRow> for ApiRow {
    fn from_row(row: &AnyRow) -> Result<ApiRow, sqlx::Error> {
        Ok(ApiRow {
            id: row.try_get("id")?,
            owner: Owner::from_row(row)?,
            owner_id: row.try_get("owner_id")?,
            owner_email: row.try_get("owner_email")?,
            name: row.try_get("name")?,
            description: row.try_get("description")?,
            identifier: decoded(row, "identifier", |text| {
                ApiIdentifier::try_from(text).map_err(|err| err.to_string())
            })?,
            resources: Vec::new(),
            visibility: decoded(row, "visibility", named)?,
            token_format: decoded(row, "token_format", named)?,
            token_lifetime: row.try_get("token_lifetime")?,
            client_id: row.try_get("client_id")?,
            secret_hash: row.try_get("secret_hash")?,
            created_at: row.try_get("created_at")?,
        })
    }
}
