//! The app a route names (`/apps/:client_id/…`): loading it, and what its pages show when it
//! cannot be loaded.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::api::AppDetail;

use crate::api::{self, ApiFailure};
use crate::components::ui::page_heading::PageHeading;
use crate::components::ui::status::ErrorMessage;

/// Loads the app named by the route's `:client_id`, again whenever the route changes.
pub fn route_app() -> LocalResource<Result<AppDetail, ApiFailure>> {
    let params = use_params_map();
    LocalResource::new(move || {
        let client_id = params.with(|params| params.get("client_id").unwrap_or_default());
        async move { api::app(&client_id).await }
    })
}

#[component]
pub fn AppLoadFailure(failure: ApiFailure) -> impl IntoView {
    view! {
        <section class="card">
            <PageHeading text="The app could not be shown" />
            <ErrorMessage failure />
            <p><a href="/apps">"Back to my apps"</a></p>
        </section>
    }
}
