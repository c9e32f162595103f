//! Registering an app: the app form, then (once) the new client id and secret.

use leptos::prelude::*;
use shared::api::{AppDraft, CreatedApp};

use crate::api::{self, ApiFailure};
use crate::components::apps::created::{CreatedAppPanel, HEADING_ID};
use crate::components::apps::form::{AppForm, AppFormState, FormMode};
use crate::components::shell::require_session::RequireSession;
use crate::components::ui::page_heading::PageHeading;
use crate::dom::{focus_soon, scroll_to_top};
use crate::submission::Submission;

#[component]
pub fn NewAppPage() -> impl IntoView {
    view! { <RequireSession><RegisterApp /></RequireSession> }
}

#[component]
fn RegisterApp() -> impl IntoView {
    let state = AppFormState::new(AppDraft::recommended());
    let created = RwSignal::new(None::<CreatedApp>);
    let failure = RwSignal::new(None::<ApiFailure>);
    let register = Submission::<CreatedApp>::new();
    Effect::new(move |_| match register.answer.get() {
        Some(Ok(app)) => {
            failure.set(None);
            created.set(Some(app));
            // The form the focus was in is gone: the result is read from its heading.
            scroll_to_top();
            focus_soon(HEADING_ID.to_owned());
        }
        Some(Err(err)) => state.refused(err, failure),
        None => {}
    });
    let on_submit = Callback::new(move |draft: AppDraft| {
        failure.set(None);
        register.send(async move { api::create_app(&draft).await });
    });
    view! {
        <Show when=move || created.with(Option::is_none)
            fallback=move || created.get().map(|created| view! { <CreatedAppPanel created /> })>
            <PageHeading text="Register an app" class="page-title" />
            <AppForm state mode=FormMode::Register pending=register.pending failure on_submit cancel_href="/apps" />
        </Show>
    }
}
