//! The authorization endpoint (RFC 6749 section 4.1): `GET /oauth/authorize` signs the user in
//! if needed, asks for consent if needed, and redirects back with a code;
//! `POST /oauth/authorize` takes the consent decision (checked in `decision.rs`, carried out by
//! `ConsentFor`); `POST /oauth/sign-in` the sign-in form.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::authorize_request::{self, AuthorizeRequest};
use super::decision::{remember_consent, Decided, Decides};
use super::from_this_site::FromThisSite;
use super::page_error::{answer, PageError};
use super::page_sign_in::{sign_in_then_go, Onward, ProofFields, SignInPost};
use super::pages::consent::{consent_page, ConsentForm, Flow};
use super::pages::sign_in::{sign_in_page, SignInForm};
use super::redirect;
use crate::auth::current_user::session_of;
use crate::auth::sessions::Arrival;
use crate::crypto::{new_token, token_key};
use crate::state::AppState;
use crate::store::sessions::SessionWithUser;
use crate::store::tokens::NewCode;

pub const CODE_PREFIX: &str = "cac_";

pub async fn authorize(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let query = query.unwrap_or_default();
    answer(&state, authorize_or_stop(&state, &query, &headers).await)
}

async fn authorize_or_stop(
    state: &AppState,
    query: &str,
    headers: &HeaderMap,
) -> Result<Response, PageError> {
    let request = authorize_request::parse(state, query).await?;
    let session = session_of(state, headers)
        .await?
        .map(|(session, _)| session);
    let now = state.now();
    let fresh_enough = |session: &SessionWithUser| {
        request
            .max_age
            .is_none_or(|age| now - session.created_at <= age)
    };
    let session = match session {
        Some(session) if !request.prompts("login") && fresh_enough(&session) => session,
        _ if request.prompts("none") => {
            return Ok(error_back(
                state,
                &request,
                "login_required",
                "The user is not signed in.",
            ))
        }
        _ => {
            let app_name = crate::client_documents::shown_name(&request.app);
            let email = request.login_hint.as_deref().unwrap_or_default();
            let form = sign_in_form(state, &request, &app_name, email, None);
            return Ok(sign_in_page(StatusCode::OK, &form));
        }
    };
    let consented = state
        .store
        .consent(&session.user.id, &request.app.client_id)
        .await?;
    let covered = consented
        .as_ref()
        .is_some_and(|consented| consented.satisfies(&request.scopes));
    if covered && !request.prompts("consent") {
        return issue_code(state, &request, &session).await;
    }
    if request.prompts("none") {
        return Ok(error_back(
            state,
            &request,
            "consent_required",
            "The user has not authorized these scopes.",
        ));
    }
    Ok(consent_page(&ConsentForm {
        app: &request.app,
        scopes: &request.scopes,
        resources: &request.resources,
        catalogue: &request.catalogue,
        user_email: &session.user.email,
        csrf_token: &session.csrf_token,
        flow: Flow::Authorize {
            raw_query: &request.raw_query,
            redirect_uri: &request.redirect_uri,
            redirect_target: redirect::form_target(&request.redirect_uri),
        },
    }))
}

/// The rest of the consent form: the authorization request it answers.
#[derive(Debug, Deserialize)]
pub struct ConsentFor {
    request: String,
}

impl Decides for ConsentFor {
    const START_OVER: &'static str = "Start over from the app.";

    async fn carry_out(
        self,
        state: &AppState,
        Decided { session, allow }: Decided,
    ) -> Result<Response, PageError> {
        let request = authorize_request::parse(state, &self.request).await?;
        if !allow {
            return Ok(error_back(
                state,
                &request,
                "access_denied",
                "The user denied the request.",
            ));
        }
        remember_consent(
            state,
            &session.user.id,
            &request.app.client_id,
            &request.scopes,
        )
        .await?;
        issue_code(state, &request, &session).await
    }
}

/// `POST` of a sign-in form (the password's, the passkey's): from this site only, for a
/// request that still parses (`continue` carries its query). Signs the person in and sends the
/// browser on with the request, or shows the form again with the reason.
pub async fn sign_in<F: ProofFields>(
    State(state): State<AppState>,
    _: FromThisSite,
    arrival: Arrival,
    jar: CookieJar,
    Form(form): Form<SignInPost<F>>,
) -> Response {
    let result = async {
        let request = authorize_request::parse(&state, &form.then).await?;
        let proof = form.fields.proof();
        let app_name = crate::client_documents::shown_name(&request.app);
        let retry = |status: StatusCode, error: &str| {
            let page = sign_in_form(
                &state,
                &request,
                &app_name,
                proof.typed_email(),
                Some(error),
            );
            sign_in_page(status, &page)
        };
        let onward = Onward {
            location: &after_sign_in(&request),
            form_target: &redirect::form_target(&request.redirect_uri),
            retry,
        };
        sign_in_then_go(&state, &arrival, jar, proof, onward).await
    }
    .await;
    answer(&state, result)
}

/// Where the authorization pages' sign-in form posts.
pub const SIGN_IN: &str = "/oauth/sign-in";

fn resume_authorization(raw_query: &str) -> String {
    format!("{}?{raw_query}", shared::endpoints::AUTHORIZATION)
}

/// The authorization pages' sign-in form for `request` (password, and passkey where the
/// browser can).
pub(super) fn sign_in_form<'a>(
    state: &AppState,
    request: &'a AuthorizeRequest,
    app_name: &'a str,
    email: &'a str,
    error: Option<&'a str>,
) -> SignInForm<'a> {
    SignInForm {
        app_name,
        continue_query: &request.raw_query,
        action: SIGN_IN,
        resume: resume_authorization(&request.raw_query),
        email,
        error,
        redirect_target: redirect::form_target(&request.redirect_uri),
        reset_by_mail: state.mailer.is_some(),
        passkey_action: Some(super::page_sign_in::AUTHORIZATION_PASSKEY),
    }
}

/// Where the browser goes once signed in: the authorization request again, without what
/// asked for a sign-in (`prompt=login`, `max_age`).
pub(super) fn after_sign_in(request: &AuthorizeRequest) -> String {
    format!(
        "{}?{}",
        shared::endpoints::AUTHORIZATION,
        request.query_after_sign_in()
    )
}

async fn issue_code(
    state: &AppState,
    request: &AuthorizeRequest,
    session: &SessionWithUser,
) -> Result<Response, PageError> {
    // Time-ordered like tokens: its key, which also names the grant of the tokens it yields,
    // then lands at the end of each index (see `crypto::token_key`).
    let code = new_token(CODE_PREFIX);
    let now = state.now();
    let scopes = request.scopes.to_canonical_string();
    let resources = request.resources.to_column();
    state
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
            resources: &resources,
        })
        .await?;
    let issuer = state.config.issuer();
    let mut params = vec![("code", code.as_str())];
    if let Some(value) = request.state.as_deref() {
        params.push(("state", value));
    }
    params.push(("iss", issuer.as_str()));
    Ok(redirect::to_client(&request.redirect_uri, &params))
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
