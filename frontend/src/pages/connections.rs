//! "Connected apps" (`/connections`): the apps the signed-in person allowed to use their
//! account, with what each may do in the words of the consent screen, and revoking access.

use leptos::prelude::*;

use crate::api;
use crate::components::connections::row::ConnectionRow;
use crate::components::shell::require_session::RequireSession;
use crate::components::ui::loaded::{loaded_rows, Changes};
use crate::components::ui::page_card::PageCard;

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
    let none = || {
        view! {
            <div class="empty-state" data-testid="no-connections">
                <p>"No apps are connected to your account."</p>
                <p>"When you allow an app to use your account on its sign-in page, it appears here with what it may do, and you can revoke its access at any time."</p>
            </div>
        }
    };
    view! {
        <PageCard heading="Connected apps"
            hint="Apps you allowed to use your account. Revoking one signs it out of your account at once.">
            {changes.notice()}
            {loaded_rows(connections, "your connected apps", "connection-list", none,
                move |connection| view! { <ConnectionRow connection on_revoked /> })}
        </PageCard>
    }
}
