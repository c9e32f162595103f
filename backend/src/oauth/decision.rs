//! The one decision step of the authorization pages: a person's Allow or Deny on a consent
//! page, for an authorization request (`POST /oauth/authorize`) or a device's request
//! (`POST /device`, RFC 8628 section 3.3). Both forms are checked the same way here; what the
//! decision then does is the flow's own ([`Decides::carry_out`]).

use std::future::Future;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::from_this_site::FromThisSite;
use super::page_error::{answer, PageError};
use super::pages::error_page;
use crate::auth::current_user::session_of;
use crate::crypto::constant_time_eq;
use crate::state::AppState;
use crate::store::sessions::SessionWithUser;

/// A decision form: the session's CSRF token, the choice, and what the flow decides on.
#[derive(Debug, Deserialize)]
pub struct Decision<T> {
    csrf_token: String,
    decision: String,
    #[serde(flatten)]
    on: T,
}

/// What a decision is about (the rest of its form), and what it then does.
pub trait Decides: DeserializeOwned + Send {
    /// How to try again when the form is refused.
    const START_OVER: &'static str;

    /// Carries out the decision of a form that passed the checks.
    fn carry_out(
        self,
        state: &AppState,
        decided: Decided,
    ) -> impl Future<Output = Result<Response, PageError>> + Send;
}

/// A decision form that passed the checks: who decided, and whether they allowed.
pub struct Decided {
    pub session: SessionWithUser,
    pub allow: bool,
}

/// `POST` of a decision form.
pub async fn decide<T: Decides>(
    State(state): State<AppState>,
    _: FromThisSite,
    headers: HeaderMap,
    Form(form): Form<Decision<T>>,
) -> Response {
    let outcome = match checked(
        &state,
        &headers,
        &form.csrf_token,
        &form.decision,
        T::START_OVER,
    )
    .await
    {
        Ok(Ok(decided)) => form.on.carry_out(&state, decided).await,
        Ok(Err(refused)) => Ok(refused),
        Err(err) => Err(err),
    };
    answer(&state, outcome)
}

/// What every decision form must be, besides posted from this site ([`FromThisSite`]): sent by a
/// signed-in person, with their session's CSRF token, which another site cannot read, and
/// saying Allow or Deny. `Err` is
/// the page to answer with; `start_over` says how to try again.
async fn checked(
    state: &AppState,
    headers: &HeaderMap,
    csrf_token: &str,
    decision: &str,
    start_over: &str,
) -> Result<Result<Decided, Response>, PageError> {
    let Some((session, _)) = session_of(state, headers).await? else {
        return Ok(Err(error_page(
            StatusCode::UNAUTHORIZED,
            "Your session ended",
            &format!("Sign in again. {start_over}"),
        )));
    };
    if !constant_time_eq(csrf_token, &session.csrf_token) {
        return Ok(Err(error_page(
            StatusCode::FORBIDDEN,
            "Request refused",
            &format!("This form is not valid any more. {start_over}"),
        )));
    }
    let allow = match decision {
        "allow" => true,
        "deny" => false,
        _ => {
            return Ok(Err(error_page(
                StatusCode::BAD_REQUEST,
                "Request refused",
                "Choose Allow or Deny.",
            )))
        }
    };
    Ok(Ok(Decided { session, allow }))
}

/// Remembers that the person allowed `scopes`, with what they allowed the app before, so the
/// same request does not ask again.
pub async fn remember_consent(
    state: &AppState,
    user_id: &str,
    client_id: &str,
    scopes: &shared::scope::ScopeSet,
) -> Result<(), PageError> {
    let existing = state
        .store
        .consent(user_id, client_id)
        .await?
        .unwrap_or_default();
    let remembered = existing.union(scopes);
    state
        .store
        .save_consent(
            user_id,
            client_id,
            &remembered.to_canonical_string(),
            state.now(),
        )
        .await?;
    Ok(())
}
