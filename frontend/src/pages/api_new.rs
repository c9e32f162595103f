//! Registering an API: the form, then (once) its introspection client id and secret.

use leptos::prelude::*;
use shared::api::CreatedApi;
use shared::registered_api::ApiDraft;

use crate::api::{self, ApiFailure};
use crate::components::apis::created::{CreatedApiPanel, HEADING_ID};
use crate::components::apis::form::{ApiForm, ApiFormState};
use crate::components::shell::require_session::RequireSession;
use crate::components::ui::page_heading::PageHeading;
use crate::dom::{focus_soon, scroll_to_top};
use crate::submission::Submission;

#[component]
pub fn NewApiPage() -> impl IntoView {
    view! { <RequireSession><RegisterApi /></RequireSession> }
}

#[component]
fn RegisterApi() -> impl IntoView {
    let state = ApiFormState::new(ApiDraft::default());
    let created = RwSignal::new(None::<CreatedApi>);
    let failure = RwSignal::new(None::<ApiFailure>);
    let register = Submission::<CreatedApi>::new();
    Effect::new(move |_| match register.answer.get() {
        Some(Ok(api)) => {
            failure.set(None);
            created.set(Some(api));
            // The form the focus was in is gone: the result is read from its heading.
            scroll_to_top();
            focus_soon(HEADING_ID.to_owned());
        }
        Some(Err(err)) => state.refused(err, failure),
        None => {}
    });
    let on_submit = Callback::new(move |draft: ApiDraft| {
        failure.set(None);
        register.send(async move { api::create_api(&draft).await });
    });
    view! {
        <Show when=move || created.with(Option::is_none)
            fallback=move || created.get().map(|created| view! { <CreatedApiPanel created /> })>
            <PageHeading text="Register an API" class="page-title" />
            <ApiForm state pending=register.pending failure on_submit />
        </Show>
    }
}
