//! Editing an app: the registration form, pre-filled, with the same rules. What is saved
//! applies at once (fewer redirect URLs or scopes are refused from the next request on).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::api::{AppDetail, AppDraft};

use crate::api::{self, ApiFailure};
use crate::components::apps::form::{AppForm, AppFormState, FormMode};
use crate::components::apps::route::{route_app_changed, use_route_app};
use crate::components::ui::page_heading::PageHeading;
use crate::submission::Submission;

/// Below `AppRoute`, which has loaded the app.
#[component]
pub fn EditAppPage() -> impl IntoView {
    let detail = use_route_app();
    if !detail.may_change {
        // A team's viewer who followed a link here: the server would refuse the save.
        let back = format!("/apps/{}", detail.client_id);
        return view! {
            <section class="card">
                <PageHeading text=format!("Edit {}", detail.name) class="page-title" />
                <p data-testid="read-only">"You see this app as a viewer of its team: you cannot change it."</p>
                <p><a href=back>"Back to the app"</a></p>
            </section>
        }
        .into_any();
    }
    view! { <EditForm detail /> }.into_any()
}

#[component]
fn EditForm(detail: AppDetail) -> impl IntoView {
    let navigate = use_navigate();
    let state = AppFormState::new(detail.to_draft());
    let failure = RwSignal::new(None::<ApiFailure>);
    let client_id = detail.client_id.clone();
    let save = Submission::<AppDetail>::new();
    Effect::new(move |_| match save.answer.get() {
        Some(Ok(saved)) => {
            let detail_href = format!("/apps/{}?saved=1", saved.client_id);
            route_app_changed(saved);
            navigate(&detail_href, Default::default());
        }
        Some(Err(err)) => state.refused(err, failure),
        None => {}
    });
    let on_submit = Callback::new(move |draft: AppDraft| {
        failure.set(None);
        let client_id = client_id.clone();
        save.send(async move { api::update_app(&client_id, &draft).await });
    });
    let cancel_href = format!("/apps/{}", detail.client_id);
    view! {
        <PageHeading text=format!("Edit {}", detail.name) class="page-title" />
        <AppForm state mode=FormMode::Edit { current_icon: detail.icon_url.clone() }
            pending=save.pending failure on_submit cancel_href />
    }
}
