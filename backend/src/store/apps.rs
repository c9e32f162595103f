//! Registered apps and their icons.

use sqlx::any::AnyRow;
use sqlx::{Any, FromRow, Row, Transaction};

use shared::api::AppSettings;
use shared::app::{ClientType, GrantType, IdTokenAlg, TokenFormat};
use shared::origin::AllowedOrigins;
use shared::redirect_uri::RedirectUris;
use shared::scope::ScopeSet;

use super::columns::{decoded, json, named, parsed, AppFields, Flag};
use super::secrets::{insert_secret, NewSecret};
use super::teams::Owner;
use super::{changed, AnyQuery, Store, StoreError};

/// An app as stored, its settings already decoded (`columns.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppRow {
    pub client_id: String,
    /// Who owns it: this person, or a team.
    pub owner: Owner,
    /// The person who registered it (its owner unless a team owns it), and their email.
    pub owner_id: String,
    pub owner_email: String,
    pub name: String,
    pub website: String,
    pub description: String,
    pub client_type: ClientType,
    pub redirect_uris: RedirectUris,
    pub allowed_origins: AllowedOrigins,
    pub scopes: ScopeSet,
    pub grant_types: Vec<GrantType>,
    pub privacy_policy_url: String,
    pub terms_url: String,
    pub token_format: TokenFormat,
    pub id_token_alg: IdTokenAlg,
    pub icon_version: Option<i64>,
    pub disabled: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

impl AppRow {
    pub fn has_grant(&self, grant: GrantType) -> bool {
        self.grant_types.contains(&grant)
    }
}

/// An icon as served: the same image at the two sizes the console and consent screen use.
#[derive(Debug, Clone, FromRow)]
pub struct IconImages {
    pub content_type: String,
    pub small: Vec<u8>,
    pub large: Vec<u8>,
}

/// Where a page of the app list starts: after the app with this creation time and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppCursor {
    pub created_at: i64,
    pub client_id: String,
}

/// Who a new app belongs to: the person registering it, and the team that owns it, if any.
#[derive(Debug, Clone, Copy)]
pub struct NewOwner<'a> {
    pub person: &'a str,
    pub team_id: Option<&'a str>,
}

/// Whose apps a list shows.
#[derive(Debug, Clone, Copy)]
pub enum Listed<'a> {
    /// Every app (administrators).
    Everyone,
    /// What this person may see: their own and those of their teams.
    SeenBy(&'a str),
    /// This person's own, not their teams'.
    Person(&'a str),
    /// One team's.
    Team(&'a str),
}

pub struct AppListQuery<'a> {
    pub listed: Listed<'a>,
    /// Case-insensitive substring of the name.
    pub name_contains: Option<&'a str>,
    pub after: Option<AppCursor>,
    pub limit: u32,
}

pub(super) const APP_COLUMNS: &str = "a.client_id, a.owner_id, u.email AS owner_email, a.name, a.website, a.description, \
     a.client_type, a.redirect_uris, a.allowed_origins, a.scopes, a.grant_types, a.privacy_policy_url, a.terms_url, \
     a.token_format, a.id_token_alg, a.icon_version, a.disabled, a.created_at, a.updated_at, \
     a.team_id, t.slug AS team_slug";

/// The tables `APP_COLUMNS` reads from.
pub(super) const APP_TABLES: &str =
    "apps a JOIN users u ON u.id = a.owner_id LEFT JOIN teams t ON t.id = a.team_id";

impl Store {
    /// Creates an app with its icon and first secret in one transaction.
    pub async fn insert_app(
        &self,
        client_id: &str,
        owner: NewOwner<'_>,
        settings: &AppSettings,
        icon: Option<&IconImages>,
        first_secret: Option<&NewSecret<'_>>,
        now: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.writer.begin().await?;
        let query = sqlx::query(
            "INSERT INTO apps (client_id, owner_id, name, website, description, client_type, redirect_uris, \
             allowed_origins, scopes, grant_types, privacy_policy_url, terms_url, token_format, id_token_alg, \
             icon_version, disabled, created_at, updated_at, team_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 0, $16, $16, $17)",
        );
        let fields = AppFields::of(settings);
        let query = bind_fields(bound!(query, client_id, owner.person), &fields);
        changed(
            &mut tx,
            bound!(query, icon.map(|_| now), now, owner.team_id),
        )
        .await?;
        if let Some(icon) = icon {
            put_icon(&mut tx, client_id, icon).await?;
        }
        if let Some(secret) = first_secret {
            insert_secret(&mut tx, secret).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn app(&self, client_id: &str) -> Result<Option<AppRow>, StoreError> {
        let sql = format!("SELECT {APP_COLUMNS} FROM {APP_TABLES} WHERE a.client_id = $1");
        self.optional(bound!(sqlx::query_as(&sql), client_id)).await
    }

    /// Replaces an app's settings; `icon` is `Some` to replace the icon, `None` to keep it.
    pub async fn update_app(
        &self,
        client_id: &str,
        settings: &AppSettings,
        icon: Option<&IconImages>,
        now: i64,
    ) -> Result<bool, StoreError> {
        let fields = AppFields::of(settings);
        let mut tx = self.writer.begin().await?;
        let query = sqlx::query(
            "UPDATE apps SET name = $2, website = $3, description = $4, client_type = $5, redirect_uris = $6, \
             allowed_origins = $7, scopes = $8, grant_types = $9, privacy_policy_url = $10, terms_url = $11, \
             token_format = $12, id_token_alg = $13, icon_version = COALESCE($14, icon_version), updated_at = $15 \
             WHERE client_id = $1",
        );
        let query = bind_fields(bound!(query, client_id), &fields);
        if changed(&mut tx, bound!(query, icon.map(|_| now), now)).await? == 0 {
            return Ok(false);
        }
        if let Some(icon) = icon {
            put_icon(&mut tx, client_id, icon).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Gives the app another owner. `false` when it no longer exists.
    /// The name and scopes of every app whose owner's id (`Owner::id`: a person's own apps, or
    /// a team's) is `owner_key`: which of them use a private API about to move.
    pub async fn scopes_of_owner_apps(
        &self,
        owner_key: &str,
    ) -> Result<Vec<(String, ScopeSet)>, StoreError> {
        let query = sqlx::query(
            "SELECT name, scopes FROM apps WHERE team_id = $1 \
             OR (team_id IS NULL AND owner_id = $1)",
        );
        let rows = bound!(query, owner_key).fetch_all(&self.pool).await?;
        Ok(rows
            .iter()
            .map(|row| Ok((row.try_get("name")?, decoded(row, "scopes", parsed)?)))
            .collect::<Result<_, sqlx::Error>>()?)
    }

    pub async fn set_app_owner(
        &self,
        client_id: &str,
        owner: NewOwner<'_>,
        now: i64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE apps SET owner_id = $2, team_id = $3, updated_at = $4 WHERE client_id = $1",
        )
        .bind(client_id)
        .bind(owner.person)
        .bind(owner.team_id)
        .bind(now)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn set_app_disabled(
        &self,
        client_id: &str,
        disabled: bool,
        now: i64,
    ) -> Result<bool, StoreError> {
        let query =
            sqlx::query("UPDATE apps SET disabled = $2, updated_at = $3 WHERE client_id = $1");
        Ok(self
            .write(bound!(query, client_id, i64::from(disabled), now))
            .await?
            == 1)
    }

    /// Deletes an app; its icon, secrets, codes, tokens and consents go with it (foreign keys
    /// with ON DELETE CASCADE), all in this one statement's transaction.
    pub async fn delete_app(&self, client_id: &str) -> Result<bool, StoreError> {
        let query = sqlx::query("DELETE FROM apps WHERE client_id = $1");
        Ok(self.write(bound!(query, client_id)).await? == 1)
    }

    pub async fn app_icon(&self, client_id: &str) -> Result<Option<IconImages>, StoreError> {
        let query =
            sqlx::query_as("SELECT content_type, small, large FROM app_icons WHERE client_id = $1");
        self.optional(bound!(query, client_id)).await
    }
}

/// Binds the editable settings in the column order both statements above use.
fn bind_fields<'q>(query: AnyQuery<'q>, fields: &'q AppFields) -> AnyQuery<'q> {
    query
        .bind(&fields.name)
        .bind(&fields.website)
        .bind(&fields.description)
        .bind(fields.client_type)
        .bind(&fields.redirect_uris)
        .bind(&fields.allowed_origins)
        .bind(&fields.scopes)
        .bind(&fields.grant_types)
        .bind(&fields.privacy_policy_url)
        .bind(&fields.terms_url)
        .bind(fields.token_format)
        .bind(fields.id_token_alg)
}

async fn put_icon(
    tx: &mut Transaction<'_, Any>,
    client_id: &str,
    icon: &IconImages,
) -> Result<(), StoreError> {
    let query = sqlx::query("DELETE FROM app_icons WHERE client_id = $1");
    changed(tx, bound!(query, client_id)).await?;
    let query = sqlx::query(
        "INSERT INTO app_icons (client_id, content_type, small, large) VALUES ($1, $2, $3, $4)",
    );
    let query = bound!(
        query,
        client_id,
        &icon.content_type,
        &icon.small,
        &icon.large
    );
    changed(tx, query).await?;
    Ok(())
}

/// `%` and `_` in a search are literal characters, not wildcards.
pub(super) fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// By hand: each setting decodes by its own rule (`columns.rs`).
impl FromRow<'_, AnyRow> for AppRow {
    fn from_row(row: &AnyRow) -> Result<AppRow, sqlx::Error> {
        Ok(AppRow {
            client_id: row.try_get("client_id")?,
            owner: Owner::from_row(row)?,
            owner_id: row.try_get("owner_id")?,
            owner_email: row.try_get("owner_email")?,
            name: row.try_get("name")?,
            website: row.try_get("website")?,
            description: row.try_get("description")?,
            client_type: decoded(row, "client_type", named)?,
            redirect_uris: decoded(row, "redirect_uris", json)?,
            allowed_origins: decoded(row, "allowed_origins", json)?,
            scopes: decoded(row, "scopes", parsed)?,
            grant_types: decoded(row, "grant_types", json)?,
            privacy_policy_url: row.try_get("privacy_policy_url")?,
            terms_url: row.try_get("terms_url")?,
            token_format: decoded(row, "token_format", named)?,
            id_token_alg: decoded(row, "id_token_alg", |name| {
                IdTokenAlg::from_name(name).ok_or_else(|| format!("`{name}` is not an algorithm"))
            })?,
            icon_version: row.try_get("icon_version")?,
            disabled: row.try_get::<Flag, _>("disabled")?.into(),
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
        })
    }
}

impl Store {
    /// Whether any app lists `origin` among its allowed origins (CORS preflight).
    pub async fn origin_is_registered(&self, origin: &str) -> Result<bool, StoreError> {
        // Origins are stored as a JSON array of normalised strings, so the quoted origin is an
        // exact element match.
        let pattern = format!(
            "%{}%",
            escape_like(&serde_json::Value::String(origin.to_owned()).to_string())
        );
        let query = sqlx::query(
            "SELECT 1 AS found FROM apps WHERE allowed_origins LIKE $1 ESCAPE '\\' LIMIT 1",
        );
        Ok(bound!(query, pattern)
            .fetch_optional(&self.pool)
            .await?
            .is_some())
    }
}
