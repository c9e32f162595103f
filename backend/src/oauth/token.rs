//! `POST /oauth/token` (RFC 6749 section 3.2).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::client_auth::ClientRequest;
use super::cors::AllowedOriginsOf;
use super::error::{no_store, OAuthError};
use super::grants;
use crate::state::AppState;

pub async fn token(
    State(state): State<AppState>,
    request: ClientRequest,
) -> Result<Response, OAuthError> {
    let ClientRequest {
        client,
        form,
        address,
    } = request;
    let grant_type = form.require("grant_type")?.to_owned();
    let response = match grant_type.as_str() {
        "authorization_code" => grants::authorization_code::exchange(&state, &client, &form).await,
        "refresh_token" => grants::refresh_token::refresh(&state, &client, &form).await,
        "client_credentials" => grants::client_credentials::issue(&state, &client, &form).await,
        "password" => grants::password::issue(&state, &client, &form, &address).await,
        other => Err(OAuthError::UnsupportedGrantType(other.to_owned())),
    };
    let allowed_origins = AllowedOriginsOf::app(&client.app);
    let mut response = match response {
        Ok(body) => {
            let mut response = Json(body).into_response();
            no_store(response.headers_mut());
            response
        }
        Err(err) => err.into_response(),
    };
    response.extensions_mut().insert(allowed_origins);
    Ok(response)
}
