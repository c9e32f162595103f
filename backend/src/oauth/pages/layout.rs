use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

pub const STYLESHEET_PATH: &str = "/oauth/pages.css";
pub const STYLESHEET: &str = include_str!("../../../../style/oauth.css");
/// The pages' icon: the console's, served by the server itself so the pages never depend on
/// the console being built (without one, browsers ask for `/favicon.ico` and log its 404).
pub const ICON_PATH: &str = "/oauth/icon.svg";
const ICON: &str = include_str!("../../../../style/favicon.svg");
/// The sign-in page's one script: signing in with a passkey (WebAuthn needs script).
pub const PASSKEY_SCRIPT_PATH: &str = "/oauth/passkey.js";
const PASSKEY_SCRIPT: &str = include_str!("passkey.js");

/// A full page. `form_targets` are the extra origins a form on the page may end up at: the
/// consent form's 303 goes to the client's redirect URI, and browsers apply `form-action` to
/// the redirect too.
pub fn page(status: StatusCode, title: &str, body: Markup, form_targets: &[String]) -> Response {
    page_with_script(status, title, body, form_targets, None)
}

/// `page`, with one script of this server's (`script`, a path) when given: the CSP then
/// allows scripts from 'self' and requests to 'self', and still nothing inline.
pub fn page_with_script(
    status: StatusCode,
    title: &str,
    body: Markup,
    form_targets: &[String],
    script: Option<&str>,
) -> Response {
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (title) " · Clientele" }
                link rel="stylesheet" href=(STYLESHEET_PATH);
                link rel="icon" type="image/svg+xml" href=(ICON_PATH);
                @if let Some(script) = script {
                    script src=(script) defer {}
                }
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
    let scripts = if script.is_some() {
        " script-src 'self'; connect-src 'self';"
    } else {
        ""
    };
    let csp = format!(
        "default-src 'none';{scripts} style-src 'self'; img-src 'self' data:; form-action 'self'{targets}; \
         frame-ancestors 'none'; base-uri 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    security_headers(headers);
    response
}

/// Pages of the flow are never framed (clickjacking), never leak their URL to another site (it
/// may hold a code or state; see `origin_check::REFERRER_POLICY`) and are never cached.
pub fn security_headers(headers: &mut axum::http::HeaderMap) {
    page_headers(headers);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

/// What every HTML page of the server sends (the flow's pages and the console's): it is never
/// framed, never leaks its URL to another site, and is never sniffed as another type.
pub fn page_headers(headers: &mut axum::http::HeaderMap) {
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static(crate::auth::origin_check::REFERRER_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
}

/// The answer to a form of the flow posted from another site (`auth/origin_check.rs`).
pub fn cross_site_form() -> Response {
    error_page(
        StatusCode::FORBIDDEN,
        "Request refused",
        "This form was not sent from this site.",
    )
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
    static_file(STYLESHEET, "text/css; charset=utf-8")
}

pub async fn icon() -> Response {
    static_file(ICON, "image/svg+xml")
}

pub async fn passkey_script() -> Response {
    static_file(PASSKEY_SCRIPT, "text/javascript; charset=utf-8")
}

fn static_file(body: &'static str, content_type: &'static str) -> Response {
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (header::CACHE_CONTROL, "public, max-age=3600"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ];
    (headers, body).into_response()
}
