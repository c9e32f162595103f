//! One signed-in browser: what it is, where from, since when, when last seen; "This browser"
//! for the one in use, and signing any other one out.

use leptos::prelude::*;
use shared::api::SessionView;

use crate::api;
use crate::components::ui::confirmed_action::ConfirmedAction;
use crate::dom::date_time;
use crate::submission::Submission;

#[component]
pub fn SessionRow(
    session: SessionView,
    /// Told what changed once the browser is signed out.
    on_ended: Callback<String>,
) -> impl IntoView {
    let SessionView {
        id,
        browser,
        address,
        created_at,
        last_seen_at,
        current,
    } = session;
    let end = Submission::new();
    end.announces(
        on_ended,
        format!("{browser} is signed out of your account."),
    );
    let confirm_id = format!("end-{id}");
    let send = end.sender(id, |id| async move { api::end_session(&id).await });
    let action = if current {
        view! { <span class="badge" data-testid="this-session">"This browser"</span> }.into_any()
    } else {
        view! {
            <ConfirmedAction id=confirm_id opener="Sign out…" opener_label=format!("Sign out {browser} at {address}")
                opener_testid="end-session" testid="sign-out-session" labels=("Sign out", "Signing out…")
                submission=end on_confirm=send>
                <p>"Sign this browser out? Whoever uses it must sign in again."</p>
            </ConfirmedAction>
        }
        .into_any()
    };
    view! {
        <li class="app-row session-row" data-testid="session-row">
            <div class="app-row-main">
                <span class="app-name" data-testid="session-browser">{browser.clone()}</span>
                <div class="app-row-meta">
                    <span data-testid="session-address">{address.clone()}</span>
                    <span>"Signed in "{date_time(created_at)}</span>
                    <span>"Last seen "{date_time(last_seen_at)}</span>
                </div>
            </div>
            {action}
        </li>
    }
}
