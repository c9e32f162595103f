//! "Connected apps" (`/connections`): the apps the signed-in person allowed to use their
//! account, with what each may do in the words of the consent screen, and revoking access.

use leptos::prelude::*;

use crate::api;
use crate::components::connections::row::ConnectionRow;
use crate::components::ui::changing_list::ChangingList;

#[component]
pub fn ConnectionsPage() -> impl IntoView {
    view! {
        <ChangingList heading="Connected apps"
            hint="Apps you allowed to use your account. Revoking one signs it out of your account at once."
            notice_id="connections-notice" fetch=api::connections what="your connected apps" testid="connection-list"
            empty=|| view! {
                <div class="empty-state" data-testid="no-connections">
                    <p>"No apps are connected to your account."</p>
                    <p>"When you allow an app to use your account on its sign-in page, it appears here with what it may do, and you can revoke its access at any time."</p>
                </div>
            }
            row=|connection, on_revoked| view! { <ConnectionRow connection on_revoked /> } />
    }
}
