//! Sending the user back to the client (RFC 6749 section 4.1.2), always with `iss` (RFC 9207)
//! so a client talking to several servers can tell which one answered.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::pages::layout::security_headers;

/// A 303 to `redirect_uri` with `params` added to its query.
pub fn to_client(redirect_uri: &str, params: &[(&str, &str)]) -> Response {
    let Ok(mut url) = url::Url::parse(redirect_uri) else {
        return super::pages::error_page(
            StatusCode::BAD_REQUEST,
            "Invalid redirect URL",
            "The app's redirect URL could not be read.",
        );
    };
    {
        let mut query = url.query_pairs_mut();
        for (name, value) in params {
            query.append_pair(name, value);
        }
    }
    see_other(url.as_str())
}

/// A 303 to `location` with the pages' security headers: every redirect the pages answer
/// (to the client, on after a sign-in, back to the request after an account switch).
pub fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let Ok(location) = HeaderValue::from_str(location) {
        headers.insert(header::LOCATION, location);
    }
    security_headers(headers);
    response
}

/// An error sent back to the client (RFC 6749 section 4.1.2.1).
pub fn error_to_client(
    redirect_uri: &str,
    state: Option<&str>,
    issuer: &str,
    error: &str,
    description: &str,
) -> Response {
    let mut params = vec![("error", error), ("error_description", description)];
    if let Some(state) = state {
        params.push(("state", state));
    }
    params.push(("iss", issuer));
    to_client(redirect_uri, &params)
}

/// What a page's `form-action` must allow for a form whose answer redirects here.
pub fn form_target(redirect_uri: &str) -> String {
    match url::Url::parse(redirect_uri) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => url.origin().ascii_serialization(),
        Ok(url) => format!("{}:", url.scheme()),
        Err(_) => "'none'".to_owned(),
    }
}
