//! CORS for the token, revocation and introspection endpoints: only an app's own registered
//! origins, matched exactly.
//!
//! A generic CORS layer cannot do this: which origins are allowed depends on the client the
//! request authenticates as, known only after the body is read. So a preflight is answered
//! for an origin that some app registered, and an actual response carries
//! `Access-Control-Allow-Origin` only when the origin is one of the authenticated app's own.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;
use crate::store::apps::AppRow;

/// Set by a handler on its response: the origins of the app that made the request.
/// Holds the app itself (shared with the client cache), so marking a response costs no copy.
#[derive(Debug, Clone)]
pub struct AllowedOriginsOf(Arc<AppRow>);

impl AllowedOriginsOf {
    pub fn app(app: &Arc<AppRow>) -> Self {
        AllowedOriginsOf(app.clone())
    }
}

/// What a preflight for a registered origin is allowed: these endpoints take form posts, with
/// client credentials in `Authorization`; browsers may remember the answer for ten minutes.
const PREFLIGHT_ALLOWS: [(HeaderName, &str); 3] = [
    (header::ACCESS_CONTROL_ALLOW_METHODS, "POST"),
    (
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        "authorization, content-type",
    ),
    (header::ACCESS_CONTROL_MAX_AGE, "600"),
];

pub async fn oauth_cors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let origin = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let Some(origin) = origin else {
        return next.run(request).await;
    };

    if request.method() == Method::OPTIONS {
        let registered = state
            .store
            .origin_is_registered(&origin)
            .await
            .unwrap_or_else(|err| {
                tracing::warn!(error = %err, "checking a CORS origin failed");
                false
            });
        let mut response = StatusCode::NO_CONTENT.into_response();
        if registered {
            allow(response.headers_mut(), &origin);
            response = (PREFLIGHT_ALLOWS, response).into_response();
        }
        response
            .headers_mut()
            .insert(header::VARY, HeaderValue::from_static("Origin"));
        return response;
    }

    let mut response = next.run(request).await;
    let allowed = response
        .extensions()
        .get::<AllowedOriginsOf>()
        .is_some_and(|allowed| allowed.0.allowed_origins.contains(&origin));
    if allowed {
        allow(response.headers_mut(), &origin);
    }
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Origin"));
    response
}

fn allow(headers: &mut axum::http::HeaderMap, origin: &str) {
    if let Ok(value) = HeaderValue::from_str(origin) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
    }
}
