//! "APIs" (`/apis`): the built-in API first, then every API the signed-in developer's apps
//! may ask scopes of (their own, and others' shared with developers or anyone).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::components::apis::row::ApiRow;
use crate::components::shell::require_session::RequireSession;
use crate::components::ui::page_heading::PageHeading;
use crate::components::ui::status::{ErrorMessage, Loading};

#[component]
pub fn ApisPage() -> impl IntoView {
    view! { <RequireSession><ApiList /></RequireSession> }
}

#[component]
fn ApiList() -> impl IntoView {
    let deleted = use_query_map().with_untracked(|query| query.get("deleted").is_some());
    let apis = LocalResource::new(api::apis);
    view! {
        <section class="card">
            <div class="title-row">
                <PageHeading text="APIs" />
                <a href="/apis/new" class="button primary" data-testid="new-api">"Register an API"</a>
            </div>
            <p class="hint">"The APIs your apps may ask people for access to. Register your own API to give it scopes and have this server issue tokens for it."</p>
            {deleted.then_some(view! { <p class="notice" role="status" data-testid="notice">"The API was deleted."</p> })}
            {move || match apis.get() {
                None => view! { <Loading what="the APIs" /> }.into_any(),
                Some(Err(failure)) => view! {
                    <ErrorMessage failure />
                    <button type="button" on:click=move |_| apis.refetch()>"Try again"</button>
                }
                .into_any(),
                Some(Ok(list)) => view! {
                    <ul class="app-list" data-testid="api-list">
                        {list.into_iter().map(|api| view! { <ApiRow api /> }).collect_view()}
                    </ul>
                }
                .into_any(),
            }}
        </section>
    }
}
