//! Serves the built console (trunk's `dist` folder).
//!
//! - Hashed assets (`*-<hash>.js`, `.wasm`, `.css`) are cached for a year; precompressed `.br`
//!   and `.gz` siblings written by the build are sent when the browser accepts them.
//! - `index.html` is answered for every client-side route with `no-cache`, so a new release is
//!   picked up on the next load, and with a strict Content-Security-Policy whose only inline
//!   script allowance is the hash of trunk's loader script. It carries the first screen's data
//!   (`first_screen`), so it is `private`: no shared cache keeps one person's page.

use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::handler::Handler;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::services::ServeDir;

use crate::state::AppState;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The console's `index.html`, read once at start, with the CSP computed for it.
#[derive(Clone)]
struct IndexPage {
    html: Option<Arc<[u8]>>,
    csp: Arc<str>,
}

pub fn router(state: &AppState) -> Router<AppState> {
    let static_dir: &Path = &state.config.static_dir;
    let html = std::fs::read(static_dir.join("index.html")).ok();
    if html.is_none() {
        tracing::warn!(dir = %static_dir.display(), "the console is not built; run the README's run command");
    }
    let csp = content_security_policy(html.as_deref().unwrap_or_default());
    let index = IndexPage {
        html: html.map(Arc::from),
        csp: Arc::from(csp),
    };
    let spa_fallback = (move |State(state): State<AppState>, request: Request| {
        serve_index(state, index.clone(), request)
    })
    .with_state(state.clone());
    let assets = ServeDir::new(static_dir)
        .append_index_html_on_directories(false)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(spa_fallback);
    Router::new()
        .fallback_service(assets)
        .layer(middleware::from_fn(cache_headers))
}

/// Client-side routes (paths without a file extension) get `index.html`; a missing asset is 404.
async fn serve_index(state: AppState, index: IndexPage, request: Request) -> Response {
    let last_segment = request.uri().path().rsplit('/').next().unwrap_or_default();
    if last_segment.contains('.') && last_segment != "index.html" {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    let Some(html) = index.html else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "The console has not been built. Run the README's run command to build it.",
        )
            .into_response();
    };
    let (mut parts, _) = request.into_parts();
    let page = match super::first_screen::element(&state, &mut parts).await {
        Some(element) => with_first_screen(&html, &element),
        None => html.to_vec(),
    };
    let mut response = Response::new(Body::from(page));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(csp) = HeaderValue::from_str(&index.csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    crate::oauth::pages::layout::page_headers(headers);
    response
}

/// The page with the first screen's data at the end of its `<head>`.
fn with_first_screen(html: &[u8], element: &str) -> Vec<u8> {
    let marker = b"</head>";
    let at = html
        .windows(marker.len())
        .position(|window| window == marker)
        .unwrap_or(html.len());
    [&html[..at], element.as_bytes(), &html[at..]].concat()
}

/// HTML is revalidated on every load (and, carrying a person's data, kept by no shared cache);
/// everything else trunk wrote carries a content hash.
async fn cache_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let is_html = crate::media_type::is(response.headers(), "text/html");
    let value = if is_html {
        "private, no-cache"
    } else if !response.status().is_success() {
        "no-cache"
    } else {
        IMMUTABLE
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

/// A CSP with no `unsafe-inline`: inline scripts are allowed by their SHA-256 only, and wasm
/// compilation by `wasm-unsafe-eval` (CSP Level 3).
fn content_security_policy(html: &[u8]) -> String {
    let html = String::from_utf8_lossy(html);
    let script_hashes: String = inline_scripts(&html)
        .map(|script| {
            format!(
                " 'sha256-{}'",
                STANDARD.encode(Sha256::digest(script.as_bytes()))
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{script_hashes}; style-src 'self'; \
         img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The bodies of `<script>` elements that have no `src` attribute.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("<script").filter_map(move |(start, _)| {
        let open_end = start + html[start..].find('>')?;
        let attributes = &html[start..open_end];
        let close = open_end + 1 + html[open_end + 1..].find("</script>")?;
        (!attributes.contains("src=")).then(|| &html[open_end + 1..close])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_found_and_external_ones_skipped() {
        let html =
            r#"<head><script src="/a.js"></script><script type="module">init()</script></head>"#;
        assert_eq!(inline_scripts(html).collect::<Vec<_>>(), vec!["init()"]);
    }

    #[test]
    fn the_policy_allows_an_inline_script_only_by_its_hash() {
        let policy = content_security_policy(b"<script>init()</script>");
        let expected = STANDARD.encode(Sha256::digest(b"init()"));
        assert!(policy.contains(&format!("'sha256-{expected}'")), "{policy}");
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
    }
}
