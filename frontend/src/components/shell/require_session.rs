//! Wraps the pages that need a signed-in person: while the session is being checked it
//! says so, when nobody is signed in it goes to the sign-in page (coming back afterwards),
//! and when the check failed it says why and offers to retry. The route table wraps the pages
//! (`signed_in`), so a page itself never repeats the guard.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_matched, use_navigate};
use leptos_router::NavigateOptions;

use crate::components::ui::status::{ErrorMessage, PageLoading};
use crate::session::{use_session, SessionState};

/// The sign-in address that returns to `path` afterwards.
pub fn sign_in_href(path: &str) -> String {
    format!(
        "/sign-in?next={}",
        String::from(js_sys::encode_uri_component(path))
    )
}

/// Whether `path` is the guarded page or below it (a parent route's guard stays while its
/// child pages change).
fn covers(guarded: &str, path: &str) -> bool {
    path.strip_prefix(guarded)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Checking,
    SignedOut,
    SignedIn,
    Failed,
}

/// The view of a route for signed-in people only: `page` inside `RequireSession`.
pub fn signed_in<V: IntoView + 'static>(page: fn() -> V) -> impl Fn() -> AnyView + Send + Clone {
    move || view! { <RequireSession>{page()}</RequireSession> }.into_any()
}

#[component]
pub fn RequireSession(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    // Only a change of phase re-renders the page, not every change of the session value.
    let phase = Memo::new(move |_| match &*session.state.read() {
        SessionState::Checking => Phase::Checking,
        SessionState::SignedOut => Phase::SignedOut,
        SessionState::SignedIn(_) => Phase::SignedIn,
        SessionState::Failed(_) => Phase::Failed,
    });
    let location = use_location();
    let navigate = use_navigate();
    // The route's matched path: for a parent route (`/apps/:client_id`), every page below it.
    let guarded_path = use_matched().get_untracked();
    Effect::new(move |_| {
        // Signing out also navigates away; only redirect while this page (or, for a parent
        // route, one of its pages) is still the one shown.
        if phase.get() == Phase::SignedOut
            && covers(&guarded_path, &location.pathname.get_untracked())
        {
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            navigate(
                &sign_in_href(&here),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    move || match phase.get() {
        Phase::Checking => view! { <PageLoading what="your session" /> }.into_any(),
        Phase::SignedOut => view! { <p class="loading">"Sign in to continue…"</p> }.into_any(),
        Phase::SignedIn => children().into_any(),
        Phase::Failed => {
            let failure = match session.state.get_untracked() {
                SessionState::Failed(failure) => failure,
                _ => return ().into_any(),
            };
            view! {
                <section class="card">
                    <ErrorMessage failure />
                    <button type="button" on:click=move |_| session.check()>"Try again"</button>
                </section>
            }
            .into_any()
        }
    }
}
