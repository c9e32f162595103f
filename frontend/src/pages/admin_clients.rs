//! `/admin/self-registered-clients`: clients that registered themselves (RFC 7591) and belong
//! to no developer; deleting one, or taking it over for a developer.

use leptos::prelude::*;

use crate::api;
use crate::components::admin::client_row::ClientRow;
use crate::components::admin::require_admin::RequireAdmin;
use crate::components::ui::page_heading::PageHeading;
use crate::components::ui::status::{ErrorMessage, Loading};
use crate::dom::focus_soon;

#[component]
pub fn AdminClientsPage() -> impl IntoView {
    view! { <RequireAdmin><Clients /></RequireAdmin> }
}

#[component]
fn Clients() -> impl IntoView {
    let changes = RwSignal::new(0u32);
    let notice = RwSignal::new(None::<String>);
    let on_changed = Callback::new(move |message: String| {
        notice.set(Some(message));
        changes.update(|n| *n += 1);
        // The row is gone; continue from the message that says so.
        focus_soon("clients-notice".to_owned());
    });
    let clients = LocalResource::new(move || {
        changes.track();
        api::self_registered_clients()
    });
    view! {
        <section class="card">
            <PageHeading text="Self-registered clients" />
            <p class="hint">"Names are what the clients claim. Unused ones are removed after the configured number of days."</p>
            <p class="notice" id="clients-notice" tabindex="-1" role="status" data-testid="clients-notice">{move || notice.get()}</p>
            {move || match clients.get() {
                None => view! { <Loading what="the clients" /> }.into_any(),
                Some(Err(failure)) => view! {
                    <ErrorMessage failure />
                    <button type="button" on:click=move |_| clients.refetch()>"Try again"</button>
                }
                .into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class="empty-state" data-testid="no-clients">"No client has registered itself, or every one was taken over or deleted."</p>
                }
                .into_any(),
                Some(Ok(list)) => view! {
                    <ul class="app-list" data-testid="client-list">
                        {list.into_iter().map(|client| view! { <ClientRow client on_changed /> }).collect_view()}
                    </ul>
                }
                .into_any(),
            }}
        </section>
    }
}
