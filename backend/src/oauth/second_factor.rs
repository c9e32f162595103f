//! `POST /oauth/second-factor`: the code form the authorization and device pages show after a
//! correct password for an account with a second factor (`page_sign_in::sign_in_then_go`). The proof is
//! checked by `accounts::two_factor::pending::prove`, the one check the console uses too (a
//! passkey's answer arrives in the same form's passkey fields); then
//! the session starts and the flow carries on where the password form would have sent it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use shared::api::SecondFactorChallenge;
use shared::two_factor::SecondFactorProof;

use super::authorize_request;
use super::from_this_site::FromThisSite;
use super::page_error::{answer, PageError};
use super::pages::error_page;
use super::pages::second_factor::{code_page, CodeForm};
use super::redirect;
use crate::accounts::two_factor::pending;
use crate::accounts::two_factor::TwoFactorError;
use crate::auth::sessions::Arrival;
use crate::passkeys::PasskeyError;
use crate::state::AppState;

/// The code form, or the passkey form (`passkey.js` fills `challenge_id` and `credential`).
#[derive(Deserialize)]
pub struct CodePost {
    pending: String,
    #[serde(rename = "continue")]
    location: String,
    #[serde(default)]
    code: String,
    challenge_id: Option<String>,
    /// `PublicKeyCredential.toJSON()` of the browser's answer, as JSON text.
    credential: Option<String>,
}

impl CodePost {
    /// The proof the form carries: a passkey's answer, or the typed code read once.
    fn proof(&self) -> Result<SecondFactorProof, String> {
        match (&self.challenge_id, &self.credential) {
            (Some(challenge_id), Some(credential)) => match serde_json::from_str(credential) {
                Ok(credential) => Ok(SecondFactorProof::Passkey {
                    challenge_id: challenge_id.clone(),
                    credential,
                }),
                Err(_) => Err(PasskeyError::Malformed.to_string()),
            },
            _ => SecondFactorProof::read(&self.code).map_err(|refused| refused.to_string()),
        }
    }
}

pub async fn submit(
    State(state): State<AppState>,
    _: FromThisSite,
    arrival: Arrival,
    jar: CookieJar,
    Form(form): Form<CodePost>,
) -> Response {
    let result = submit_or_stop(&state, &arrival, jar, form).await;
    answer(&state, result)
}

async fn submit_or_stop(
    state: &AppState,
    arrival: &Arrival,
    jar: CookieJar,
    form: CodePost,
) -> Result<Response, PageError> {
    let Some(location) = flow_location(&form.location) else {
        return Ok(start_over());
    };
    let form_target = form_target(state, location).await;
    let methods = pending::methods(state, &form.pending)
        .await
        .map_err(|err| PageError::Internal(anyhow::anyhow!(err)))?;
    let again = |status: StatusCode, error: &str| {
        code_page(
            status,
            &CodeForm {
                pending: &form.pending,
                location,
                error: Some(error),
                form_target: form_target.clone(),
                methods: &methods,
            },
        )
    };
    let proof = match form.proof() {
        Ok(proof) => proof,
        Err(refused) => return Ok(again(StatusCode::OK, &refused)),
    };
    let user = match pending::prove(state, &form.pending, &proof, &arrival.address.0).await {
        Ok(user) => user,
        Err(TwoFactorError::Internal(err)) => return Err(PageError::Internal(err)),
        Err(TwoFactorError::PendingNotValid) => return Ok(start_over()),
        Err(refused @ TwoFactorError::Throttled(seconds)) => {
            let mut page = again(StatusCode::TOO_MANY_REQUESTS, &refused.to_string());
            page.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, seconds.into());
            return Ok(page);
        }
        Err(refused) => return Ok(again(StatusCode::OK, &refused.to_string())),
    };
    Ok(super::page_sign_in::session_then_go(state, arrival, jar, user, location).await)
}

/// The code form after a correct password: what `sign_in_then_go` shows instead of going on.
pub fn first_code_page(
    challenge: &SecondFactorChallenge,
    location: &str,
    form_target: &str,
) -> Response {
    code_page(
        StatusCode::OK,
        &CodeForm {
            pending: &challenge.pending,
            location,
            error: None,
            form_target: form_target.to_owned(),
            methods: &challenge.methods,
        },
    )
}

/// `continue` as sent back by the browser: only the two flows' own pages, never another site.
fn flow_location(text: &str) -> Option<&str> {
    let authorize = format!("{}?", shared::endpoints::AUTHORIZATION);
    let device = shared::endpoints::DEVICE_VERIFICATION;
    let ours =
        text.starts_with(&authorize) || text == device || text.starts_with(&format!("{device}?"));
    (ours && !text.contains('\\')).then_some(text)
}

/// The sign-in page's `form-action` origin again: the app's, for an authorization request.
async fn form_target(state: &AppState, location: &str) -> String {
    let authorize = format!("{}?", shared::endpoints::AUTHORIZATION);
    match location.strip_prefix(&authorize) {
        Some(query) => match authorize_request::parse(state, query).await {
            Ok(request) => redirect::form_target(&request.redirect_uri),
            Err(_) => "'self'".to_owned(),
        },
        None => "'self'".to_owned(),
    }
}

fn start_over() -> Response {
    error_page(
        StatusCode::BAD_REQUEST,
        "Sign in again",
        "This sign-in expired or was completed already. Go back to the app and start again.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_flows_own_pages_are_followed_after_the_code() {
        let table = [
            ("/oauth/authorize?client_id=x", true),
            ("/device", true),
            ("/device?user_code=ABCD-EFGH", true),
            ("https://evil.example/", false),
            ("//evil.example/oauth/authorize?", false),
            ("/oauth/authorize", false),
            ("/devices", false),
            ("/oauth/authorize?\\evil", false),
            ("", false),
        ];
        for (text, followed) in table {
            assert_eq!(flow_location(text).is_some(), followed, "{text}");
        }
    }
}
