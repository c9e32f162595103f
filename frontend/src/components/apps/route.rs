//! The app a route names (`/apps/:client_id/…`): one parent route for all of its pages (behind
//! the route table's session guard) loads the app once and shows that it is loading or why it
//! could not be; its pages, rendered in the `<Outlet/>` once the app is loaded, take it from the
//! context.

use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_params_map;
use shared::api::AppDetail;

use crate::api::{self, ApiFailure};
use crate::components::ui::loaded::loaded_page;
use crate::components::ui::page_card::PageFailure;

type Loaded = LocalResource<Result<AppDetail, ApiFailure>>;

/// The route's app: as the parent route loaded it, and as a page last changed it.
#[derive(Clone, Copy)]
struct RouteApp {
    loaded: Loaded,
    /// Set by a page that changed the app (saved its settings, disabled it), so the route's
    /// other pages show it as it is now without loading it again; cleared by each load.
    changed: RwSignal<Option<AppDetail>>,
}

/// The parent of `/apps/:client_id`, `/apps/:client_id/edit` and `/apps/:client_id/secrets`.
#[component]
pub fn AppRoute() -> impl IntoView {
    // Loaded again whenever the route's `:client_id` changes.
    let params = use_params_map();
    let changed = RwSignal::new(None);
    let app: Loaded = LocalResource::new(move || {
        let client_id = params.with(|params| params.get("client_id").unwrap_or_default());
        async move {
            let loaded = api::app(&client_id).await;
            changed.set(None);
            loaded
        }
    });
    provide_context(RouteApp {
        loaded: app,
        changed,
    });
    let failed = |failure| {
        view! {
            <PageFailure heading="The app could not be shown" failure>
                <p><a href="/apps">"Back to my apps"</a></p>
            </PageFailure>
        }
    };
    loaded_page(app, "the app", failed, |_| view! { <Outlet /> })
}

/// The app of the page's route. Only a page below `AppRoute` may ask, and the parent shows
/// its pages only once the app is loaded.
pub fn use_route_app() -> AppDetail {
    let app = expect_context::<RouteApp>();
    if let Some(detail) = app.changed.get_untracked() {
        return detail;
    }
    match app.loaded.get_untracked() {
        Some(Ok(detail)) => detail,
        _ => unreachable!("AppRoute renders its pages only once the app is loaded"),
    }
}

/// A page changed the route's app: the server's answer is what the route's pages show from now
/// on (the page itself is not shown again).
pub fn route_app_changed(detail: AppDetail) {
    expect_context::<RouteApp>().changed.set(Some(detail));
}
