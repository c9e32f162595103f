//! `/admin/self-registered-clients`: clients that registered themselves (RFC 7591) and belong
//! to no developer; deleting one, or taking it over for a developer.

use leptos::prelude::*;

use crate::api;
use crate::components::admin::client_row::ClientRow;
use crate::components::ui::changing_list::ChangingList;

#[component]
pub fn AdminClientsPage() -> impl IntoView {
    view! {
        <ChangingList heading="Self-registered clients"
            hint="Names are what the clients claim. Unused ones are removed after the configured number of days."
            notice_id="clients-notice" fetch=api::self_registered_clients what="the clients" testid="client-list"
            empty=|| view! {
                <p class="empty-state" data-testid="no-clients">"No client has registered itself, or every one was taken over or deleted."</p>
            }
            row=|client, on_changed| view! { <ClientRow client on_changed /> } />
    }
}
