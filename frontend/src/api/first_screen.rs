//! The answers the server sent with `index.html` (`shared::api::FirstScreen`), so the first
//! screen shows data without another round trip after the wasm. Read once at start; each answer
//! serves one request, the first of its kind, and all are dropped once the person changes
//! anything (they may no longer be true). Without them the console asks the server as always.

use std::cell::RefCell;

use shared::api::FIRST_SCREEN_ELEMENT_ID;
use shared::api::{AppSummary, FirstScreen, Page, ServerInfo, SessionInfo, TeamSummary};

/// What is left of the page's answers.
#[derive(Default)]
struct Unused {
    /// `Some(None)`: the server said nobody is signed in.
    session: Option<Option<SessionInfo>>,
    server: Option<ServerInfo>,
    apps: Option<Page<AppSummary>>,
    teams: Option<Vec<TeamSummary>>,
}

thread_local! {
    static UNUSED: RefCell<Unused> = RefCell::new(read_page());
}

/// The data block, parsed, then removed from the page: it is read this once.
fn read_page() -> Unused {
    let Some(element) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(FIRST_SCREEN_ELEMENT_ID))
    else {
        return Unused::default();
    };
    // A script element's content is raw text: `innerHTML` is the JSON as sent.
    let json = element.inner_html();
    element.remove();
    match serde_json::from_str::<FirstScreen>(&json) {
        Ok(screen) => Unused {
            session: Some(screen.session),
            server: screen.server,
            apps: screen.apps,
            teams: screen.teams,
        },
        Err(_) => Unused::default(),
    }
}

fn take<T>(pick: impl FnOnce(&mut Unused) -> Option<T>) -> Option<T> {
    UNUSED.with(|unused| pick(&mut unused.borrow_mut()))
}

pub(super) fn session() -> Option<Option<SessionInfo>> {
    take(|unused| unused.session.take())
}

pub(super) fn server() -> Option<ServerInfo> {
    take(|unused| unused.server.take())
}

pub(super) fn first_apps_page() -> Option<Page<AppSummary>> {
    take(|unused| unused.apps.take())
}

pub(super) fn teams() -> Option<Vec<TeamSummary>> {
    take(|unused| unused.teams.take())
}

/// A change is about to be sent: what the page said may be out of date once it is done.
pub(super) fn forget() {
    UNUSED.with(|unused| *unused.borrow_mut() = Unused::default());
}
