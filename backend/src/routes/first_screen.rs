//! The data the console's `index.html` carries (`shared::api::FirstScreen`): the answers the
//! first screen would otherwise ask for in further round trips after the wasm (who is signed
//! in, the server, and on `/apps` the first page of "My apps" and the person's teams).
//!
//! Each answer comes from the very handler that answers its `GET` under `/api/v1`, so the
//! page and the API never disagree. What fails is left out: the console then asks the API,
//! which shows the failure as it always does.

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::Method;
use axum::Json;
use shared::api::{FirstScreen, FIRST_SCREEN_ELEMENT_ID};

use crate::auth::CurrentUser;
use crate::client_address::ClientAddress;
use crate::state::AppState;

/// The `<script type="application/json">` element to put in the page, or `None` when there is
/// nothing to send (not a `GET`, or the session could not be read).
pub async fn element(state: &AppState, parts: &mut Parts) -> Option<String> {
    let screen = first_screen(state, parts).await?;
    let json = serde_json::to_string(&screen).ok()?;
    Some(format!(
        r#"<script type="application/json" id="{FIRST_SCREEN_ELEMENT_ID}">{}</script>"#,
        escape_for_script(&json)
    ))
}

async fn first_screen(state: &AppState, parts: &mut Parts) -> Option<FirstScreen> {
    if parts.method != Method::GET {
        return None;
    }
    let address = ClientAddress::from_request_parts(parts, state)
        .await
        .unwrap_or_else(|never| match never {});
    let Json(session) =
        super::session::current(State(state.clone()), address, parts.headers.clone())
            .await
            .ok()?;
    let Json(server) = super::server_info::server_info(State(state.clone())).await;
    let mut screen = FirstScreen {
        session,
        server: Some(server),
        apps: None,
        teams: None,
    };
    // Only the list's plain address: a search or a switch in the query asks for other rows.
    let plain_list =
        parts.uri.path().trim_end_matches('/') == "/apps" && parts.uri.query().is_none();
    if screen.session.is_some() && plain_list {
        if let Ok(user) = CurrentUser::from_request_parts(parts, state).await {
            screen.apps = super::apps::first_page(state, user.clone()).await.ok();
            screen.teams = super::teams::list(State(state.clone()), user)
                .await
                .ok()
                .map(|Json(teams)| teams);
        }
    }
    Some(screen)
}

/// JSON inside a `<script>` element ends at the first `</script` and must not open `<!--`
/// (HTML §4.12.1.3, restrictions for contents of script elements). `<` only occurs inside JSON
/// strings, where `\u003c` means the same character.
fn escape_for_script(json: &str) -> String {
    json.replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closing_script_tag_in_a_value_cannot_end_the_element() {
        let json =
            serde_json::to_string(&serde_json::json!({ "name": "</script><!--x" })).expect("JSON");
        let escaped = escape_for_script(&json);
        assert!(!escaped.contains('<'), "{escaped}");
        let back: serde_json::Value = serde_json::from_str(&escaped).expect("still JSON");
        assert_eq!(back["name"], "</script><!--x");
    }
}
