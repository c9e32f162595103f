//! Dynamic client registration (RFC 7591, RFC 7592): the owner of self-registered clients, their
//! registration access tokens, initial access tokens, removing registrations never used, and
//! what administrators see and do to them (list, take over).

use shared::api::RegisteredWith;
use shared::redirect_uri::RedirectUris;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::columns::{decoded, json};
use super::{Store, StoreError};

/// The most rows an administrator's list shows at once (newest first): bounded work per request.
pub const ADMIN_LIST_LIMIT: i64 = 500;

/// An initial access token as listed (the hash never leaves the store).
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct InitialAccessTokenRow {
    pub id: String,
    pub created_by: Option<String>,
    pub uses_left: i64,
    pub created_at: i64,
    pub expires_at: i64,
}

/// What creating an initial access token writes.
pub struct NewInitialAccessToken<'a> {
    pub id: &'a str,
    pub token_hash: &'a str,
    pub created_by: &'a str,
    pub uses: i64,
    pub created_at: i64,
    pub expires_at: i64,
}

/// A client that registered itself and still belongs to nobody.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfRegisteredRow {
    pub client_id: String,
    pub name: String,
    pub redirect_uris: RedirectUris,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub registered_with: RegisteredWith,
    pub management_token_active: bool,
}

/// The account self-registered clients belong to; nobody can sign in as it.
pub const SELF_REGISTERED_OWNER: &str = "usr_self_registered";
/// `apps.registration` of a self-registered client nobody has taken over.
pub const DYNAMIC: &str = "dynamic";
/// `apps.registration` of a self-registered client an administrator gave to a developer.
pub const TAKEN_OVER: &str = "taken_over";

impl Store {
    /// Creates the owner of self-registered clients if it does not exist yet. Any conflict, not
    /// only on `id`: PostgreSQL checks the email's unique index first when two registrations
    /// race to create it, which `ON CONFLICT (id)` let through as an error.
    pub async fn ensure_self_registered_owner(&self, now: i64) -> Result<(), StoreError> {
        let query = sqlx::query(
            "INSERT INTO users (id, email, display_name, password_hash, is_admin, created_at) \
             VALUES ($1, 'self-registered@clientele.invalid', 'Self-registered clients', '!', 0, $2) \
             ON CONFLICT DO NOTHING",
        );
        self.write(bound!(query, SELF_REGISTERED_OWNER, now))
            .await?;
        Ok(())
    }

    /// Marks an app as registered by itself, with the hash of its registration access token
    /// and how it got in.
    pub async fn mark_dynamic(
        &self,
        client_id: &str,
        token_hash: &str,
        registered_with: RegisteredWith,
    ) -> Result<(), StoreError> {
        let query = sqlx::query(
            "UPDATE apps SET registration = 'dynamic', registration_token_hash = $2, registered_with = $3 \
             WHERE client_id = $1",
        );
        self.write(bound!(
            query,
            client_id,
            token_hash,
            registered_with_column(registered_with)
        ))
        .await?;
        Ok(())
    }

    /// The registration access token hash of a self-registered client (`None` for others).
    pub async fn registration_token_hash(
        &self,
        client_id: &str,
    ) -> Result<Option<String>, StoreError> {
        let query = sqlx::query_scalar(
            "SELECT registration_token_hash FROM apps WHERE client_id = $1 AND registration = 'dynamic'",
        );
        let hash: Option<Option<String>> =
            bound!(query, client_id).fetch_optional(&self.pool).await?;
        Ok(hash.flatten())
    }

    pub async fn insert_initial_access_token(
        &self,
        token: &NewInitialAccessToken<'_>,
    ) -> Result<(), StoreError> {
        let query = sqlx::query(
            "INSERT INTO initial_access_tokens (id, token_hash, created_by, uses_left, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        );
        self.write(bound!(
            query,
            token.id,
            token.token_hash,
            token.created_by,
            token.uses,
            token.created_at,
            token.expires_at
        ))
        .await?;
        Ok(())
    }

    /// Initial access tokens, newest first, with the email of who minted them.
    pub async fn initial_access_tokens(&self) -> Result<Vec<InitialAccessTokenRow>, StoreError> {
        let query = sqlx::query_as(
            "SELECT t.id, u.email AS created_by, t.uses_left, t.created_at, t.expires_at \
             FROM initial_access_tokens t LEFT JOIN users u ON u.id = t.created_by \
             ORDER BY t.created_at DESC, t.id DESC LIMIT $1",
        );
        self.all(bound!(query, ADMIN_LIST_LIMIT)).await
    }

    /// Deletes an initial access token, so no registration can spend it any more; `false` when
    /// no token has this id.
    pub async fn delete_initial_access_token(&self, id: &str) -> Result<bool, StoreError> {
        let query = sqlx::query("DELETE FROM initial_access_tokens WHERE id = $1");
        let done = self.write(bound!(query, id)).await?;
        Ok(done == 1)
    }

    /// Self-registered clients nobody has taken over, newest first, with when each was last
    /// issued a token.
    pub async fn self_registered_clients(&self) -> Result<Vec<SelfRegisteredRow>, StoreError> {
        let query = sqlx::query_as(
            "SELECT a.client_id, a.name, a.redirect_uris, a.created_at, a.registered_with, \
             a.registration_token_hash, \
             (SELECT MAX(t.created_at) FROM tokens t WHERE t.client_id = a.client_id) AS last_used_at \
             FROM apps a WHERE a.registration = 'dynamic' AND a.owner_id = $1 \
             ORDER BY a.created_at DESC, a.client_id DESC LIMIT $2",
        );
        self.all(bound!(query, SELF_REGISTERED_OWNER, ADMIN_LIST_LIMIT))
            .await
    }

    /// Gives the self-registered client `client_id` to `owner_id` in one statement: it is no
    /// longer dynamic, and its registration access token stops working (RFC 7592 management
    /// ends). `false` when it is not (or no longer) a self-registered client, so of two
    /// administrators taking it over at once exactly one succeeds.
    pub async fn take_over_registration(
        &self,
        client_id: &str,
        owner_id: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let query = sqlx::query(
            "UPDATE apps SET owner_id = $2, registration = 'taken_over', registration_token_hash = NULL, \
             updated_at = $3 WHERE client_id = $1 AND registration = 'dynamic' AND owner_id = $4",
        );
        let done = self
            .write(bound!(
                query,
                client_id,
                owner_id,
                now,
                SELF_REGISTERED_OWNER
            ))
            .await?;
        Ok(done == 1)
    }

    /// How the app `client_id` came to be: `console`, `dynamic` (self-registered, nobody took
    /// it over) or `taken_over`; `None` when there is no such app.
    pub async fn registration_of(&self, client_id: &str) -> Result<Option<String>, StoreError> {
        let query = sqlx::query_scalar("SELECT registration FROM apps WHERE client_id = $1");
        Ok(bound!(query, client_id).fetch_optional(&self.pool).await?)
    }

    /// Spends one use of a live initial access token; `false` when it is unknown, expired or
    /// used up. Concurrent registrations cannot spend more uses than it has.
    pub async fn spend_initial_access_token(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let query = sqlx::query(
            "UPDATE initial_access_tokens SET uses_left = uses_left - 1 \
             WHERE token_hash = $1 AND uses_left > 0 AND expires_at > $2",
        );
        let done = self.write(bound!(query, token_hash, now)).await?;
        Ok(done == 1)
    }

    /// Deletes self-registered clients (RFC 7591, and clients met through a metadata document,
    /// which anyone can make by naming a new URL) created before `cutoff` that never got a token
    /// and nobody consented to; returns how many.
    pub async fn delete_unused_registrations(&self, cutoff: i64) -> Result<u64, StoreError> {
        let query = sqlx::query(
            "DELETE FROM apps WHERE registration IN ('dynamic', 'document') AND created_at <= $1 \
             AND NOT EXISTS (SELECT 1 FROM tokens t WHERE t.client_id = apps.client_id) \
             AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.client_id = apps.client_id)",
        );
        let done = self.write(bound!(query, cutoff)).await?;
        Ok(done)
    }
}

fn registered_with_column(registered_with: RegisteredWith) -> Option<&'static str> {
    match registered_with {
        RegisteredWith::Open => Some("open"),
        RegisteredWith::Token => Some("token"),
        RegisteredWith::Unknown => None,
    }
}

/// By hand: how it registered is `NULL` for clients from before that was recorded, and only
/// whether a management token is set leaves the row.
impl FromRow<'_, AnyRow> for SelfRegisteredRow {
    fn from_row(row: &AnyRow) -> Result<SelfRegisteredRow, sqlx::Error> {
        let registered_with = match row
            .try_get::<Option<String>, _>("registered_with")?
            .as_deref()
        {
            Some("open") => RegisteredWith::Open,
            Some("token") => RegisteredWith::Token,
            _ => RegisteredWith::Unknown,
        };
        // Read as text rather than compared in SQL, whose boolean comes back differently from
        // each database; the hash goes no further than this function.
        let managed = row
            .try_get::<Option<String>, _>("registration_token_hash")?
            .is_some();
        Ok(SelfRegisteredRow {
            client_id: row.try_get("client_id")?,
            name: row.try_get("name")?,
            redirect_uris: decoded(row, "redirect_uris", json)?,
            created_at: row.try_get("created_at")?,
            last_used_at: row.try_get("last_used_at")?,
            registered_with,
            management_token_active: managed,
        })
    }
}
