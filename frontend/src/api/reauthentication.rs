//! Sudo mode in the console: when the server answers a sensitive request with 403
//! `reauthentication_required`, [`super::dispatch`] asks the person for their password in
//! place (the dialog registered with [`on_reauthentication_required`]), and once they confirm
//! it sends the very same request again, so the action they started completes without another
//! click. Cancelling gives the caller the server's refusal, shown where its errors go.
//!
//! Requests that arrive at the same time while the dialog is open all wait for the one answer.

use std::cell::RefCell;

use gloo_net::http::{Request, Response};
use shared::api::{ReauthenticateRequest, REAUTHENTICATION_REQUIRED};
use wasm_bindgen::JsValue;

use super::{send_for_status, url, ApiFailure};

thread_local! {
    /// Opens the password dialog.
    static ASK: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
    /// The `resolve` functions of the requests waiting for the dialog's answer.
    static WAITING: RefCell<Vec<js_sys::Function>> = const { RefCell::new(Vec::new()) };
}

/// Registers the dialog that asks for the password (the console mounts one).
pub fn on_reauthentication_required(ask: impl Fn() + 'static) {
    ASK.with(|slot| *slot.borrow_mut() = Some(Box::new(ask)));
}

/// The dialog's answer: `true` once the password was confirmed, `false` when cancelled.
pub fn finish_reauthentication(confirmed: bool) {
    let waiting = WAITING.with(|waiting| std::mem::take(&mut *waiting.borrow_mut()));
    for resolve in waiting {
        // A resolve function does not throw.
        let _ = resolve.call1(&JsValue::NULL, &JsValue::from_bool(confirmed));
    }
}

/// Proves again who the signed-in person is (`POST /session/reauthenticate`).
pub async fn reauthenticate(request: &ReauthenticateRequest) -> Result<(), ApiFailure> {
    let path = url("/session/reauthenticate");
    send_for_status(Request::post(&path), Some(request)).await
}

/// What came back for a request: an answer for the caller, or the server asking for the
/// password first (with its refusal, for when the person cancels).
pub(super) enum Outcome {
    Answer(Response),
    PasswordAsked(ApiFailure),
}

/// Reads a 403 (a copy of it, so any other answer goes to the caller untouched) to see
/// whether the server asks for the password.
pub(super) async fn outcome(response: Response) -> Result<Outcome, ApiFailure> {
    if response.status() != 403 {
        return Ok(Outcome::Answer(response));
    }
    let response = web_sys::Response::from(response);
    let copy = response.clone().map_err(unexpected)?;
    let failure = ApiFailure::from_response(copy.into()).await;
    if failure.code() == Some(REAUTHENTICATION_REQUIRED) {
        Ok(Outcome::PasswordAsked(failure))
    } else {
        Ok(Outcome::Answer(response.into()))
    }
}

/// Asks the person for their password; whether they confirmed it. Without a dialog (none
/// mounted) the answer is no.
pub(super) async fn confirmed() -> bool {
    let asked = ASK.with(|ask| ask.borrow().is_some());
    if !asked {
        return false;
    }
    let mut keep = |resolve: js_sys::Function, _reject: js_sys::Function| {
        WAITING.with(|waiting| waiting.borrow_mut().push(resolve));
    };
    let answer = js_sys::Promise::new(&mut keep);
    ASK.with(|ask| {
        if let Some(ask) = ask.borrow().as_ref() {
            ask();
        }
    });
    wasm_bindgen_futures::JsFuture::from(answer)
        .await
        .ok()
        .and_then(|value| value.as_bool())
        .unwrap_or(false)
}

pub(super) fn unexpected(err: JsValue) -> ApiFailure {
    ApiFailure::Unexpected(format!("{err:?}"))
}
