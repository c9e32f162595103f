//! What an address the console does not know shows.

use leptos::prelude::*;

use crate::components::ui::page_heading::PageHeading;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="card">
            <PageHeading text="Page not found" />
            <p>"There is nothing at this address."</p>
            <p><a href="/">"Back to the overview"</a></p>
        </section>
    }
}
