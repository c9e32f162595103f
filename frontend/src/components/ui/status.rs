//! The loading and error states every async view shows, so nothing is ever a blank page.

use leptos::prelude::*;

use crate::api::ApiFailure;

#[component]
pub fn Loading(#[prop(into)] what: String) -> impl IntoView {
    view! { <p class="loading" role="status" aria-live="polite">{format!("Loading {what}…")}</p> }
}

#[component]
pub fn ErrorMessage(failure: ApiFailure) -> impl IntoView {
    view! { <p class="error" role="alert">{failure.to_string()}</p> }
}
