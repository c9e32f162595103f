//! Registering an API: the form, then (once) its introspection client id and secret.

use leptos::prelude::*;
use shared::api::CreatedApi;
use shared::registered_api::ApiDraft;

use crate::api;
use crate::components::apis::created::{CreatedApiPanel, HEADING_ID};
use crate::components::apis::form::{ApiForm, ApiFormState};
use crate::components::ui::registering::{register_page, Registering};

#[component]
pub fn NewApiPage() -> impl IntoView {
    let state = ApiFormState::new(ApiDraft::default());
    register_page(
        state,
        HEADING_ID,
        "Register an API",
        |draft: ApiDraft| async move { api::create_api(&draft).await },
        move |Registering {
                  failure,
                  pending,
                  on_submit,
                  ..
              }| {
            view! { <ApiForm state pending failure on_submit /> }
        },
        |created: CreatedApi| view! { <CreatedApiPanel created /> },
    )
}
