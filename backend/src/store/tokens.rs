//! Authorization codes and tokens, stored as SHA-256 hashes and looked up by them (indexed).

use super::binding::Binding;
use shared::app::GrantType;
use shared::scope::ScopeSet;
use sqlx::{Any, Row, Transaction};

use super::{changed, Store, StoreError};

pub struct NewCode<'a> {
    pub code_hash: &'a str,
    pub client_id: &'a str,
    pub user_id: &'a str,
    pub redirect_uri: &'a str,
    pub scopes: &'a str,
    pub code_challenge: Option<&'a str>,
    pub nonce: Option<&'a str>,
    pub auth_time: i64,
    pub created_at: i64,
    pub expires_at: i64,
    /// The `resource` parameters of the request (RFC 8707), in their stored form.
    pub resources: &'a str,
}

#[derive(Debug, Clone)]
pub struct CodeRow {
    pub code_hash: String,
    pub client_id: String,
    pub user_id: String,
    pub redirect_uri: String,
    pub scopes: ScopeSet,
    pub code_challenge: Option<String>,
    pub nonce: Option<String>,
    pub auth_time: i64,
    pub expires_at: i64,
    pub redeemed_at: Option<i64>,
    /// The APIs the authorization request named with `resource`; empty when it named none.
    pub resources: Binding,
}

#[derive(Debug, Clone)]
pub struct NewToken {
    pub token_hash: String,
    pub kind: TokenKind,
    pub client_id: String,
    pub user_id: Option<String>,
    pub secret_id: Option<String>,
    pub grant_id: String,
    pub grant_type: GrantType,
    /// The canonical OAuth form, computed once for every token of a response.
    pub scopes: String,
    pub auth_time: Option<i64>,
    pub created_at: i64,
    pub expires_at: i64,
    /// `Binding::to_column` of the token's audience, computed once per response.
    pub audience: String,
}

#[derive(Debug, Clone)]
pub struct TokenRow {
    pub token_hash: String,
    pub kind: TokenKind,
    pub client_id: String,
    pub user_id: Option<String>,
    pub user_email: Option<String>,
    pub grant_id: String,
    pub grant_type: GrantType,
    pub scopes: ScopeSet,
    pub auth_time: Option<i64>,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub app_disabled: bool,
    /// An access token's audience; a refresh token's, the APIs it may be exchanged for. Empty
    /// for tokens issued before APIs existed, which were all for the built-in API.
    pub audience: Binding,
}

impl TokenRow {
    /// Usable at `now`: not revoked, not expired, not a spent refresh token, app enabled.
    pub fn is_active(&self, now: i64) -> bool {
        self.revoked_at.is_none()
            && self.used_at.is_none()
            && self.expires_at > now
            && !self.app_disabled
    }
}

/// What a stored token is, by the `kind` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Access,
    Refresh,
}

impl TokenKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Access => "access",
            TokenKind::Refresh => "refresh",
        }
    }

    pub fn from_name(name: &str) -> Option<TokenKind> {
        [TokenKind::Access, TokenKind::Refresh]
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }
}

/// Decodes the typed columns of a token or code row, whichever driver read it: `$bad` turns
/// (column index, message) into that driver's error. Rows are written only from typed values,
/// so a failure means a hand-edited database.
macro_rules! decoded {
    ($text:expr, $index:expr, $bad:expr, $what:literal, $parse:expr) => {{
        let text: String = $text;
        $parse(text.as_str())
            .ok_or_else(|| $bad($index, format!("stored {} `{text}` is unreadable", $what)))?
    }};
}

const TOKEN_SQL: &str = "SELECT t.token_hash, t.kind, t.client_id, t.user_id, u.email AS user_email, t.grant_id, \
     t.grant_type, t.scopes, t.auth_time, t.created_at, t.expires_at, t.used_at, t.revoked_at, a.disabled AS app_disabled, \
     t.audience \
     FROM tokens t JOIN apps a ON a.client_id = t.client_id LEFT JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1";

const CODE_SQL: &str = "SELECT code_hash, client_id, user_id, redirect_uri, scopes, code_challenge, nonce, auth_time, \
     expires_at, redeemed_at, resources FROM authorization_codes WHERE code_hash = $1";

/// A `TokenRow` from a row of `TOKEN_SQL`, through sqlx (`try_get`) or rusqlite (`get`): both
/// read a column by position (the SELECT's order) into the field's type.
macro_rules! token_row {
    ($row:expr, $get:ident, $bad:expr) => {
        TokenRow {
            token_hash: $row.$get(0)?,
            kind: decoded!($row.$get(1)?, 1, $bad, "token kind", TokenKind::from_name),
            client_id: $row.$get(2)?,
            user_id: $row.$get(3)?,
            user_email: $row.$get(4)?,
            grant_id: $row.$get(5)?,
            grant_type: decoded!($row.$get(6)?, 6, $bad, "grant type", GrantType::from_name),
            scopes: decoded!($row.$get(7)?, 7, $bad, "scopes", scopes_of),
            auth_time: $row.$get(8)?,
            created_at: $row.$get(9)?,
            expires_at: $row.$get(10)?,
            used_at: $row.$get(11)?,
            revoked_at: $row.$get(12)?,
            app_disabled: {
                let disabled: i64 = $row.$get(13)?;
                disabled != 0
            },
            audience: decoded!($row.$get(14)?, 14, $bad, "audience", Binding::from_column),
        }
    };
}

/// A `CodeRow` from a row of `CODE_SQL` (see `token_row`).
macro_rules! code_row {
    ($row:expr, $get:ident, $bad:expr) => {
        CodeRow {
            code_hash: $row.$get(0)?,
            client_id: $row.$get(1)?,
            user_id: $row.$get(2)?,
            redirect_uri: $row.$get(3)?,
            scopes: decoded!($row.$get(4)?, 4, $bad, "scopes", scopes_of),
            code_challenge: $row.$get(5)?,
            nonce: $row.$get(6)?,
            auth_time: $row.$get(7)?,
            expires_at: $row.$get(8)?,
            redeemed_at: $row.$get(9)?,
            resources: decoded!($row.$get(10)?, 10, $bad, "resources", Binding::from_column),
        }
    };
}

/// The row of `$sql` for one hash, built by `$row` (`token_row` or `code_row`): on the calling
/// thread where `fast_reads` can (SQLite files), else through the pool.
macro_rules! by_hash {
    ($store:expr, $sql:expr, $hash:expr, $row:ident) => {{
        if let Some(fast) = &$store.fast_reads {
            return Ok(fast.one($sql, $hash, |row| Ok($row!(row, get, rusqlite_bad)))?);
        }
        let row = bound!(sqlx::query($sql), $hash)
            .fetch_optional(&$store.pool)
            .await?;
        Ok(row
            .map(|row| Ok::<_, sqlx::Error>($row!(row, try_get, sqlx_bad)))
            .transpose()?)
    }};
}

impl Store {
    pub async fn insert_code(&self, code: &NewCode<'_>) -> Result<(), StoreError> {
        let query = sqlx::query(
            "INSERT INTO authorization_codes (code_hash, client_id, user_id, redirect_uri, scopes, code_challenge, \
             nonce, auth_time, created_at, expires_at, resources) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        );
        let query = bound!(
            query,
            code.code_hash,
            code.client_id,
            code.user_id,
            code.redirect_uri,
            code.scopes,
            code.code_challenge,
            code.nonce,
            code.auth_time,
            code.created_at,
            code.expires_at,
            code.resources
        );
        self.write(query).await?;
        Ok(())
    }

    pub async fn code(&self, code_hash: &str) -> Result<Option<CodeRow>, StoreError> {
        by_hash!(self, CODE_SQL, code_hash, code_row)
    }

    /// Marks the code redeemed and stores the tokens issued for it, in one transaction. `false`
    /// when the code was already redeemed (or expired): of two concurrent redemptions exactly
    /// one gets `true`.
    pub async fn redeem_code(
        &self,
        code_hash: &str,
        now: i64,
        tokens: &[NewToken],
    ) -> Result<bool, StoreError> {
        self.token_batcher
            .redeem_code(code_hash, now, tokens.to_vec())
            .await
    }

    /// Spends a refresh token and stores its successors, in one transaction; `false` when the
    /// token was already spent, revoked or expired.
    pub async fn rotate_refresh_token(
        &self,
        token_hash: &str,
        now: i64,
        tokens: &[NewToken],
    ) -> Result<bool, StoreError> {
        self.token_batcher
            .rotate_refresh_token(token_hash, now, tokens.to_vec())
            .await
    }

    /// Stores tokens, committed together with those of concurrent requests (see
    /// `token_batch`); returns once they are committed.
    pub async fn insert_tokens(&self, tokens: &[NewToken]) -> Result<(), StoreError> {
        self.token_batcher.insert(tokens.to_vec()).await
    }

    /// The password grant keeps one valid pair per user and app: revoke the previous pair and
    /// store the new one together.
    pub async fn replace_password_grant_tokens(
        &self,
        client_id: &str,
        user_id: &str,
        now: i64,
        tokens: &[NewToken],
    ) -> Result<(), StoreError> {
        let mut tx = self.writer.begin().await?;
        let query = sqlx::query(
            "UPDATE tokens SET revoked_at = $3 WHERE client_id = $1 AND user_id = $2 AND grant_type = 'password' \
             AND revoked_at IS NULL",
        );
        changed(&mut tx, bound!(query, client_id, user_id, now)).await?;
        insert_tokens(&mut tx, tokens).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn token(&self, token_hash: &str) -> Result<Option<TokenRow>, StoreError> {
        by_hash!(self, TOKEN_SQL, token_hash, token_row)
    }

    /// Revokes everything issued from one grant (a code's tokens, a refresh-token family).
    pub async fn revoke_grant(&self, grant_id: &str, now: i64) -> Result<u64, StoreError> {
        let query = sqlx::query(
            "UPDATE tokens SET revoked_at = $2 WHERE grant_id = $1 AND revoked_at IS NULL",
        );
        self.write(bound!(query, grant_id, now)).await
    }

    pub async fn revoke_token(&self, token_hash: &str, now: i64) -> Result<(), StoreError> {
        let query = sqlx::query(
            "UPDATE tokens SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL",
        );
        self.write(bound!(query, token_hash, now)).await?;
        Ok(())
    }
}

async fn insert_tokens(
    tx: &mut Transaction<'_, Any>,
    tokens: &[NewToken],
) -> Result<(), StoreError> {
    if !tokens.is_empty() {
        let rows: Vec<&NewToken> = tokens.iter().collect();
        super::token_batch::insert_query(&rows)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

impl Store {
    /// The grant of a live refresh token this user holds for this app by `grant_type`.
    pub async fn live_grant_of(
        &self,
        client_id: &str,
        user_id: &str,
        grant_type: GrantType,
        now: i64,
    ) -> Result<Option<String>, StoreError> {
        let query = sqlx::query_scalar(
            "SELECT grant_id FROM tokens WHERE client_id = $1 AND user_id = $2 AND grant_type = $3 AND kind = 'refresh' \
             AND revoked_at IS NULL AND used_at IS NULL AND expires_at > $4 ORDER BY created_at DESC LIMIT 1",
        );
        let query = bound!(query, client_id, user_id, grant_type.as_str(), now);
        Ok(query.fetch_optional(&self.pool).await?)
    }
}

fn scopes_of(text: &str) -> Option<ScopeSet> {
    text.parse().ok()
}

fn sqlx_bad(index: usize, message: String) -> sqlx::Error {
    sqlx::Error::ColumnDecode {
        index: index.to_string(),
        source: message.into(),
    }
}

fn rusqlite_bad(index: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, message.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_kinds_read_back_what_they_write_and_nothing_else() {
        for kind in [TokenKind::Access, TokenKind::Refresh] {
            assert_eq!(TokenKind::from_name(kind.as_str()), Some(kind));
        }
        for name in ["", "Access", "id", "refresh_token"] {
            assert_eq!(TokenKind::from_name(name), None, "{name}");
        }
    }
}
