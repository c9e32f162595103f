//! `grant_type=authorization_code` (RFC 6749 section 4.1.3, RFC 7636 section 4.6).

use shared::app::{ClientType, GrantType};

use super::{id_token_subject, mint_for, Asked};
use crate::crypto::token_key;
use crate::oauth::client_auth::AuthenticatedClient;
use crate::oauth::error::OAuthError;
use crate::oauth::issue::{IdTokenInput, Issued, TokenResponse};
use crate::oauth::pkce;
use crate::oauth::token_request::CodeExchange;
use crate::state::AppState;

pub async fn exchange(
    state: &AppState,
    client: &AuthenticatedClient,
    request: &CodeExchange<'_>,
    asked: &Asked<'_>,
) -> Result<TokenResponse, OAuthError> {
    let code_hash = token_key(request.code);
    let now = state.now();
    let invalid = |why: &str| OAuthError::InvalidGrant(why.to_owned());
    let code = state
        .store
        .code(&code_hash)
        .await?
        .ok_or_else(|| invalid("The authorization code is not valid."))?;
    if code.client_id != client.app.client_id {
        return Err(invalid(
            "The authorization code was issued to another client.",
        ));
    }
    if code.redeemed_at.is_some() {
        // RFC 6749 section 4.1.2: a code used twice revokes what the first use issued.
        state.store.revoke_grant(&code.code_hash, now).await?;
        return Err(invalid(
            "The authorization code was already used; the tokens issued for it are revoked.",
        ));
    }
    if code.expires_at <= now {
        return Err(invalid("The authorization code has expired."));
    }
    match request.redirect_uri {
        Some(sent) if sent != code.redirect_uri => {
            return Err(invalid(
                "redirect_uri differs from the one in the authorization request.",
            ))
        }
        None if client.app.redirect_uris.len() != 1 => {
            return Err(OAuthError::InvalidRequest(
                "The parameter `redirect_uri` is missing.".into(),
            ))
        }
        _ => {}
    }
    match (code.code_challenge.as_deref(), request.code_verifier) {
        (Some(challenge), Some(verifier)) if pkce::verifies(verifier, challenge) => {}
        (Some(_), Some(_)) => {
            return Err(invalid(
                "The code_verifier does not match the code_challenge.",
            ))
        }
        (Some(_), None) => return Err(invalid("The code_verifier is missing.")),
        (None, Some(_)) => {
            return Err(invalid(
                "A code_verifier was sent, but the authorization request had no code_challenge.",
            ))
        }
        (None, None) if client.client_type == ClientType::Public => {
            return Err(invalid("Public clients must use PKCE."))
        }
        (None, None) => {}
    }
    // The app's scopes may have been narrowed since the user consented.
    let scopes = code.scopes.intersection(&client.app.scopes);
    // A deleted user's codes are deleted with them (foreign key), so reading the user only
    // for an ID token changes nothing otherwise.
    let user = id_token_subject(
        state,
        &scopes,
        &code.user_id,
        "The user of this code no longer exists.",
    )
    .await?;
    let issued = Issued {
        user_id: Some(&code.user_id),
        secret_id: None,
        grant_id: &code.code_hash,
        grant_type: GrantType::AuthorizationCode,
        auth_time: Some(code.auth_time),
        with_refresh_token: client.app.has_grant(GrantType::RefreshToken),
        id_token: user.as_ref().map(|user| IdTokenInput {
            user,
            nonce: code.nonce.as_deref(),
            auth_time: code.auth_time,
        }),
    };
    // RFC 8707 section 2.2: the token request may narrow the authorization's resources.
    let (response, rows) = mint_for(state, client, &scopes, asked, &code.resources, issued).await?;
    if !state.store.redeem_code(&code.code_hash, now, &rows).await? {
        // Another request redeemed it between our read and our write.
        state.store.revoke_grant(&code.code_hash, now).await?;
        return Err(invalid(
            "The authorization code was already used; the tokens issued for it are revoked.",
        ));
    }
    Ok(response)
}
