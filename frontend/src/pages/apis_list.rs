//! "APIs" (`/apis`): the built-in API first, then every API the signed-in developer's apps
//! may ask scopes of (their own, and others' shared with developers or anyone). The team
//! switcher narrows it to their own or one team's (`?owner=me`, `?team=SLUG`).

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::{self, Whose};
use crate::components::apis::row::ApiRow;
use crate::components::teams::switcher::TeamSwitcher;
use crate::components::ui::loaded::loaded_rows;
use crate::components::ui::page_heading::PageHeading;

#[component]
pub fn ApisPage() -> impl IntoView {
    let (deleted, start) = use_query_map().with_untracked(|query| {
        let whose = match Whose::from_params(query.get("owner").as_deref(), query.get("team")) {
            Whose::Everyone => Whose::Seen,
            whose => whose,
        };
        (query.get("deleted").is_some(), whose)
    });
    let whose = RwSignal::new(start);
    let apis = LocalResource::new(move || {
        let whose = whose.get();
        async move { api::apis_of(&whose).await }
    });
    // The choice lives in the address (replacing the entry), so Back comes back to it.
    let navigate = use_navigate();
    Effect::new(move |first: Option<()>| {
        let mut params = url::form_urlencoded::Serializer::new(String::new());
        whose.get().append_to(&mut params);
        if first.is_some() {
            let href = match params.finish() {
                query if query.is_empty() => "/apis".to_owned(),
                query => format!("/apis?{query}"),
            };
            let options = NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            };
            navigate(&href, options);
        }
    });
    view! {
        <section class="card">
            <div class="title-row">
                <PageHeading text="APIs" />
                <a href="/apis/new" class="button primary" data-testid="new-api">"Register an API"</a>
            </div>
            <p class="hint">"The APIs your apps may ask people for access to. Register your own API to give it scopes and have this server issue tokens for it."</p>
            {deleted.then_some(view! { <p class="notice" role="status" data-testid="notice">"The API was deleted."</p> })}
            <div class="list-controls"><TeamSwitcher whose what="APIs" /></div>
            {loaded_rows(apis, "the APIs", "api-list",
                || view! { <p class="empty-state" data-testid="no-apis">"No APIs here yet."</p> },
                |api| view! { <ApiRow api /> })}
        </section>
    }
}
