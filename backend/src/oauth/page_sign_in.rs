//! The one sign-in step of the server's own pages (the authorization pages and the device
//! page): a password, or a passkey's answer that `passkey.js` filled in. A right password for
//! an account with a second factor shows the code page instead of going on
//! (`second_factor.rs`, which ends in [`session_then_go`] too); any other success starts a
//! session and sends the browser on. A refusal shows the page's form again with the reason.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::page_error::PageError;
use crate::accounts::two_factor::pending::{self, AfterPassword};
use crate::auth::sessions::{self, Arrival};
use crate::auth::sign_in::{self, SignInError};
use crate::passkeys::{verification, PasskeyError};
use crate::state::AppState;
use crate::store::users::UserRow;

/// Where the authorization pages' passkey form posts (`passkey.js` fills it with the sign-in
/// challenge's id and the browser's answer).
pub const AUTHORIZATION_PASSKEY: &str = "/oauth/sign-in/passkey";

/// What a pages' sign-in form proves.
#[derive(Debug, Clone, Copy)]
pub enum PageProof<'a> {
    Password {
        email: &'a str,
        password: &'a str,
    },
    /// `credential` is the browser's `PublicKeyCredential.toJSON()` as JSON text.
    Passkey {
        challenge_id: &'a str,
        credential: &'a str,
    },
}

impl PageProof<'_> {
    /// What the form shows again in its email field after a refusal.
    pub fn typed_email(&self) -> &str {
        match self {
            Self::Password { email, .. } => email,
            Self::Passkey { .. } => "",
        }
    }
}

/// A sign-in form of the pages: what proves who the person is, and where to come back to
/// (`continue`: the authorization request's query, or the device's user code).
#[derive(Debug, Deserialize)]
pub struct SignInPost<F> {
    #[serde(flatten)]
    pub fields: F,
    #[serde(rename = "continue")]
    pub then: String,
}

/// The fields of one kind of sign-in form.
pub trait ProofFields: DeserializeOwned + Send + 'static {
    fn proof(&self) -> PageProof<'_>;
}

/// The password form's fields.
#[derive(Debug, Deserialize)]
pub struct PasswordFields {
    email: String,
    password: String,
}

impl ProofFields for PasswordFields {
    fn proof(&self) -> PageProof<'_> {
        PageProof::Password {
            email: &self.email,
            password: &self.password,
        }
    }
}

/// The passkey form's fields, which `passkey.js` fills.
#[derive(Debug, Deserialize)]
pub struct PasskeyFields {
    challenge_id: String,
    /// `PublicKeyCredential.toJSON()` of the browser's answer, as JSON text.
    credential: String,
}

impl ProofFields for PasskeyFields {
    fn proof(&self) -> PageProof<'_> {
        PageProof::Passkey {
            challenge_id: &self.challenge_id,
            credential: &self.credential,
        }
    }
}

/// Where a sign-in goes on to, and how its form is shown again.
pub(super) struct Onward<'a, R: Fn(StatusCode, &str) -> Response> {
    /// Where the browser goes once signed in (303).
    pub location: &'a str,
    /// The sign-in page's `form-action` origin, which the code page keeps.
    pub form_target: &'a str,
    /// The form again with a reason, under the given status.
    pub retry: R,
}

/// Proves who the person is by `proof`, then signs them in and sends them on as `onward`
/// says; or shows the form again with the reason, and `Retry-After` when throttled.
pub(super) async fn sign_in_then_go<R: Fn(StatusCode, &str) -> Response>(
    state: &AppState,
    arrival: &Arrival,
    jar: CookieJar,
    proof: PageProof<'_>,
    onward: Onward<'_, R>,
) -> Result<Response, PageError> {
    match proof {
        PageProof::Password { email, password } => {
            password_then_go(state, arrival, jar, (email, password), onward).await
        }
        PageProof::Passkey {
            challenge_id,
            credential,
        } => {
            match passkey_user(state, arrival, challenge_id, credential).await {
                Ok(user) => Ok(session_then_go(state, arrival, jar, user, onward.location).await),
                Err(PasskeyError::Internal(err)) => Err(PageError::Internal(err)),
                Err(refused) => {
                    let status = match refused {
                        PasskeyError::TooManyChallenges => StatusCode::TOO_MANY_REQUESTS,
                        // The form again with its message, as after a wrong password.
                        _ => StatusCode::OK,
                    };
                    Ok((onward.retry)(status, &refused.to_string()))
                }
            }
        }
    }
}

async fn password_then_go<R: Fn(StatusCode, &str) -> Response>(
    state: &AppState,
    arrival: &Arrival,
    jar: CookieJar,
    (email, password): (&str, &str),
    onward: Onward<'_, R>,
) -> Result<Response, PageError> {
    let address = sign_in::address_of(&arrival.address.0);
    let user = match sign_in::check_password(state, email, password, address).await {
        Ok(user) => user,
        Err(SignInError::Internal(err)) => return Err(PageError::Internal(err)),
        Err(refused) => {
            let status = match refused {
                SignInError::Throttled(_) => StatusCode::TOO_MANY_REQUESTS,
                SignInError::Busy => StatusCode::SERVICE_UNAVAILABLE,
                // The form again with its message: a 401 would need a `WWW-Authenticate`
                // challenge (RFC 9110 section 15.5.2), which a form has not.
                _ => StatusCode::OK,
            };
            let mut page = (onward.retry)(status, &refused.to_string());
            if let Some(seconds) = refused.retry_after() {
                page.headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, seconds.into());
            }
            return Ok(page);
        }
    };
    match pending::after_password(state, user).await {
        Ok(AfterPassword::SignedIn(user)) => {
            Ok(session_then_go(state, arrival, jar, user, onward.location).await)
        }
        Ok(AfterPassword::SecondFactor(challenge)) => Ok(super::second_factor::first_code_page(
            &challenge,
            onward.location,
            onward.form_target,
        )),
        Err(err) => Err(PageError::Internal(anyhow::anyhow!(err))),
    }
}

/// The person a pages' passkey form proves, with the sign-in recorded.
async fn passkey_user(
    state: &AppState,
    arrival: &Arrival,
    challenge_id: &str,
    credential: &str,
) -> Result<UserRow, PasskeyError> {
    match serde_json::from_str::<serde_json::Value>(credential) {
        Ok(credential) => verification::sign_in(state, arrival, challenge_id, &credential).await,
        Err(_) => Err(PasskeyError::Malformed),
    }
}

/// Starts a session for `user` (signed in by password, a second factor, or passkey) and sends
/// the browser on to `location` (303).
pub(super) async fn session_then_go(
    state: &AppState,
    arrival: &Arrival,
    jar: CookieJar,
    user: UserRow,
    location: &str,
) -> Response {
    let jar = match sessions::start(state, jar, user, arrival).await {
        Ok((jar, _)) => jar,
        // As the console API answers it (this step is shared with console sign-in).
        Err(err) => return err.into_response(),
    };
    (jar, super::redirect::see_other(location)).into_response()
}
