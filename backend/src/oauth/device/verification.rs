//! `/device` (RFC 8628 section 3.3): the person enters the user code their device shows (or
//! arrives with it filled in through `verification_uri_complete`), signs in, and allows or denies
//! the device on the same consent page apps get. Wrong codes are limited per address
//! (section 5.1: user codes are short, so guessing must be slow).

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use axum_extra::extract::CookieJar;
use maud::html;
use serde::Deserialize;
use shared::endpoints::DEVICE_VERIFICATION;

use super::user_code;
use crate::auth::current_user::session_of;
use crate::auth::sessions::Arrival;
use crate::client_address::ClientAddress;
use crate::oauth::decision::{remember_consent, Decided, Decides};
use crate::oauth::from_this_site::FromThisSite;
use crate::oauth::page_error::{answer, PageError};
use crate::oauth::page_sign_in::{sign_in_then_go, Onward, ProofFields, SignInPost};
use crate::oauth::pages::consent::{consent_page, ConsentForm, Flow};
use crate::oauth::pages::error_page;
use crate::oauth::pages::layout::page;
use crate::oauth::pages::sign_in::{sign_in_page, SignInForm};
use crate::state::AppState;

/// Where the device page's sign-in form posts.
pub const DEVICE_SIGN_IN: &str = "/device/sign-in";
/// Where the device page's passkey form posts (filled by `passkey.js`, as on the authorization
/// pages).
pub const DEVICE_PASSKEY_SIGN_IN: &str = "/device/sign-in/passkey";
/// User codes one address may try in `GUESS_WINDOW` seconds.
pub const GUESSES_PER_WINDOW: u32 = 20;
pub const GUESS_WINDOW: i64 = 900;

#[derive(Debug, Default, Deserialize)]
pub struct Entered {
    #[serde(default)]
    user_code: Option<String>,
}

/// `GET /device`: sign in if needed, then the code form, or the consent page for the code.
pub async fn show(
    State(state): State<AppState>,
    address: ClientAddress,
    headers: HeaderMap,
    Query(entered): Query<Entered>,
) -> Response {
    answer(
        &state,
        show_or_stop(&state, &address, &headers, entered).await,
    )
}

async fn show_or_stop(
    state: &AppState,
    address: &ClientAddress,
    headers: &HeaderMap,
    entered: Entered,
) -> Result<Response, PageError> {
    let typed = entered.user_code.unwrap_or_default();
    let Some((session, _)) = session_of(state, headers).await? else {
        return Ok(sign_in_page(
            StatusCode::OK,
            &sign_in_form(state, &typed, "", None),
        ));
    };
    if typed.trim().is_empty() {
        return Ok(code_page(StatusCode::OK, "", None));
    }
    if let Err(wait) = state.device_code_guesses.attempt(&address.0, state.now()) {
        let message = format!("Too many codes tried. Try again in {wait} seconds.");
        return Ok(code_page(
            StatusCode::TOO_MANY_REQUESTS,
            &typed,
            Some(&message),
        ));
    }
    let Some(code) = user_code::normalise(&typed) else {
        return Ok(code_page(StatusCode::OK, &typed, Some(NOT_VALID)));
    };
    let Some(request) = state.store.pending_device_code(&code, state.now()).await? else {
        return Ok(code_page(StatusCode::OK, &typed, Some(NOT_VALID)));
    };
    let Some(app) = state.store.app(&request.client_id).await? else {
        return Ok(code_page(StatusCode::OK, &typed, Some(NOT_VALID)));
    };
    if app.disabled {
        return Ok(error_page(
            StatusCode::FORBIDDEN,
            "This app is disabled",
            &format!("“{}” has been disabled by an administrator.", app.name),
        ));
    }
    let catalogue = state.catalogue().await?;
    let shown = user_code::display(&code);
    Ok(consent_page(&ConsentForm {
        app: &app,
        scopes: &request.scopes,
        resources: &request.resources,
        catalogue: &catalogue,
        user_email: &session.user.email,
        csrf_token: &session.csrf_token,
        flow: Flow::Device { user_code: &shown },
    }))
}

const NOT_VALID: &str = "That code is not valid or has expired. Check the code on your device.";

fn sign_in_form<'a>(
    state: &AppState,
    typed: &'a str,
    email: &'a str,
    error: Option<&'a str>,
) -> SignInForm<'a> {
    SignInForm {
        app_name: "your device",
        continue_query: typed,
        action: DEVICE_SIGN_IN,
        resume: resume(typed),
        email,
        error,
        redirect_target: "'self'".to_owned(),
        reset_by_mail: state.mailer.is_some(),
        passkey_action: Some(DEVICE_PASSKEY_SIGN_IN),
    }
}

fn resume(typed: &str) -> String {
    if typed.is_empty() {
        return DEVICE_VERIFICATION.to_owned();
    }
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("user_code", typed)
        .finish();
    format!("{DEVICE_VERIFICATION}?{query}")
}

/// The form where the person types the code their device shows.
fn code_page(status: StatusCode, typed: &str, error: Option<&str>) -> Response {
    page(
        status,
        "Connect a device",
        html! {
            h1 { "Connect a device" }
            p { "Enter the code your device shows." }
            @if let Some(error) = error {
                p class="error" role="alert" data-testid="device-error" { (error) }
            }
            form method="get" action=(DEVICE_VERIFICATION) {
                label for="user_code" { "Code" }
                input id="user_code" name="user_code" value=(typed) autocomplete="one-time-code"
                    autocapitalize="characters" spellcheck="false" maxlength="20" required autofocus;
                button type="submit" class="primary" { "Continue" }
            }
        },
        &[],
    )
}

/// `POST /device/sign-in` and `POST /device/sign-in/passkey`: from this site only (`continue`
/// carries the user code). Signs the person in and sends the browser back to `/device` with
/// the code, or shows the form again with the reason.
pub async fn sign_in<F: ProofFields>(
    State(state): State<AppState>,
    _: FromThisSite,
    arrival: Arrival,
    jar: CookieJar,
    Form(form): Form<SignInPost<F>>,
) -> Response {
    let (proof, user_code) = (form.fields.proof(), form.then.as_str());
    let retry = |status: StatusCode, error: &str| {
        let page = sign_in_form(&state, user_code, proof.typed_email(), Some(error));
        sign_in_page(status, &page)
    };
    let onward = Onward {
        location: &resume(user_code),
        form_target: "'self'",
        retry,
    };
    let result = sign_in_then_go(&state, &arrival, jar, proof, onward).await;
    answer(&state, result)
}

/// The rest of the device's consent form: the user code it answers.
#[derive(Debug, Deserialize)]
pub struct DeviceFor {
    user_code: String,
}

impl Decides for DeviceFor {
    const START_OVER: &'static str = "Enter the code again.";

    async fn carry_out(
        self,
        state: &AppState,
        Decided { session, allow }: Decided,
    ) -> Result<Response, PageError> {
        let now = state.now();
        let pending = match user_code::normalise(&self.user_code) {
            Some(code) => state.store.pending_device_code(&code, now).await?,
            None => None,
        };
        let Some(request) = pending else {
            return Ok(code_page(StatusCode::OK, "", Some(NOT_VALID)));
        };
        let approved_by = allow.then_some((session.user.id.as_str(), session.created_at));
        if !state
            .store
            .decide_device_code(&request.user_code, approved_by, now)
            .await?
        {
            return Ok(code_page(StatusCode::OK, "", Some(NOT_VALID)));
        }
        if allow {
            remember_consent(state, &session.user.id, &request.client_id, &request.scopes).await?;
        }
        Ok(done_page(allow))
    }
}

fn done_page(allowed: bool) -> Response {
    let (title, detail) = if allowed {
        (
            "Device connected",
            "You can return to your device: it continues on its own.",
        )
    } else {
        (
            "Access denied",
            "The device gets no access. You can close this page.",
        )
    };
    page(
        StatusCode::OK,
        title,
        html! {
            h1 data-testid="device-done" { (title) }
            p { (detail) }
            p class="hint" { "You can revoke access at any time under " a href="/connections" { "Connected apps" } "." }
        },
        &[],
    )
}
