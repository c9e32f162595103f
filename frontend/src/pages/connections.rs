//! "Connected apps" (`/connections`): the apps the signed-in person allowed to use their
//! account, with what each may do in the words of the consent screen, and revoking access.

use leptos::prelude::*;

use crate::api;
use crate::components::connections::row::ConnectionRow;
use crate::components::shell::require_session::RequireSession;
use crate::components::ui::page_heading::PageHeading;
use crate::components::ui::status::{ErrorMessage, Loading};
use crate::dom::focus_soon;

#[component]
pub fn ConnectionsPage() -> impl IntoView {
    view! { <RequireSession><ConnectionList /></RequireSession> }
}

#[component]
fn ConnectionList() -> impl IntoView {
    // Bumped after a revocation, which reloads the list.
    let changes = RwSignal::new(0u32);
    let notice = RwSignal::new(None::<String>);
    let on_revoked = Callback::new(move |name: String| {
        notice.set(Some(format!("{name} can no longer use your account.")));
        changes.update(|n| *n += 1);
        // The row and its buttons are gone; continue from the message that says so.
        focus_soon("connections-notice".to_owned());
    });
    let connections = LocalResource::new(move || {
        changes.track();
        api::connections()
    });
    view! {
        <section class="card">
            <PageHeading text="Connected apps" />
            <p class="hint">"Apps you allowed to use your account. Revoking one signs it out of your account at once."</p>
            <p class="notice" id="connections-notice" tabindex="-1" role="status" data-testid="connections-notice">{move || notice.get()}</p>
            {move || match connections.get() {
                None => view! { <Loading what="your connected apps" /> }.into_any(),
                Some(Err(failure)) => view! {
                    <ErrorMessage failure />
                    <button type="button" on:click=move |_| connections.refetch()>"Try again"</button>
                }
                .into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <div class="empty-state" data-testid="no-connections">
                        <p>"No apps are connected to your account."</p>
                        <p>"When you allow an app to use your account on its sign-in page, it appears here with what it may do, and you can revoke its access at any time."</p>
                    </div>
                }
                .into_any(),
                Some(Ok(list)) => view! {
                    <ul class="app-list" data-testid="connection-list">
                        {list.into_iter().map(|connection| view! { <ConnectionRow connection on_revoked /> }).collect_view()}
                    </ul>
                }
                .into_any(),
            }}
        </section>
    }
}
