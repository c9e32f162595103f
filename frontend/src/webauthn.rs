//! The browser's WebAuthn (`navigator.credentials`), the one place the console asks an
//! authenticator for a passkey. Options and answers cross as WebAuthn Level 3's JSON forms
//! (`PublicKeyCredential.parseCreationOptionsFromJSON`, `parseRequestOptionsFromJSON`,
//! `toJSON()`), read from `js_sys` by name so the wasm needs no extra web-sys bindings.

use js_sys::{Function, Object, Promise, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What is shown when the browser gave no passkey (cancelled, timed out, none there).
pub const NOT_USED: &str = "No passkey was used. Try again when your device is ready.";
/// What is shown where the browser cannot use passkeys at all.
pub const UNSUPPORTED: &str = "This browser cannot use passkeys.";

/// Whether this browser has WebAuthn with its JSON helpers.
pub fn available() -> bool {
    credential_class()
        .and_then(|class| method(&class, "parseRequestOptionsFromJSON"))
        .is_ok()
}

/// `navigator.credentials.create` with the server's options (`{"publicKey": {…}}`); the new
/// credential as JSON.
pub async fn create(options: &serde_json::Value) -> Result<serde_json::Value, &'static str> {
    ask("create", "parseCreationOptionsFromJSON", options).await
}

/// `navigator.credentials.get` with the server's options; the assertion as JSON.
pub async fn get(options: &serde_json::Value) -> Result<serde_json::Value, &'static str> {
    ask("get", "parseRequestOptionsFromJSON", options).await
}

async fn ask(
    verb: &str,
    parser: &str,
    options: &serde_json::Value,
) -> Result<serde_json::Value, &'static str> {
    let class = credential_class().map_err(|_| UNSUPPORTED)?;
    let parse = method(&class, parser).map_err(|_| UNSUPPORTED)?;
    let public_key = options.get("publicKey").ok_or(UNSUPPORTED)?.to_string();
    let public_key = JSON::parse(&public_key).map_err(|_| UNSUPPORTED)?;
    let public_key = parse.call1(&class, &public_key).map_err(|_| UNSUPPORTED)?;
    let request = Object::new();
    Reflect::set(&request, &"publicKey".into(), &public_key).map_err(|_| UNSUPPORTED)?;
    let navigator =
        Reflect::get(&js_sys::global(), &"navigator".into()).map_err(|_| UNSUPPORTED)?;
    let credentials = Reflect::get(&navigator, &"credentials".into()).map_err(|_| UNSUPPORTED)?;
    let call = method(&credentials, verb).map_err(|_| UNSUPPORTED)?;
    let promise: Promise = call
        .call1(&credentials, &request)
        .and_then(|value| value.dyn_into())
        .map_err(|_| NOT_USED)?;
    let credential = JsFuture::from(promise).await.map_err(|_| NOT_USED)?;
    let to_json = method(&credential, "toJSON").map_err(|_| NOT_USED)?;
    let json = to_json.call0(&credential).map_err(|_| NOT_USED)?;
    let text: String = JSON::stringify(&json).map_err(|_| NOT_USED)?.into();
    serde_json::from_str(&text).map_err(|_| NOT_USED)
}

fn credential_class() -> Result<JsValue, JsValue> {
    let class = Reflect::get(&js_sys::global(), &"PublicKeyCredential".into())?;
    if class.is_undefined() {
        return Err(JsValue::UNDEFINED);
    }
    Ok(class)
}

fn method(target: &JsValue, name: &str) -> Result<Function, JsValue> {
    Reflect::get(target, &name.into())?.dyn_into()
}
