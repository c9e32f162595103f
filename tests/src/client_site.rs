//! The website of an app that signs its users in with Clientele, as a real server on loopback:
//! the browser lands on its `/callback` at the end of a flow, and the test reads what the app
//! received there. Its `/other-site` page stands for any other site a user visits, with forms
//! that post to the authorization pages (a cross-site request forgery attempt), and `/frame`
//! shows one of its pages in a frame (clickjacking).
//!
//! It listens on `http://127.0.0.1:PORT`, which the test apps register as
//! `http://127.0.0.1/callback` (loopback redirect URIs match on any port, RFC 8252 section 7.3).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{RawQuery, State};
use axum::response::Html;
use axum::routing::get;
use axum::Router;

use crate::eventually;
use crate::serving::{loopback_listener, serve, Serving};

/// What the app's callback received, in order.
type Received = Arc<Mutex<Vec<Vec<(String, String)>>>>;

pub struct ClientSite {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    received: Received,
    _serving: Serving,
}

#[derive(Clone)]
struct SiteState {
    received: Received,
    server: String,
}

impl ClientSite {
    /// Starts the site; `server` is Clientele's address, which the other-site forms post to.
    pub async fn start(server: &str) -> ClientSite {
        let (listener, base) = loopback_listener("the client site").await;
        let received = Received::default();
        let state = SiteState {
            received: received.clone(),
            server: server.to_owned(),
        };
        let router = Router::new()
            .route("/callback", get(callback))
            .route("/other-site", get(other_site))
            .route("/frame", get(frame))
            .route(
                "/favicon.ico",
                get(|| async { axum::http::StatusCode::NO_CONTENT }),
            )
            .with_state(state);
        let _serving = serve(listener, router);
        ClientSite {
            base,
            received,
            _serving,
        }
    }

    /// The redirect URI the browser is sent back to (`http://127.0.0.1:PORT/callback`).
    pub fn redirect_uri(&self) -> String {
        format!("{}/callback", self.base)
    }

    /// How many times the callback was reached.
    pub fn callbacks(&self) -> usize {
        self.received.lock().unwrap().len()
    }

    /// Waits for the `n`-th (1-based) callback and returns its query parameters.
    pub async fn wait_for_callback(&self, n: usize) -> Vec<(String, String)> {
        let reached = || async move {
            let params = self.received.lock().unwrap().get(n - 1).cloned();
            params.ok_or_else(|| {
                format!(
                    "the app's callback was not reached {n} time(s); it was reached {} time(s)",
                    self.callbacks()
                )
            })
        };
        eventually(Duration::from_secs(20), Duration::from_millis(50), reached).await
    }
}

async fn callback(State(state): State<SiteState>, RawQuery(query): RawQuery) -> Html<String> {
    let params: Vec<(String, String)> =
        url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    let shown: String = params
        .iter()
        .map(|(name, value)| {
            format!(
                "<li>{}</li>",
                html_escape::encode_quoted_attribute(&format!("{name}={value}"))
            )
        })
        .collect();
    state.received.lock().unwrap().push(params);
    Html(format!(
        "<!doctype html><html lang=en><head><title>Example app</title><link rel=icon href='data:,'></head>\
         <body><h1 data-testid=callback>Back at the app</h1><ul>{shown}</ul></body></html>"
    ))
}

/// Another site with forms aimed at Clientele's sign-in and consent endpoints.
async fn other_site(State(state): State<SiteState>) -> Html<String> {
    let server = html_escape::encode_quoted_attribute(&state.server);
    Html(format!(
        "<!doctype html><html lang=en><head><title>Another site</title><link rel=icon href='data:,'></head><body>\
         <form method=post action='{server}/oauth/sign-in'>\
           <input type=hidden name=email value='user@example.com'><input type=hidden name=password value='guess'>\
           <input type=hidden name=continue value='response_type=code'>\
           <button data-testid=forged-sign-in>Win a prize</button></form>\
         <form method=post action='{server}/oauth/authorize'>\
           <input type=hidden name=request value='response_type=code'><input type=hidden name=csrf_token value=''>\
           <button data-testid=forged-consent name=decision value=allow>Claim it</button></form>\
         </body></html>"
    ))
}

/// Another site that shows a page of Clientele in a frame (clickjacking): `/frame?URL`.
async fn frame(RawQuery(query): RawQuery) -> Html<String> {
    let target = url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(name, _)| name == "src")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default();
    Html(format!(
        "<!doctype html><html lang=en><head><title>Framing site</title><link rel=icon href='data:,'></head>\
         <body><h1 data-testid=framing>Click the button below</h1><iframe src='{}' width=600 height=400></iframe></body></html>",
        html_escape::encode_quoted_attribute(&target)
    ))
}
