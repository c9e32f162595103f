//! `POST /oauth/sign-in/passkey`: the authorization pages' passkey form, which `passkey.js`
//! fills with the sign-in challenge's id and the browser's answer. The answer is checked by the
//! one passkey check (`passkeys::verification`); a session starts and the authorization flow
//! carries on to consent or the app exactly as after a password.

use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::authorize::{after_sign_in, session_then_go, sign_in_form, SignInProof};
use super::authorize_request::AuthorizeRequest;
use super::page_error::PageError;
use super::pages::sign_in::sign_in_page;
use crate::auth::sessions::Arrival;
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

/// The person a pages' passkey form proves (`credential` is the browser's answer as JSON
/// text), with the sign-in recorded: the one step of the authorization and device pages.
pub(super) async fn passkey_user(
    state: &AppState,
    arrival: &Arrival,
    challenge_id: &str,
    credential: &str,
) -> Result<crate::store::users::UserRow, PasskeyError> {
    match serde_json::from_str::<serde_json::Value>(credential) {
        Ok(credential) => verification::sign_in(state, arrival, challenge_id, &credential).await,
        Err(_) => Err(PasskeyError::Malformed),
    }
}

impl SignInProof for PasskeyPost {
    fn continue_query(&self) -> &str {
        &self.continue_query
    }

    async fn sign_in_for(
        self,
        state: &AppState,
        arrival: &Arrival,
        jar: CookieJar,
        request: &AuthorizeRequest,
    ) -> Result<Response, PageError> {
        match passkey_user(state, arrival, &self.challenge_id, &self.credential).await {
            Ok(user) => {
                Ok(session_then_go(state, arrival, jar, user, &after_sign_in(request)).await)
            }
            Err(PasskeyError::Internal(err)) => Err(PageError::Internal(err)),
            Err(refused) => {
                let status = match refused {
                    PasskeyError::TooManyChallenges => StatusCode::TOO_MANY_REQUESTS,
                    // The form again with its message, as after a wrong password.
                    _ => StatusCode::OK,
                };
                let app_name = crate::client_documents::shown_name(&request.app);
                let message = refused.to_string();
                let page = sign_in_form(state, request, &app_name, "", Some(&message));
                Ok(sign_in_page(status, &page))
            }
        }
    }
}
