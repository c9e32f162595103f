//! The cards pages are made of: the page's own (its heading, a line saying what the page is
//! for, then its content) and the sections under it. One component each, so pages look alike.

use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::components::ui::page_heading::PageHeading;
use crate::components::ui::status::ErrorMessage;

#[component]
pub fn PageCard(
    heading: &'static str,
    /// What the page is for, under the heading.
    hint: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="card">
            <PageHeading text=heading />
            <p class="hint">{hint}</p>
            {children()}
        </section>
    }
}

/// A card within a page: its `h2` (with `id`) names the section for assistive technology.
#[component]
pub fn SectionCard(
    /// The heading's id.
    id: &'static str,
    heading: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby=id>
            <h2 id=id>{heading}</h2>
            {children()}
        </section>
    }
}

/// A page whose data could not be loaded: `heading`, the server's message, then `children`
/// (the way back, or what to do).
#[component]
pub fn PageFailure(
    heading: &'static str,
    failure: ApiFailure,
    /// The narrow card of a page with little on it.
    #[prop(optional)]
    narrow: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <section class=if narrow { "card narrow" } else { "card" }>
            <PageHeading text=heading />
            <ErrorMessage failure />
            {children()}
        </section>
    }
}
