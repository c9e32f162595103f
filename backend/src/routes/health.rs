//! Liveness (`/healthz`: the process serves HTTP) and readiness (`/readyz`: and its database
//! answers).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
}

/// What both checks answer: `{"status": …}`, and why when not ready.
#[derive(Debug, Serialize)]
struct Health {
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
}

impl Health {
    fn is(status: &'static str) -> Json<Health> {
        Json(Health {
            status,
            reason: None,
        })
    }
}

/// Readiness: 200 only while the database answers, so a load balancer stops sending traffic
/// to a node that lost it.
async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, Health::is("ready")),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check: the database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(Health {
                    status: "unavailable",
                    reason: Some("database"),
                }),
            )
        }
    }
}

async fn healthz() -> Json<Health> {
    Health::is("ok")
}
