//! The console API's OpenAPI 3.1 document, served at `/api/v1/openapi.json`.
//!
//! Every console route is registered through `utoipa_axum::routes!` from its handler's
//! `#[utoipa::path]` (`routes::console_routes`), so the document lists exactly the routes the
//! router has; request and response bodies are the `shared::api` types' own schemas (their
//! `openapi` feature). What the extractors and the middleware answer on their own is added
//! here once, from facts the document already states, rather than repeated on every handler:
//!
//! - a `session` requirement: `401` (`auth::CurrentUser` finds no live session);
//! - a method that is not safe (RFC 9110 section 9.2.1): `403` (`auth::origin_check` refuses
//!   other sites, `CurrentUser` a missing or wrong CSRF header);
//! - a request body: `400` (not JSON), `413` (too large) and `422` (a field breaks its rule,
//!   `routes::json::ApiJson`); a query string: `400` (`routes::url_parts::ApiQuery`);
//! - a path parameter: `404` (nothing there, nothing the person may see, or not UTF-8:
//!   `routes::url_parts::ApiPath`).

use std::sync::OnceLock;

use axum::http::header;
use axum::response::IntoResponse;
use serde_json::{json, Map, Value};
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;

use crate::auth::session_cookie::SESSION_COOKIE;
use crate::auth::CSRF_HEADER;
use crate::state::AppState;

/// `{client_id}` in a path: an app.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct AppPath {
    /// The app's client id.
    client_id: String,
}

/// `{slug}` in a path: a team.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct TeamPath {
    /// The team's slug.
    slug: String,
}

/// Where the console API is mounted (`server::router`).
pub const PREFIX: &str = "/api/v1";

pub fn router() -> OpenApiRouter<AppState> {
    super::documented!(openapi_document)
}

/// This document.
#[utoipa::path(get, path = "/openapi.json", tag = "server", operation_id = "openapi_document",
    responses((status = OK, description = "The OpenAPI 3.1 document of the console API.", body = Object)))]
async fn openapi_document() -> impl IntoResponse {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    let text = DOCUMENT.get_or_init(|| document().to_string());
    ([(header::CONTENT_TYPE, "application/json")], text.as_str())
}

/// The whole document, as JSON.
pub fn document() -> Value {
    let generated = super::console_routes().into_openapi();
    let mut document = serde_json::to_value(generated).expect("an OpenAPI document serialises");
    document["info"] = json!({
        "title": "Clientele console API",
        "version": env!("CARGO_PKG_VERSION"),
        "description": "The JSON API the Clientele console uses. Sign in (`POST /api/v1/session`) \
            or sign up (`POST /api/v1/accounts`): the answer sets the session cookie and holds \
            `csrf_token`, which every request that changes something sends back in the \
            `X-CSRF-Token` header. Errors are an `ApiError`: a code (`error`), a sentence for \
            people (`message`) and per-field messages (`fields`). Times are unix seconds.",
    });
    let paths = std::mem::take(&mut document["paths"]);
    document["paths"] = Value::Object(
        paths
            .as_object()
            .into_iter()
            .flatten()
            .map(|(path, item)| (format!("{PREFIX}{path}"), item.clone()))
            .collect(),
    );
    let components = document["components"]
        .as_object_mut()
        .expect("the generated document has components");
    components.insert("securitySchemes".into(), security_schemes());
    components.insert("responses".into(), error_responses());
    for item in document["paths"].as_object_mut().into_iter().flatten() {
        for (method, operation) in item.1.as_object_mut().into_iter().flatten() {
            add_refusals(method, operation);
            describe_binary_content(operation);
            add_retry_after(operation);
        }
    }
    document
}

/// The session cookie and the CSRF header (`auth`), as OpenAPI API keys.
fn security_schemes() -> Value {
    json!({
        "session": {
            "type": "apiKey",
            "in": "cookie",
            "name": SESSION_COOKIE,
            "description": "The console session, set by signing in or up: HttpOnly, SameSite=Lax, \
                a week long.",
        },
        "csrf": {
            "type": "apiKey",
            "in": "header",
            "name": CSRF_HEADER,
            "description": "The session's `csrf_token` (from signing in or `GET \
                /api/v1/session`), required on every request that is not GET.",
        },
    })
}

/// The refusals many operations share, each an `ApiError` with its own code.
fn error_responses() -> Value {
    let refusal = |description: &str| {
        json!({
            "description": description,
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ApiError" } } },
        })
    };
    json!({
        "BadRequest": refusal("`bad_request`: the body is not JSON sent as `application/json`, \
            or the query string cannot be read."),
        "Unauthenticated": refusal("`unauthenticated`: no live session; sign in first."),
        "Forbidden": refusal("`forbidden`: sent from another site (`Origin` or \
            `Sec-Fetch-Site`), without the session's `X-CSRF-Token`, or not allowed to the \
            person (their role, or not an administrator)."),
        "NotFound": refusal("`not_found`: nothing there, or nothing the person may see."),
        "PayloadTooLarge": refusal("`payload_too_large`: the body is over the limit (16 KiB \
            for sign-in and sign-up, 2 MiB elsewhere)."),
        "ValidationFailed": refusal("`validation_failed`: some fields break their rules; \
            `fields` holds each one's message under its name (`redirect_uris.2`)."),
    })
}

/// Adds the refusals the extractors and middleware give this operation (see the module
/// comment), unless the operation describes that status itself.
fn add_refusals(method: &str, operation: &mut Value) {
    let mut refusals = Vec::new();
    let requirements = operation["security"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let signed_in = !requirements.is_empty()
        && requirements
            .iter()
            .all(|requirement| requirement.get("session").is_some());
    if signed_in {
        refusals.push(("401", "Unauthenticated"));
    }
    if !matches!(method, "get" | "head" | "options") {
        refusals.push(("403", "Forbidden"));
    }
    if operation.get("requestBody").is_some() {
        refusals.extend([
            ("400", "BadRequest"),
            ("413", "PayloadTooLarge"),
            ("422", "ValidationFailed"),
        ]);
    }
    let parameters = operation["parameters"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let located = |place: &str| parameters.iter().any(|parameter| parameter["in"] == place);
    if located("query") {
        refusals.push(("400", "BadRequest"));
    }
    if located("path") {
        refusals.push(("404", "NotFound"));
    }
    let responses = operation["responses"]
        .as_object_mut()
        .expect("every operation has responses");
    for (status, name) in refusals {
        responses
            .entry(status)
            .or_insert_with(|| json!({ "$ref": format!("#/components/responses/{name}") }));
    }
}

/// `429` and `503` answers always carry `Retry-After` (`error::AppError`), in seconds.
fn add_retry_after(operation: &mut Value) {
    for (status, response) in operation["responses"].as_object_mut().into_iter().flatten() {
        if status == "429" || status == "503" {
            response["headers"] = json!({ "Retry-After": {
                "description": "Seconds to wait before trying again.",
                "required": true,
                "schema": { "type": "integer", "minimum": 0 },
            }});
        }
    }
}

/// Content that is not JSON (icons) is bytes: OpenAPI 3.1 gives it no schema (section 4.8.14),
/// rather than the array of numbers a `Vec<u8>` would be as JSON.
fn describe_binary_content(operation: &mut Value) {
    for response in operation["responses"].as_object_mut().into_iter().flatten() {
        let Some(contents) = response.1.get_mut("content").and_then(Value::as_object_mut) else {
            continue;
        };
        for (media_type, content) in contents {
            if media_type != "application/json" {
                *content = Value::Object(Map::new());
            }
        }
    }
}

#[cfg(test)]
mod tests;
