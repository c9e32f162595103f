//! `POST /oauth/revoke` (RFC 7009). Revoking a refresh token revokes its whole grant (section
//! 2.1); an unknown token, or another client's, is answered 200 like a success (section 2.2),
//! so the endpoint cannot be used to probe tokens.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::client_auth::ClientRequest;
use super::cors::AllowedOriginsOf;
use super::error::{no_store, OAuthError};
use super::lookup;
use crate::state::AppState;
use crate::store::tokens::TokenKind;

pub async fn revoke(
    State(state): State<AppState>,
    request: ClientRequest,
) -> Result<Response, OAuthError> {
    let ClientRequest { client, form, .. } = request;
    let now = state.now();
    if let Some(token) = lookup::stored_token(&state, form.require("token")?).await? {
        if token.client_id == client.app.client_id {
            if token.kind == TokenKind::Refresh {
                state.store.revoke_grant(&token.grant_id, now).await?;
            } else {
                state.store.revoke_token(&token.token_hash, now).await?;
            }
        }
    }
    let mut response = StatusCode::OK.into_response();
    no_store(response.headers_mut());
    response
        .extensions_mut()
        .insert(AllowedOriginsOf::app(&client.app));
    Ok(response)
}
