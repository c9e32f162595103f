//! The ceiling: an axum server that does what every token request must do at the least
//! (accept a connection, read and parse the form body, answer JSON) and nothing else. Same
//! axum, hyper and tokio as Clientele, with tokio's default worker count, so the gap between
//! it and Clientele is the cost of Clientele's own work.

use axum::http::header;
use axum::routing::get;
use axum::{Form, Router};

/// Answers every scenario's checks: a token response with a refresh token, and `active`.
const BODY: &str = r#"{"access_token":"noop.noop.noop","token_type":"Bearer","expires_in":3600,"scope":"files:read","refresh_token":"crt_noop","active":true,"items":[]}"#;

pub fn serve(bind: &str) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let app = Router::new()
            .route("/healthz", get(|| async { "ok" }))
            .fallback(answer);
        let listener = tokio::net::TcpListener::bind(bind).await?;
        axum::serve(listener, app).await?;
        anyhow::Ok(())
    })
}

async fn answer(form: Form<Vec<(String, String)>>) -> impl axum::response::IntoResponse {
    // The parsed form is dropped unread: parsing it is the work being measured.
    let _ = form;
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        BODY,
    )
}
