//! `POST /oauth/sign-in/passkey`: the authorization pages' passkey form, which `passkey.js`
//! fills with the sign-in challenge's id and the browser's answer. The answer is checked by the
//! one passkey check (`passkeys::verification`); a session starts and the authorization flow
//! carries on to consent or the app exactly as after a password.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::authorize::{after_sign_in, session_then_go, sign_in_form};
use super::authorize_request;
use super::page_error::{answer, PageError};
use super::pages::cross_site_form;
use super::pages::sign_in::sign_in_page;
use crate::auth::origin_check::from_this_site_or_program;
use crate::auth::sessions::Arrival;
use crate::client_address::ClientAddress;
use crate::passkeys::{verification, PasskeyError};
use crate::state::AppState;

/// Where the passkey form posts.
pub const PATH: &str = "/oauth/sign-in/passkey";

#[derive(Debug, Deserialize)]
pub struct PasskeyPost {
    challenge_id: String,
    /// `PublicKeyCredential.toJSON()` of the browser's answer, as JSON text.
    credential: String,
    #[serde(rename = "continue")]
    continue_query: String,
}

pub async fn sign_in(
    State(state): State<AppState>,
    address: ClientAddress,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<PasskeyPost>,
) -> Response {
    let result = sign_in_or_stop(&state, &address, &headers, jar, form).await;
    answer(&state, result)
}

async fn sign_in_or_stop(
    state: &AppState,
    address: &ClientAddress,
    headers: &HeaderMap,
    jar: CookieJar,
    form: PasskeyPost,
) -> Result<Response, PageError> {
    if !from_this_site_or_program(state, headers) {
        return Ok(cross_site_form());
    }
    let request = authorize_request::parse(state, &form.continue_query).await?;
    let arrival = Arrival::of(headers, address);
    let credential = serde_json::from_str::<serde_json::Value>(&form.credential)
        .map_err(|_| PasskeyError::Malformed);
    let checked = match credential {
        Ok(credential) => {
            verification::sign_in(state, &arrival, &form.challenge_id, &credential).await
        }
        Err(err) => Err(err),
    };
    match checked {
        Ok(user) => session_then_go(state, &arrival, jar, user, &after_sign_in(&request)).await,
        Err(PasskeyError::Internal(err)) => Err(PageError::Internal(err)),
        Err(refused) => {
            let status = match refused {
                PasskeyError::TooManyChallenges => StatusCode::TOO_MANY_REQUESTS,
                // The form again with its message, as after a wrong password.
                _ => StatusCode::OK,
            };
            let app_name = crate::client_documents::shown_name(&request.app);
            let message = refused.to_string();
            let page = sign_in_form(state, &request, &app_name, "", Some(&message));
            Ok(sign_in_page(status, &page))
        }
    }
}
