//! Registering an app: the app form, then (once) the new client id and secret.

use leptos::prelude::*;
use shared::api::{AppDraft, CreatedApp};

use crate::api;
use crate::components::apps::created::{CreatedAppPanel, HEADING_ID};
use crate::components::apps::form::{AppForm, AppFormState, FormMode};
use crate::components::ui::registering::{register_page, Registering};

#[component]
pub fn NewAppPage() -> impl IntoView {
    let state = AppFormState::new(AppDraft::recommended());
    register_page(
        state,
        HEADING_ID,
        "Register an app",
        |draft: AppDraft| async move { api::create_app(&draft).await },
        move |Registering {
                  failure,
                  pending,
                  on_submit,
                  ..
              }| {
            view! {
                <AppForm state mode=FormMode::Register pending failure on_submit cancel_href="/apps" />
            }
        },
        |created: CreatedApp| view! { <CreatedAppPanel created /> },
    )
}
