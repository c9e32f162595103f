//! `/admin/self-registered-clients`: clients that registered themselves (RFC 7591) and belong
//! to no developer; deleting one, or taking it over for a developer.

use leptos::prelude::*;

use crate::api;
use crate::components::admin::client_row::ClientRow;
use crate::components::admin::require_admin::RequireAdmin;
use crate::components::ui::loaded::{loaded_rows, Changes};
use crate::components::ui::page_card::PageCard;

#[component]
pub fn AdminClientsPage() -> impl IntoView {
    view! { <RequireAdmin><Clients /></RequireAdmin> }
}

#[component]
fn Clients() -> impl IntoView {
    let changes = Changes::new("clients-notice");
    let on_changed = changes.callback();
    let clients = changes.reloading(api::self_registered_clients);
    let none = || {
        view! {
            <p class="empty-state" data-testid="no-clients">"No client has registered itself, or every one was taken over or deleted."</p>
        }
    };
    view! {
        <PageCard heading="Self-registered clients"
            hint="Names are what the clients claim. Unused ones are removed after the configured number of days.">
            {changes.notice()}
            {loaded_rows(clients, "the clients", "client-list", none, move |client| view! { <ClientRow client on_changed /> })}
        </PageCard>
    }
}
