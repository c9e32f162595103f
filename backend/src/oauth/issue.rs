//! Minting tokens. Opaque tokens are prefixed, time-stamped random values (`cat_…` access,
//! `crt_…` refresh) so secret scanners recognise them; JWT access tokens (RFC 9068) are signed
//! and recorded by their `jti`. Either way the database holds only a hash (led by the time part,
//! `crypto::token_key`), which revocation and introspection look up. ID tokens are added when the grant includes `openid`.

use crate::store::binding::Binding;
use serde::Serialize;
use shared::app::{IdTokenAlg, TokenFormat};
use shared::scope::{IdentityScope, ScopeSet};

use super::audience::Target;
use super::error::OAuthError;
use super::jwt::{self, AccessClaims, IdTokenClaims, ProfileClaims};
use crate::crypto::{new_token, token_key};
use crate::keys::Algorithm;
use crate::state::AppState;
use shared::app::GrantType;

use crate::store::tokens::{NewToken, TokenKind};
use crate::store::users::UserRow;

pub const ACCESS_TOKEN_PREFIX: &str = "cat_";
pub const REFRESH_TOKEN_PREFIX: &str = "crt_";

/// What the ID token needs to know about the sign-in (OpenID Connect Core 1.0 section 2).
pub struct IdTokenInput<'a> {
    pub user: &'a UserRow,
    pub nonce: Option<&'a str>,
    pub auth_time: i64,
}

/// What a grant decided: who gets which scopes, under which grant, in which form.
pub struct Grant<'a> {
    pub client_id: &'a str,
    /// The grant's scopes: the refresh token's and the ID token's.
    pub scopes: &'a ScopeSet,
    /// What the access token is for and carries (RFC 8707; `oauth::audience`).
    pub target: &'a Target<'a>,
    /// What the refresh token may later be exchanged for.
    pub grant_audience: &'a Binding,
    pub access_format: TokenFormat,
    pub id_token_alg: IdTokenAlg,
    pub issued: Issued<'a>,
}

/// What each grant type decides for itself (`oauth::grants`): whose tokens, under which grant,
/// and whether a refresh token and an ID token come with them.
pub struct Issued<'a> {
    pub user_id: Option<&'a str>,
    pub secret_id: Option<&'a str>,
    /// Ties every token of one authorization together (revoking it revokes them all).
    pub grant_id: &'a str,
    pub grant_type: GrantType,
    pub auth_time: Option<i64>,
    pub with_refresh_token: bool,
    /// `Some` when an ID token is due (the grant includes `openid` and has a user).
    pub id_token: Option<IdTokenInput<'a>>,
}

/// RFC 6749 section 5.1, with OpenID Connect's `id_token`.
#[derive(Debug, Clone, Serialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: &'static str,
    pub expires_in: i64,
    pub scope: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
    /// The access token's format, for `/metrics` (not sent).
    #[serde(skip)]
    pub format: TokenFormat,
}

/// The access format a request gets: a JWT when it asks with `is_jwt=true` (the parameter
/// RSpace's OAuth API offers), else the setting of the one registered API the token is for,
/// else the app's setting.
pub fn access_format(app_format: TokenFormat, is_jwt: bool, target: &Target<'_>) -> TokenFormat {
    if is_jwt {
        TokenFormat::Jwt
    } else {
        target.single_api.map_or(app_format, |api| api.token_format)
    }
}

/// The response to send and the rows to store for it.
pub fn mint(
    state: &AppState,
    grant: &Grant<'_>,
) -> Result<(TokenResponse, Vec<NewToken>), OAuthError> {
    let now = state.now();
    let lifetimes = &state.config.lifetimes;
    let issuer = state.config.issuer();
    let scopes = grant.scopes.to_canonical_string();
    let target = grant.target;
    // The same string when the target did not narrow the scopes (the common case).
    let access_scopes = if target.scopes == *grant.scopes {
        scopes.clone()
    } else {
        target.scopes.to_canonical_string()
    };
    let access_lifetime = target
        .single_api
        .map_or(lifetimes.access_token, |api| api.token_lifetime);
    let row =
        |stored_value: &str, kind: TokenKind, lifetime: i64, scopes: &str, audience: &Binding| {
            NewToken {
                token_hash: token_key(stored_value),
                kind,
                client_id: grant.client_id.to_owned(),
                user_id: grant.issued.user_id.map(str::to_owned),
                secret_id: grant.issued.secret_id.map(str::to_owned),
                grant_id: grant.issued.grant_id.to_owned(),
                grant_type: grant.issued.grant_type,
                scopes: scopes.to_owned(),
                auth_time: grant.issued.auth_time,
                created_at: now,
                expires_at: now + lifetime,
                audience: audience.to_column(),
            }
        };
    let access_row = |stored_value: &str| {
        row(
            stored_value,
            TokenKind::Access,
            access_lifetime,
            &access_scopes,
            &target.binding,
        )
    };
    let (access_token, access_row) = match grant.access_format {
        TokenFormat::Opaque => {
            let token = new_token(ACCESS_TOKEN_PREFIX);
            let row = access_row(&token);
            (token, row)
        }
        TokenFormat::Jwt => {
            let jti = new_token("");
            let claims = AccessClaims {
                iss: issuer.clone(),
                sub: grant.issued.user_id.unwrap_or(grant.client_id).to_owned(),
                aud: jwt::AudienceClaim::of(&target.audience),
                client_id: grant.client_id.to_owned(),
                scope: access_scopes.clone(),
                exp: now + access_lifetime,
                iat: now,
                jti: jti.clone(),
                auth_time: grant.issued.auth_time,
            };
            let token =
                jwt::sign_access_token(&state.keys, state.config.jwt_access_token_alg, &claims)?;
            (token, access_row(&jti))
        }
    };
    let mut rows = vec![access_row];
    let refresh_token = grant
        .issued
        .with_refresh_token
        .then(|| new_token(REFRESH_TOKEN_PREFIX));
    if let Some(refresh) = &refresh_token {
        rows.push(row(
            refresh,
            TokenKind::Refresh,
            lifetimes.refresh_token,
            &scopes,
            grant.grant_audience,
        ));
    }
    let id_token = match &grant.issued.id_token {
        Some(input) if grant.scopes.has_identity(IdentityScope::OpenId) => {
            Some(id_token(state, grant, input, &access_token)?)
        }
        _ => None,
    };
    let response = TokenResponse {
        access_token,
        token_type: "Bearer",
        expires_in: access_lifetime,
        scope: access_scopes,
        refresh_token,
        id_token,
        format: grant.access_format,
    };
    Ok((response, rows))
}

fn id_token(
    state: &AppState,
    grant: &Grant<'_>,
    input: &IdTokenInput<'_>,
    access_token: &str,
) -> Result<String, OAuthError> {
    let now = state.now();
    let claims = IdTokenClaims {
        iss: state.config.issuer(),
        sub: input.user.id.clone(),
        aud: grant.client_id.to_owned(),
        exp: now + state.config.lifetimes.access_token,
        iat: now,
        auth_time: input.auth_time,
        nonce: input.nonce.map(str::to_owned),
        at_hash: jwt::at_hash(access_token),
        profile: ProfileClaims::of(input.user, grant.scopes),
    };
    let alg = match grant.id_token_alg {
        IdTokenAlg::Rs256 => Algorithm::Rs256,
        IdTokenAlg::Es256 => Algorithm::Es256,
    };
    Ok(jwt::sign_id_token(&state.keys, alg, &claims)?)
}
