//! `/admin/self-registered-clients`: clients that registered themselves (RFC 7591) and belong
//! to no developer; deleting one, or taking it over for a developer.

use leptos::prelude::*;

use crate::api;
use crate::components::admin::client_row::ClientRow;
use crate::components::admin::require_admin::RequireAdmin;
use crate::components::ui::loaded::{loaded_list, Changes};
use crate::components::ui::page_heading::PageHeading;

#[component]
pub fn AdminClientsPage() -> impl IntoView {
    view! { <RequireAdmin><Clients /></RequireAdmin> }
}

#[component]
fn Clients() -> impl IntoView {
    let changes = Changes::new("clients-notice");
    let on_changed = changes.callback();
    let clients = changes.reloading(api::self_registered_clients);
    view! {
        <section class="card">
            <PageHeading text="Self-registered clients" />
            <p class="hint">"Names are what the clients claim. Unused ones are removed after the configured number of days."</p>
            {changes.notice()}
            {loaded_list(clients, "the clients",
                || view! {
                    <p class="empty-state" data-testid="no-clients">"No client has registered itself, or every one was taken over or deleted."</p>
                },
                move |list| view! {
                    <ul class="app-list" data-testid="client-list">
                        {list.into_iter().map(|client| view! { <ClientRow client on_changed /> }).collect_view()}
                    </ul>
                },
            )}
        </section>
    }
}
