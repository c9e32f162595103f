//! `grant_type=urn:ietf:params:oauth:grant-type:device_code` (RFC 8628 section 3.4): the device
//! polls until the person decided. Answers as section 3.5 says: `authorization_pending` while
//! waiting, `slow_down` (and a longer interval from then on) when polled too often,
//! `access_denied`, `expired_token`; the tokens exactly once.

use shared::app::GrantType;

use super::{id_token_subject, mint_for, Asked};
use crate::crypto::token_key;
use crate::oauth::client_auth::AuthenticatedClient;
use crate::oauth::device::SLOW_DOWN_STEP;
use crate::oauth::error::OAuthError;
use crate::oauth::issue::{IdTokenInput, Issued, TokenResponse};
use crate::state::AppState;
use crate::store::device_codes::DeviceStatus;

pub async fn exchange(
    state: &AppState,
    client: &AuthenticatedClient,
    device_code: &str,
    asked: &Asked<'_>,
) -> Result<TokenResponse, OAuthError> {
    let hash = token_key(device_code);
    let now = state.now();
    let invalid = |why: &str| OAuthError::InvalidGrant(why.to_owned());
    let request = state
        .store
        .device_code(&hash)
        .await?
        .ok_or_else(|| invalid("The device code is not valid."))?;
    if request.client_id != client.app.client_id {
        return Err(invalid("The device code was issued to another client."));
    }
    if request.expires_at <= now {
        return Err(OAuthError::ExpiredToken);
    }
    match request.status {
        DeviceStatus::Pending => {
            let too_soon = request
                .last_polled_at
                .is_some_and(|last| now - last < request.poll_interval);
            let interval = if too_soon {
                request.poll_interval + SLOW_DOWN_STEP
            } else {
                request.poll_interval
            };
            state.store.record_device_poll(&hash, now, interval).await?;
            return Err(if too_soon {
                OAuthError::SlowDown
            } else {
                OAuthError::AuthorizationPending
            });
        }
        DeviceStatus::Denied => return Err(OAuthError::AccessDenied),
        DeviceStatus::Redeemed => {
            return Err(invalid("The device code was already used."));
        }
        DeviceStatus::Approved => {}
    }
    let user_id = request
        .user_id
        .as_deref()
        .ok_or_else(|| anyhow::anyhow!("an approved device code without a user"))?;
    // The app's scopes may have been narrowed since the person allowed the device.
    let scopes = request.scopes.intersection(&client.app.scopes);
    let user = id_token_subject(
        state,
        &scopes,
        user_id,
        "The person who allowed this device no longer exists.",
    )
    .await?;
    let auth_time = request.auth_time.unwrap_or(now);
    let issued = Issued {
        user_id: Some(user_id),
        secret_id: None,
        grant_id: &hash,
        grant_type: GrantType::DeviceCode,
        auth_time: Some(auth_time),
        with_refresh_token: client.app.has_grant(GrantType::RefreshToken),
        id_token: user.as_ref().map(|user| IdTokenInput {
            user,
            nonce: None,
            auth_time,
        }),
    };
    let (response, rows) =
        mint_for(state, client, &scopes, asked, &request.resources, issued).await?;
    // Of two polls racing with an approved code, one gets the tokens.
    if !state.store.redeem_device_code(&hash).await? {
        return Err(invalid("The device code was already used."));
    }
    state.store.insert_tokens(&rows).await?;
    Ok(response)
}
