use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

pub const STYLESHEET_PATH: &str = "/oauth/pages.css";
pub const STYLESHEET: &str = include_str!("../../../../style/oauth.css");

/// A full page. `form_targets` are the extra origins a form on the page may end up at: the
/// consent form's 303 goes to the client's redirect URI, and browsers apply `form-action` to
/// the redirect too.
pub fn page(status: StatusCode, title: &str, body: Markup, form_targets: &[String]) -> Response {
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (title) " · Clientele" }
                link rel="stylesheet" href=(STYLESHEET_PATH);
            }
            body {
                main class="panel" { (body) }
            }
        }
    };
    let mut response = (status, markup.into_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    let targets: String = form_targets
        .iter()
        .map(|target| format!(" {target}"))
        .collect();
    let csp = format!(
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'{targets}; \
         frame-ancestors 'none'; base-uri 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    security_headers(headers);
    response
}

/// Pages of the flow are never framed (clickjacking), never leak their URL (it may hold a code
/// or state) and are never cached.
pub fn security_headers(headers: &mut axum::http::HeaderMap) {
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

pub fn error_page(status: StatusCode, title: &str, detail: &str) -> Response {
    page(
        status,
        title,
        html! {
            h1 { (title) }
            p class="error" data-testid="error-detail" { (detail) }
            p class="hint" { "Nothing was shared with the app. You can close this page." }
        },
        &[],
    )
}

pub async fn stylesheet() -> Response {
    let mut response = STYLESHEET.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    response
}
