//! `/admin/built-in-api`: whose apps may ask for the built-in API's scopes.

use leptos::prelude::*;

use crate::api;
use crate::components::admin::built_in::BuiltInVisibility;
use crate::components::admin::require_admin::RequireAdmin;
use crate::components::ui::page_heading::PageHeading;
use crate::components::ui::status::{ErrorMessage, Loading};

#[component]
pub fn AdminBuiltInPage() -> impl IntoView {
    view! { <RequireAdmin><BuiltIn /></RequireAdmin> }
}

#[component]
fn BuiltIn() -> impl IntoView {
    let settings = LocalResource::new(api::built_in_api);
    view! {
        <section class="card">
            <PageHeading text="Built-in API" />
            <p class="hint">"The server's own API (profiles, accounts, files). Tokens already issued keep their scopes until they expire."</p>
            {move || match settings.get() {
                None => view! { <Loading what="the built-in API" /> }.into_any(),
                Some(Err(failure)) => view! {
                    <ErrorMessage failure />
                    <button type="button" on:click=move |_| settings.refetch()>"Try again"</button>
                }
                .into_any(),
                Some(Ok(current)) => view! { <BuiltInVisibility current /> }.into_any(),
            }}
        </section>
    }
}
