//! Minting tokens: opaque, prefixed random values (`cat_…` access, `crt_…` refresh) so secret
//! scanners recognise them, stored only as SHA-256 hashes.

use serde::Serialize;
use shared::credentials::random_token;
use shared::scope::ScopeSet;

use crate::crypto::token_hash;
use crate::state::AppState;
use crate::store::tokens::{NewToken, ACCESS, REFRESH};

pub const ACCESS_TOKEN_PREFIX: &str = "cat_";
pub const REFRESH_TOKEN_PREFIX: &str = "crt_";

/// What a grant decided: who gets which scopes, under which grant.
pub struct Grant<'a> {
    pub client_id: &'a str,
    pub user_id: Option<&'a str>,
    pub secret_id: Option<&'a str>,
    /// Ties every token of one authorization together (revoking it revokes them all).
    pub grant_id: &'a str,
    pub grant_type: &'static str,
    pub scopes: &'a ScopeSet,
    pub auth_time: Option<i64>,
    pub with_refresh_token: bool,
}

/// RFC 6749 section 5.1.
#[derive(Debug, Clone, Serialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: &'static str,
    pub expires_in: i64,
    pub scope: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
}

/// The response to send and the rows to store for it.
pub fn mint(state: &AppState, grant: &Grant<'_>) -> (TokenResponse, Vec<NewToken>) {
    let now = state.now();
    let lifetimes = &state.config.lifetimes;
    let scopes = grant.scopes.to_canonical_string();
    let row = |value: &str, kind: &'static str, lifetime: i64| NewToken {
        token_hash: token_hash(value),
        kind,
        client_id: grant.client_id.to_owned(),
        user_id: grant.user_id.map(str::to_owned),
        secret_id: grant.secret_id.map(str::to_owned),
        grant_id: grant.grant_id.to_owned(),
        grant_type: grant.grant_type,
        scopes: scopes.clone(),
        auth_time: grant.auth_time,
        created_at: now,
        expires_at: now + lifetime,
    };
    let access_token = random_token(ACCESS_TOKEN_PREFIX);
    let mut rows = vec![row(&access_token, ACCESS, lifetimes.access_token)];
    let refresh_token = grant.with_refresh_token.then(|| random_token(REFRESH_TOKEN_PREFIX));
    if let Some(refresh) = &refresh_token {
        rows.push(row(refresh, REFRESH, lifetimes.refresh_token));
    }
    let response = TokenResponse {
        access_token,
        token_type: "Bearer",
        expires_in: lifetimes.access_token,
        scope: scopes.clone(),
        refresh_token,
    };
    (response, rows)
}
