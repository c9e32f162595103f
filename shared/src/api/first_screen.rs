//! What the server sends with the console's `index.html`, so the first screen needs no request
//! after the wasm before it shows data (a `<script type="application/json">` block: data, not
//! script, so the strict CSP is untouched).

use serde::{Deserialize, Serialize};

use super::{AppSummary, Page, ServerInfo, SessionInfo, TeamSummary};

/// The `id` of the `<script type="application/json">` element that carries a [`FirstScreen`].
pub const FIRST_SCREEN_ELEMENT_ID: &str = "first-screen";

/// Apps in one page of "My apps" when the console does not ask for another size: the server's
/// default, and the first page the server sends with `index.html`.
pub const APPS_PAGE_SIZE: u32 = 20;

/// The answers the first screen would otherwise ask for, as of the moment `index.html` was
/// sent. Each is what the matching `GET` under `/api/v1` answers; the console uses each one
/// once, for its first request of that kind, and asks the server when one is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstScreen {
    /// `GET /session`: who is signed in (`None`: nobody).
    pub session: Option<SessionInfo>,
    /// `GET /server`.
    #[serde(default)]
    pub server: Option<ServerInfo>,
    /// `GET /apps?limit=APPS_PAGE_SIZE`: the first page of "My apps", with no search and the
    /// switcher on everything the person may see. Only sent for `/apps`.
    #[serde(default)]
    pub apps: Option<Page<AppSummary>>,
    /// `GET /teams`: the person's teams (the list's team switcher). Only sent for `/apps`.
    #[serde(default)]
    pub teams: Option<Vec<TeamSummary>>,
}
