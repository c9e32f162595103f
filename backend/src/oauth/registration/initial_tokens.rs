//! Initial access tokens (RFC 7591 section 3): minted by administrators for
//! `CLIENTELE_DYNAMIC_REGISTRATION=token`, each good for a number of registrations until it
//! expires, listed without their value (stored as hashes) and revoked by id.
//!
//! The audit log is per app (`audit_events.client_id`), so minting and revoking, which concern
//! no app, are logged with `tracing` (who, which token id) rather than in it.

use shared::api::{InitialAccessToken, MintTokenRequest, MintedToken};

use super::INITIAL_ACCESS_TOKEN_PREFIX;
use crate::crypto::{new_token, token_hash};
use crate::ids::sortable_id;
use crate::store::registrations::{InitialAccessTokenRow, NewInitialAccessToken};
use crate::store::{Store, StoreError};

/// Who mints or revokes: an administrator's account.
pub struct Minter<'a> {
    pub id: &'a str,
    pub email: &'a str,
}

pub async fn mint(
    store: &Store,
    by: &Minter<'_>,
    request: MintTokenRequest,
    now: i64,
) -> Result<MintedToken, StoreError> {
    let token = new_token(INITIAL_ACCESS_TOKEN_PREFIX);
    let id = sortable_id("iat");
    let uses = i64::from(request.uses);
    let expires_at = now + request.days.seconds();
    store
        .insert_initial_access_token(&NewInitialAccessToken {
            id: &id,
            token_hash: &token_hash(&token),
            created_by: by.id,
            uses,
            created_at: now,
            expires_at,
        })
        .await?;
    tracing::info!(by = %by.email, id = %id, uses, "initial access token minted");
    Ok(MintedToken {
        token,
        id,
        uses,
        expires_at,
    })
}

pub async fn list(store: &Store) -> Result<Vec<InitialAccessToken>, StoreError> {
    Ok(store
        .initial_access_tokens()
        .await?
        .into_iter()
        .map(view)
        .collect())
}

/// Revokes the token `id` (no registration can spend it afterwards); `false` when no token has
/// this id.
pub async fn revoke(store: &Store, by: &Minter<'_>, id: &str) -> Result<bool, StoreError> {
    let revoked = store.delete_initial_access_token(id).await?;
    if revoked {
        tracing::info!(by = %by.email, id = %id, "initial access token revoked");
    }
    Ok(revoked)
}

fn view(row: InitialAccessTokenRow) -> InitialAccessToken {
    InitialAccessToken {
        id: row.id,
        created_at: row.created_at,
        expires_at: row.expires_at,
        uses_left: row.uses_left,
        created_by: row.created_by,
    }
}
