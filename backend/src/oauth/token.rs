//! `POST /oauth/token` (RFC 6749 section 3.2).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::client_auth::ClientRequest;
use super::cors::AllowedOriginsOf;
use super::error::{no_store, OAuthError};
use super::grants;
use super::token_request::{GrantRequest, TokenRequest};
use crate::state::AppState;

/// Counts what it answers (`/metrics`): the tokens issued, and every refusal by its error code,
/// a client that failed to authenticate included.
pub async fn token(
    State(state): State<AppState>,
    request: Result<ClientRequest, OAuthError>,
) -> Response {
    match request {
        Ok(request) => answer(&state, request).await,
        Err(err) => {
            state.metrics.token_failed(err.code());
            err.into_response()
        }
    }
}

async fn answer(state: &AppState, request: ClientRequest) -> Response {
    let ClientRequest {
        client,
        form,
        address,
    } = request;
    let response = match TokenRequest::parse(&form, &client) {
        Ok(TokenRequest {
            grant,
            is_jwt,
            resources,
        }) => {
            let asked = grants::Asked {
                is_jwt,
                resources: &resources,
            };
            let grant_type = grant.grant_type();
            let issued = match grant {
                GrantRequest::AuthorizationCode(exchange) => {
                    grants::authorization_code::exchange(state, &client, &exchange, &asked).await
                }
                GrantRequest::RefreshToken(refresh) => {
                    grants::refresh_token::refresh(state, &client, &refresh, &asked).await
                }
                GrantRequest::ClientCredentials { scope } => {
                    grants::client_credentials::issue(state, &client, scope, &asked).await
                }
                GrantRequest::DeviceCode { device_code } => {
                    grants::device_code::exchange(state, &client, device_code, &asked).await
                }
                GrantRequest::Password(request) => {
                    grants::password::issue(state, &client, &request, &address, &asked).await
                }
            };
            if let Ok(body) = &issued {
                state.metrics.token_issued(grant_type, body.format);
            }
            issued
        }
        Err(err) => Err(err),
    };
    let allowed_origins = AllowedOriginsOf::app(&client.app);
    let mut response = match response {
        Ok(body) => {
            let mut response = Json(body).into_response();
            no_store(response.headers_mut());
            response
        }
        Err(err) => {
            state.metrics.token_failed(err.code());
            err.into_response()
        }
    };
    response.extensions_mut().insert(allowed_origins);
    response
}
