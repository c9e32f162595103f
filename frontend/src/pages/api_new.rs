//! Registering an API: the form, then (once) its introspection client id and secret.

use leptos::prelude::*;
use shared::api::CreatedApi;
use shared::registered_api::ApiDraft;

use crate::api;
use crate::components::apis::created::{CreatedApiPanel, HEADING_ID};
use crate::components::apis::form::{ApiForm, ApiFormState};
use crate::components::shell::require_session::RequireSession;
use crate::components::ui::page_heading::PageHeading;
use crate::components::ui::registering::{registering, Registering};

#[component]
pub fn NewApiPage() -> impl IntoView {
    view! { <RequireSession><RegisterApi /></RequireSession> }
}

#[component]
fn RegisterApi() -> impl IntoView {
    let state = ApiFormState::new(ApiDraft::default());
    let Registering::<_, CreatedApi> {
        created,
        failure,
        pending,
        on_submit,
    } = registering(state, HEADING_ID, |draft: ApiDraft| async move {
        api::create_api(&draft).await
    });
    view! {
        <Show when=move || created.with(Option::is_none)
            fallback=move || created.get().map(|created| view! { <CreatedApiPanel created /> })>
            <PageHeading text="Register an API" class="page-title" />
            <ApiForm state pending failure on_submit />
        </Show>
    }
}
