//! Registering an app: the app form, then (once) the new client id and secret.

use leptos::prelude::*;
use shared::api::{AppDraft, CreatedApp};

use crate::api;
use crate::components::apps::created::{CreatedAppPanel, HEADING_ID};
use crate::components::apps::form::{AppForm, AppFormState, FormMode};
use crate::components::shell::require_session::RequireSession;
use crate::components::ui::page_heading::PageHeading;
use crate::components::ui::registering::{registering, Registering};

#[component]
pub fn NewAppPage() -> impl IntoView {
    view! { <RequireSession><RegisterApp /></RequireSession> }
}

#[component]
fn RegisterApp() -> impl IntoView {
    let state = AppFormState::new(AppDraft::recommended());
    let Registering::<_, CreatedApp> {
        created,
        failure,
        pending,
        on_submit,
    } = registering(state, HEADING_ID, |draft: AppDraft| async move {
        api::create_app(&draft).await
    });
    view! {
        <Show when=move || created.with(Option::is_none)
            fallback=move || created.get().map(|created| view! { <CreatedAppPanel created /> })>
            <PageHeading text="Register an app" class="page-title" />
            <AppForm state mode=FormMode::Register pending failure on_submit cancel_href="/apps" />
        </Show>
    }
}
