//! The app a route names (`/apps/:client_id/…`): loading it, and what its pages show when it
//! cannot be loaded.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::api::AppDetail;

use crate::api::{self, ApiFailure};
use crate::components::ui::page_heading::PageHeading;
use crate::components::ui::status::{ErrorMessage, PageLoading};

/// Loads the app named by the route's `:client_id`, again whenever the route changes.
pub fn route_app() -> LocalResource<Result<AppDetail, ApiFailure>> {
    let params = use_params_map();
    LocalResource::new(move || {
        let client_id = params.with(|params| params.get("client_id").unwrap_or_default());
        async move { api::app(&client_id).await }
    })
}

/// A page of the route's app: `page` once the app is loaded; until then that it is loading, or
/// why it could not be.
pub fn route_app_page(
    page: impl Fn(AppDetail) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let app = route_app();
    move || match app.get() {
        None => view! { <PageLoading what="the app" /> }.into_any(),
        Some(Err(failure)) => view! { <AppLoadFailure failure /> }.into_any(),
        Some(Ok(detail)) => page(detail),
    }
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
