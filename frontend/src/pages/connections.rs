//! "Connected apps" (`/connections`): the apps the signed-in person allowed to use their
//! account, with what each may do in the words of the consent screen, and revoking access.

use leptos::prelude::*;

use crate::api;
use crate::components::connections::row::ConnectionRow;
use crate::components::shell::require_session::RequireSession;
use crate::components::ui::loaded::{loaded_list, Changes};
use crate::components::ui::page_heading::PageHeading;

#[component]
pub fn ConnectionsPage() -> impl IntoView {
    view! { <RequireSession><ConnectionList /></RequireSession> }
}

#[component]
fn ConnectionList() -> impl IntoView {
    // A revocation reloads the list.
    let changes = Changes::new("connections-notice");
    let announce = changes.callback();
    let on_revoked = Callback::new(move |name: String| {
        announce.run(format!("{name} can no longer use your account."))
    });
    let connections = changes.reloading(api::connections);
    view! {
        <section class="card">
            <PageHeading text="Connected apps" />
            <p class="hint">"Apps you allowed to use your account. Revoking one signs it out of your account at once."</p>
            {changes.notice()}
            {loaded_list(connections, "your connected apps",
                || view! {
                    <div class="empty-state" data-testid="no-connections">
                        <p>"No apps are connected to your account."</p>
                        <p>"When you allow an app to use your account on its sign-in page, it appears here with what it may do, and you can revoke its access at any time."</p>
                    </div>
                },
                move |list| view! {
                    <ul class="app-list" data-testid="connection-list">
                        {list.into_iter().map(|connection| view! { <ConnectionRow connection on_revoked /> }).collect_view()}
                    </ul>
                },
            )}
        </section>
    }
}
