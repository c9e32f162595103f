//! The authorization endpoint (RFC 6749 section 4.1): `GET /oauth/authorize` signs the user in
//! if needed, asks for consent if needed, and redirects back with a code;
//! `POST /oauth/authorize` takes the consent decision; `POST /oauth/sign-in` the sign-in form.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use shared::scope::ScopeSet;

use super::authorize_request::{self, AuthorizeRequest, Rejection};
use super::pages::consent::{consent_page, ConsentForm};
use super::pages::error_page;
use super::pages::sign_in::{sign_in_page, SignInForm};
use super::redirect;
use crate::auth::current_user::session_of;
use crate::auth::origin_check::from_this_site_or_program;
use crate::auth::sessions;
use crate::auth::sign_in::{self, SignInError};
use crate::client_address::ClientAddress;
use crate::crypto::{constant_time_eq, new_token, token_key};
use crate::state::AppState;
use crate::store::sessions::SessionWithUser;
use crate::store::tokens::NewCode;

pub const CODE_PREFIX: &str = "cac_";

pub async fn authorize(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let request = match authorize_request::parse(&state, query.as_deref().unwrap_or_default()).await
    {
        Ok(request) => request,
        Err(rejection) => return reject(&state, rejection),
    };
    let session = match session_of(&state, &headers).await {
        Ok(session) => session.map(|(session, _)| session),
        Err(err) => return internal(err),
    };
    let now = state.now();
    let fresh_enough = |session: &SessionWithUser| {
        request
            .max_age
            .is_none_or(|age| now - session.created_at <= age)
    };
    let session = match session {
        Some(session) if !request.prompts("login") && fresh_enough(&session) => session,
        _ if request.prompts("none") => {
            return error_back(
                &state,
                &request,
                "login_required",
                "The user is not signed in.",
            )
        }
        _ => {
            let form = SignInForm {
                app_name: &request.app.name,
                continue_query: &request.raw_query,
                email: request.login_hint.as_deref().unwrap_or_default(),
                error: None,
                redirect_target: redirect::form_target(&request.redirect_uri),
            };
            return sign_in_page(StatusCode::OK, &form);
        }
    };
    let consented = match state
        .store
        .consent(&session.user.id, &request.app.client_id)
        .await
    {
        Ok(scopes) => scopes,
        Err(err) => return internal(err),
    };
    let covered = consented
        .as_ref()
        .is_some_and(|consented| consented.satisfies(&request.scopes));
    if covered && !request.prompts("consent") {
        return issue_code(&state, &request, &session).await;
    }
    if request.prompts("none") {
        return error_back(
            &state,
            &request,
            "consent_required",
            "The user has not authorized these scopes.",
        );
    }
    consent_page(&ConsentForm {
        app: &request.app,
        scopes: &request.scopes,
        user_email: &session.user.email,
        raw_query: &request.raw_query,
        csrf_token: &session.csrf_token,
        redirect_uri: &request.redirect_uri,
        redirect_target: redirect::form_target(&request.redirect_uri),
    })
}

#[derive(Debug, Deserialize)]
pub struct Decision {
    request: String,
    csrf_token: String,
    decision: String,
}

pub async fn decide(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<Decision>,
) -> Response {
    if !from_this_site_or_program(&state, &headers) {
        return error_page(
            StatusCode::FORBIDDEN,
            "Request refused",
            "This form was not sent from this site.",
        );
    }
    let session = match session_of(&state, &headers).await {
        Ok(Some((session, _))) => session,
        Ok(None) => {
            return error_page(
                StatusCode::UNAUTHORIZED,
                "Your session ended",
                "Sign in again by starting over from the app.",
            )
        }
        Err(err) => return internal(err),
    };
    // The consent form carries the session's CSRF token: another site cannot forge a decision.
    if !constant_time_eq(&form.csrf_token, &session.csrf_token) {
        return error_page(
            StatusCode::FORBIDDEN,
            "Request refused",
            "This consent form is not valid any more. Start over from the app.",
        );
    }
    let request = match authorize_request::parse(&state, &form.request).await {
        Ok(request) => request,
        Err(rejection) => return reject(&state, rejection),
    };
    match form.decision.as_str() {
        "allow" => {}
        "deny" => {
            return error_back(
                &state,
                &request,
                "access_denied",
                "The user denied the request.",
            )
        }
        _ => {
            return error_page(
                StatusCode::BAD_REQUEST,
                "Request refused",
                "Choose Allow or Deny.",
            )
        }
    }
    let existing = match state
        .store
        .consent(&session.user.id, &request.app.client_id)
        .await
    {
        Ok(scopes) => scopes.unwrap_or_default(),
        Err(err) => return internal(err),
    };
    let remembered = union(&existing, &request.scopes);
    if let Err(err) = state
        .store
        .save_consent(
            &session.user.id,
            &request.app.client_id,
            &remembered.to_canonical_string(),
            state.now(),
        )
        .await
    {
        return internal(err);
    }
    issue_code(&state, &request, &session).await
}

#[derive(Debug, Deserialize)]
pub struct SignInPost {
    email: String,
    password: String,
    #[serde(rename = "continue")]
    continue_query: String,
}

pub async fn sign_in(
    State(state): State<AppState>,
    address: ClientAddress,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<SignInPost>,
) -> Response {
    if !from_this_site_or_program(&state, &headers) {
        return error_page(
            StatusCode::FORBIDDEN,
            "Request refused",
            "This form was not sent from this site.",
        );
    }
    let request = match authorize_request::parse(&state, &form.continue_query).await {
        Ok(request) => request,
        Err(rejection) => return reject(&state, rejection),
    };
    let retry = |status: StatusCode, error: &str| {
        let page = SignInForm {
            app_name: &request.app.name,
            continue_query: &request.raw_query,
            email: &form.email,
            error: Some(error),
            redirect_target: redirect::form_target(&request.redirect_uri),
        };
        sign_in_page(status, &page)
    };
    let user = match sign_in::check_password(
        &state,
        &form.email,
        &form.password,
        sign_in::address_of(&address.0),
    )
    .await
    {
        Ok(user) => user,
        Err(SignInError::Internal(err)) => return internal(err),
        Err(refused) => {
            let status = match refused {
                SignInError::Throttled(_) => StatusCode::TOO_MANY_REQUESTS,
                SignInError::Busy => StatusCode::SERVICE_UNAVAILABLE,
                // The form again with its message: a 401 would need a `WWW-Authenticate`
                // challenge (RFC 9110 section 15.5.2), which a form has not.
                _ => StatusCode::OK,
            };
            let mut page = retry(status, &refused.to_string());
            if let Some(seconds) = refused.retry_after() {
                page.headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, seconds.into());
            }
            return page;
        }
    };
    let jar = match sessions::start(&state, jar, user).await {
        Ok((jar, _)) => jar,
        Err(err) => return err.into_response(),
    };
    let location = format!(
        "{}?{}",
        shared::endpoints::AUTHORIZATION,
        request.query_after_sign_in()
    );
    let mut response = (jar, StatusCode::SEE_OTHER).into_response();
    if let Ok(value) = location.parse() {
        response
            .headers_mut()
            .insert(axum::http::header::LOCATION, value);
    }
    super::pages::layout::security_headers(response.headers_mut());
    response
}

async fn issue_code(
    state: &AppState,
    request: &AuthorizeRequest,
    session: &SessionWithUser,
) -> Response {
    // Time-ordered like tokens: its key, which also names the grant of the tokens it yields,
    // then lands at the end of each index (see `crypto::token_key`).
    let code = new_token(CODE_PREFIX);
    let now = state.now();
    let scopes = request.scopes.to_canonical_string();
    let stored = state
        .store
        .insert_code(&NewCode {
            code_hash: &token_key(&code),
            client_id: &request.app.client_id,
            user_id: &session.user.id,
            redirect_uri: &request.redirect_uri,
            scopes: &scopes,
            code_challenge: request.code_challenge.as_deref(),
            nonce: request.nonce.as_deref(),
            auth_time: session.created_at,
            created_at: now,
            expires_at: now + state.config.lifetimes.code,
        })
        .await;
    if let Err(err) = stored {
        return internal(err);
    }
    let issuer = state.config.issuer();
    let mut params = vec![("code", code.as_str())];
    if let Some(value) = request.state.as_deref() {
        params.push(("state", value));
    }
    params.push(("iss", issuer.as_str()));
    redirect::to_client(&request.redirect_uri, &params)
}

fn reject(state: &AppState, rejection: Rejection) -> Response {
    match rejection {
        Rejection::Page { title, detail } => error_page(StatusCode::BAD_REQUEST, &title, &detail),
        Rejection::Redirect {
            redirect_uri,
            state: client_state,
            error,
            description,
        } => redirect::error_to_client(
            &redirect_uri,
            client_state.as_deref(),
            &state.config.issuer(),
            error,
            &description,
        ),
    }
}

fn error_back(
    state: &AppState,
    request: &AuthorizeRequest,
    error: &str,
    description: &str,
) -> Response {
    redirect::error_to_client(
        &request.redirect_uri,
        request.state.as_deref(),
        &state.config.issuer(),
        error,
        description,
    )
}

fn internal(err: impl Into<anyhow::Error>) -> Response {
    let err: anyhow::Error = err.into();
    tracing::error!(error = ?err, "authorization failed");
    error_page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong",
        "The server could not complete the request. Try again.",
    )
}

/// Everything in either set, each resource at the higher access.
fn union(a: &ScopeSet, b: &ScopeSet) -> ScopeSet {
    let mut all = a.clone();
    for resource in shared::scope::Resource::ALL {
        let access = [a.access(resource), b.access(resource)]
            .into_iter()
            .flatten()
            .max();
        all.set_access(resource, access);
    }
    for identity in shared::scope::IdentityScope::ALL {
        all.set_identity(
            identity,
            a.has_identity(identity) || b.has_identity(identity),
        );
    }
    all
}
