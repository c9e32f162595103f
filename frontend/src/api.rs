//! The only module that talks HTTP. Every call is typed with the `shared` crate's request and
//! response types, and every failure becomes an `ApiFailure` the pages show in words.
//!
//! This module also keeps the session's CSRF token: it learns it from every `SessionInfo`
//! the server sends and adds it to every state-changing request, so pages never handle it.

mod account;
mod admin;
mod apis;
mod client_documents;
mod connections;
mod failure;
mod first_screen;
mod passkeys;
mod reauthentication;
mod secrets;
mod teams;
mod two_factor;

use std::cell::RefCell;

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::api::{
    AppDetail, AppDraft, AppSummary, CreatedApp, Page, ServerInfo, SessionInfo, SetDisabledRequest,
    SignInOutcome, SignInRequest, SignUpRequest,
};

pub use account::{
    account_log, change_password, complete_password_reset, end_other_sessions, end_session,
    request_password_reset, sessions,
};
pub use admin::{
    built_in_api, delete_self_registered_client, initial_access_tokens, mint_initial_access_token,
    revoke_initial_access_token, self_registered_clients, set_built_in_api, take_over,
};
pub use apis::{api, api_metadata, apis, apis_of, create_api, delete_api, move_api};
pub use client_documents::{client_documents, set_client_document_blocked};
pub use connections::{connections, revoke_connection};
pub use failure::ApiFailure;
pub use passkeys::{
    add_passkey, passkeys, prove_second_factor_with_passkey, remove_passkey, rename_passkey,
    sign_in_with_passkey,
};
pub use reauthentication::{finish_reauthentication, on_reauthentication_required, reauthenticate};
pub use secrets::{audit_log, create_secret, reset_app, revoke_secret, secrets};
pub use teams::{
    accept_invitation, change_role, create_team, delete_team, invitation, invitations, invite,
    move_app, remove_member, revoke_invitation, team, team_audit, teams, Whose,
};
pub use two_factor::{
    begin_totp, confirm_totp, new_recovery_codes, prove_second_factor, set_two_factor_policy,
    turn_off_totp, two_factor_policy, two_factor_status,
};

const BASE: &str = "/api/v1";

thread_local! {
    static CSRF_TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Called when the server says the session is gone (401), so the console can show the
    /// sign-in page instead of a page of errors.
    static ON_SIGNED_OUT: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
}

/// Registers what to do when a request finds the session has ended.
pub fn on_signed_out(callback: impl Fn() + 'static) {
    ON_SIGNED_OUT.with(|slot| *slot.borrow_mut() = Some(Box::new(callback)));
}

fn remember(session: &SessionInfo) {
    CSRF_TOKEN.with(|token| *token.borrow_mut() = Some(session.csrf_token.clone()));
}

fn forget_session() {
    CSRF_TOKEN.with(|token| *token.borrow_mut() = None);
}

pub async fn server_info() -> Result<ServerInfo, ApiFailure> {
    match first_screen::server() {
        Some(server) => Ok(server),
        None => get("/server").await,
    }
}

/// Who is signed in as the page said when it was sent, if it said and nobody asked yet.
pub fn first_screen_session() -> Option<Option<SessionInfo>> {
    let session = first_screen::session()?;
    learn(&session);
    Some(session)
}

/// Who is signed in, or `None` when nobody is.
pub async fn current_session() -> Result<Option<SessionInfo>, ApiFailure> {
    if let Some(session) = first_screen_session() {
        return Ok(session);
    }
    let session = get::<Option<SessionInfo>>("/session").await?;
    learn(&session);
    Ok(session)
}

fn learn(session: &Option<SessionInfo>) {
    match session {
        Some(session) => remember(session),
        None => forget_session(),
    }
}

/// Signed in, or the password was right and a second factor is due.
pub async fn sign_in(request: &SignInRequest) -> Result<SignInOutcome, ApiFailure> {
    let outcome: SignInOutcome = send(Request::post(&url("/session")), Some(request)).await?;
    if let SignInOutcome::SignedIn(session) = &outcome {
        remember(session);
    }
    Ok(outcome)
}

pub async fn sign_up(request: &SignUpRequest) -> Result<SessionInfo, ApiFailure> {
    let session: SessionInfo = send(Request::post(&url("/accounts")), Some(request)).await?;
    remember(&session);
    Ok(session)
}

pub async fn sign_out() -> Result<(), ApiFailure> {
    let result = delete("/session").await;
    // An already-ended session is signed out too.
    match result {
        Err(failure) if !failure.is_unauthenticated() => Err(failure),
        _ => {
            forget_session();
            Ok(())
        }
    }
}

/// Which apps to list: a name filter, whose apps, where the previous page ended, and how
/// many (the server's default page when `None`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AppQuery {
    pub name: String,
    pub whose: Whose,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

pub async fn list_apps(query: &AppQuery) -> Result<Page<AppSummary>, ApiFailure> {
    let first_page = AppQuery {
        limit: Some(shared::api::APPS_PAGE_SIZE),
        ..AppQuery::default()
    };
    if *query == first_page {
        if let Some(page) = first_screen::first_apps_page() {
            return Ok(page);
        }
    }
    let mut params = url::form_urlencoded::Serializer::new(String::new());
    query.whose.append_to(&mut params);
    if !query.name.trim().is_empty() {
        params.append_pair("q", query.name.trim());
    }
    if let Some(cursor) = &query.cursor {
        params.append_pair("cursor", cursor);
    }
    if let Some(limit) = query.limit {
        params.append_pair("limit", &limit.to_string());
    }
    get(&format!("/apps?{}", params.finish())).await
}

pub async fn create_app(draft: &AppDraft) -> Result<CreatedApp, ApiFailure> {
    send(Request::post(&url("/apps")), Some(draft)).await
}

pub async fn app(client_id: &str) -> Result<AppDetail, ApiFailure> {
    get(&app_path(client_id)).await
}

pub async fn update_app(client_id: &str, draft: &AppDraft) -> Result<AppDetail, ApiFailure> {
    send(Request::put(&url(&app_path(client_id))), Some(draft)).await
}

pub async fn delete_app(client_id: &str) -> Result<(), ApiFailure> {
    delete(&app_path(client_id)).await
}

pub async fn set_disabled(client_id: &str, disabled: bool) -> Result<AppDetail, ApiFailure> {
    let path = format!("{}/disabled", app_path(client_id));
    send(
        Request::put(&url(&path)),
        Some(&SetDisabledRequest { disabled }),
    )
    .await
}

/// The address of an app icon (`icon_url` from the API) at one of the sizes the server renders.
pub fn icon_src(icon_url: &str, size: u32) -> String {
    let separator = if icon_url.contains('?') { '&' } else { '?' };
    format!("{icon_url}{separator}size={size}")
}

fn app_path(client_id: &str) -> String {
    format!("/apps/{}", segment(client_id))
}

/// A value from the address bar or a row, encoded to stay one path segment.
fn segment(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

fn url(path: &str) -> String {
    format!("{BASE}{path}")
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    parse(&get_text(path).await?)
}

async fn delete(path: &str) -> Result<(), ApiFailure> {
    send_empty(Request::delete(&url(path))).await
}

/// The body of a successful `GET`. Not generic, so its request and await machinery is in the
/// wasm once instead of once per response type.
async fn get_text(path: &str) -> Result<String, ApiFailure> {
    let response = Request::get(&url(path))
        .send()
        .await
        .map_err(ApiFailure::network)?;
    body_text(response).await
}

/// A state-changing request: carries the CSRF token, and a JSON body when there is one.
fn with_token(builder: RequestBuilder) -> RequestBuilder {
    first_screen::forget();
    match CSRF_TOKEN.with(|token| token.borrow().clone()) {
        Some(token) => builder.header("X-CSRF-Token", &token),
        None => builder,
    }
}

async fn send<B: Serialize, T: DeserializeOwned>(
    builder: RequestBuilder,
    body: Option<&B>,
) -> Result<T, ApiFailure> {
    read(dispatch(builder, body).await?).await
}

/// Sends a state-changing request (CSRF token, JSON body when there is one); any status.
/// When the server first wants the password again (sudo mode), the person is asked in place
/// and the same request is sent once more (`reauthentication.rs`); cancelling gives the
/// server's refusal.
async fn dispatch<B: Serialize>(
    builder: RequestBuilder,
    body: Option<&B>,
) -> Result<Response, ApiFailure> {
    let builder = with_token(builder);
    let request = match body {
        Some(body) => builder.json(body),
        None => builder.build(),
    }
    .map_err(|err| ApiFailure::Unexpected(err.to_string()))?;
    let request = web_sys::Request::from(request);
    // JavaScript's `Request.clone()`, body included: the copy to send again.
    let spare = request.clone().map_err(reauthentication::unexpected)?;
    let response = Request::from(request)
        .send()
        .await
        .map_err(ApiFailure::network)?;
    match reauthentication::outcome(response).await? {
        reauthentication::Outcome::Answer(response) => Ok(response),
        reauthentication::Outcome::PasswordAsked(refusal) => {
            if !reauthentication::confirmed().await {
                return Err(refusal);
            }
            Request::from(spare)
                .send()
                .await
                .map_err(ApiFailure::network)
        }
    }
}

/// A request whose success has no body (204).
async fn send_empty(builder: RequestBuilder) -> Result<(), ApiFailure> {
    send_for_status::<()>(builder, None).await
}

/// A request, with a JSON body when there is one, whose success has no body (204).
async fn send_for_status<B: Serialize>(
    builder: RequestBuilder,
    body: Option<&B>,
) -> Result<(), ApiFailure> {
    let response = dispatch(builder, body).await?;
    if response.ok() {
        return Ok(());
    }
    Err(failure_of(response).await)
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiFailure> {
    parse(&body_text(response).await?)
}

/// A successful answer's body, or the failure it reports.
async fn body_text(response: Response) -> Result<String, ApiFailure> {
    if response.ok() {
        return response
            .text()
            .await
            .map_err(|err| ApiFailure::Unexpected(err.to_string()));
    }
    Err(failure_of(response).await)
}

fn parse<T: DeserializeOwned>(body: &str) -> Result<T, ApiFailure> {
    serde_json::from_str(body).map_err(|err| ApiFailure::Unexpected(err.to_string()))
}

async fn failure_of(response: Response) -> ApiFailure {
    let failure = ApiFailure::from_response(response).await;
    // A 401 on anything but signing in means the session ended (expired, signed out
    // elsewhere): tell the console, which then asks the person to sign in again.
    if failure.is_unauthenticated() && failure.code() != Some("invalid_credentials") {
        forget_session();
        ON_SIGNED_OUT.with(|callback| {
            if let Some(callback) = callback.borrow().as_ref() {
                callback();
            }
        });
    }
    failure
}
