//! "Not you?" on the consent page: ends the session in this browser and starts the same
//! authorization request again, which then asks who is signing in.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::from_this_site::FromThisSite;
use super::pages::error_page;
use super::redirect::see_other;
use crate::auth::current_user::session_of;
use crate::auth::session_cookie::expired_session_cookie;
use crate::crypto::constant_time_eq;
use crate::state::AppState;

pub const SWITCH_ACCOUNT: &str = "/oauth/switch-account";

#[derive(Debug, Deserialize)]
pub struct SwitchAccount {
    request: String,
    csrf_token: String,
}

pub async fn switch_account(
    State(state): State<AppState>,
    _: FromThisSite,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<SwitchAccount>,
) -> Response {
    match session_of(&state, &headers).await {
        // Like the consent decision, it carries the session's CSRF token: another site cannot
        // sign the user out.
        Ok(Some((session, hash))) if constant_time_eq(&form.csrf_token, &session.csrf_token) => {
            if let Err(err) = state.store.delete_session(&hash).await {
                tracing::error!(error = ?err, "ending a session for an account switch failed");
                return error_page(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong",
                    "Try again.",
                );
            }
        }
        Ok(Some(_)) => {
            return error_page(
                StatusCode::FORBIDDEN,
                "Request refused",
                "This form is not valid any more. Start over from the app.",
            )
        }
        // Already signed out (another tab): carry on to the sign-in page all the same.
        Ok(None) => {}
        Err(err) => return err.into_response(),
    }
    let jar = jar.add(expired_session_cookie(state.config.secure_cookies()));
    let location = format!("{}?{}", shared::endpoints::AUTHORIZATION, form.request);
    (jar, see_other(&location)).into_response()
}
