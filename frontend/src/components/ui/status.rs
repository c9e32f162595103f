//! The loading and error states every async view shows, so nothing is ever a blank page.

use leptos::prelude::*;

use crate::api::ApiFailure;

#[component]
pub fn Loading(#[prop(into)] what: String) -> impl IntoView {
    view! { <p class="loading" role="status" aria-live="polite">{format!("Loading {what}…")}</p> }
}

/// The loading state of a whole page (no heading yet): it also names the page in the document
/// title, so the tab does not keep the previous page's name while this one loads.
#[component]
pub fn PageLoading(#[prop(into)] what: String) -> impl IntoView {
    crate::dom::set_document_title("Loading…");
    view! { <Loading what /> }
}

#[component]
pub fn ErrorMessage(failure: ApiFailure) -> impl IntoView {
    view! { <p class="error" role="alert">{failure.to_string()}</p> }
}
