//! The resource server's MCP face: a minimal protected MCP server (Streamable HTTP transport,
//! JSON answers) at `/mcp`, as the MCP authorization specification asks one to be. Without a
//! valid token for this API it answers 401 with `WWW-Authenticate` naming its RFC 9728
//! metadata, which points MCP clients at Clientele. Its one tool, `whoami`, answers with the
//! token's subject, so a test sees whose token reached it.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::resource_server::{subject_of, ServerState};

/// The scope the MCP server asks clients to request (a resource `notes` of the API).
pub const MCP_SCOPE: &str = "notes:read";

/// RFC 9728 section 3: the metadata of a resource whose identifier has no path.
const METADATA_PATH: &str = "/.well-known/oauth-protected-resource";

pub(crate) fn routes() -> Router<ServerState> {
    Router::new()
        .route(METADATA_PATH, get(metadata))
        .route("/mcp", get(no_stream).post(rpc).delete(no_stream))
}

/// RFC 9728 section 2.
async fn metadata(State(state): State<ServerState>) -> Json<Value> {
    Json(json!({
        "resource": state.identifier,
        "authorization_servers": [state.issuer],
        "scopes_supported": [MCP_SCOPE],
        "bearer_methods_supported": ["header"],
    }))
}

/// No server-initiated stream and no sessions: the transport allows answering 405.
async fn no_stream() -> StatusCode {
    StatusCode::METHOD_NOT_ALLOWED
}

async fn rpc(State(state): State<ServerState>, headers: HeaderMap, body: String) -> Response {
    let subject = match subject_of(&state, &headers).await {
        Ok(subject) => subject,
        Err(why) => return unauthorized(&state, &why),
    };
    let Ok(message) = serde_json::from_str::<Value>(&body) else {
        return (StatusCode::BAD_REQUEST, "not JSON").into_response();
    };
    // A notification (no id) is accepted without an answer.
    let Some(id) = message.get("id").cloned() else {
        return StatusCode::ACCEPTED.into_response();
    };
    let params = &message["params"];
    let answer = match message["method"].as_str().unwrap_or_default() {
        "initialize" => json!({ "result": {
            "protocolVersion": params["protocolVersion"],
            "capabilities": { "tools": {} },
            "serverInfo": { "name": "notes-mcp", "version": "1.0.0" },
        }}),
        "tools/list" => json!({ "result": { "tools": [{
            "name": "whoami",
            "description": "Whose token reached the server.",
            "inputSchema": { "type": "object", "properties": {} },
        }]}}),
        "tools/call" if params["name"] == "whoami" => json!({ "result": {
            "content": [{ "type": "text", "text": format!("signed in as {subject}") }],
        }}),
        _ => json!({ "error": { "code": -32601, "message": "method not found" } }),
    };
    let mut answer = answer;
    answer["jsonrpc"] = json!("2.0");
    answer["id"] = id;
    Json(answer).into_response()
}

/// RFC 6750 section 3 with RFC 9728 section 5.1's `resource_metadata`.
fn unauthorized(state: &ServerState, why: &str) -> Response {
    let challenge = format!(
        r#"Bearer error="invalid_token", resource_metadata="{}{METADATA_PATH}", scope="{MCP_SCOPE}""#,
        state.identifier
    );
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, challenge)],
        why.to_owned(),
    )
        .into_response()
}
