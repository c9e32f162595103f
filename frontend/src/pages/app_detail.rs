//! One app: its owner, every setting, how to connect a client library, the redirect URL
//! tester, and the actions (edit, move, delete, and for administrators disable/enable). A
//! team's viewer (`may_change` false) sees the app without the actions.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::api::{AppDetail, ServerInfo};

use crate::api::{self, ApiFailure};
use crate::components::apps::delete::DeleteApp;
use crate::components::apps::icon::AppIcon;
use crate::components::apps::integration::Integration;
use crate::components::apps::redirect_tester::RedirectTester;
use crate::components::apps::route::{route_app_changed, use_route_app};
use crate::components::apps::settings_overview::SettingsOverview;
use crate::components::teams::move_owner::{MoveOwner, Owner};
use crate::components::ui::page_heading::PageHeading;
use crate::components::ui::status::{ErrorMessage, Loading};
use crate::components::ui::submit::FormFailure;
use crate::dom::focus_soon;
use crate::session::use_session;
use crate::submission::Submission;

/// Below `AppRoute`, which has loaded the app.
#[component]
pub fn AppDetailPage() -> impl IntoView {
    let server = LocalResource::new(api::server_info);
    view! { <AppPage detail=use_route_app() server /> }
}

#[component]
fn AppPage(
    detail: AppDetail,
    server: LocalResource<Result<ServerInfo, ApiFailure>>,
) -> impl IntoView {
    let saved = use_query_map().with_untracked(|query| query.get("saved").is_some());
    // The disable switch answers with the new detail; the page shows it from then on.
    let current = RwSignal::new(detail.clone());
    let edit_href = format!("/apps/{}/edit", detail.client_id);
    let secrets_href = format!("/apps/{}/secrets", detail.client_id);
    let may_change = detail.may_change;
    view! {
        <section class="card">
            <div class="title-row">
                <div class="app-title">
                    <AppIcon icon_url=detail.icon_url.clone() name=detail.name.clone() size=64 />
                    <PageHeading text=detail.name.clone() testid="app-name" />
                    <Show when=move || current.with(|app| app.disabled)>
                        <span class="badge warn" data-testid="disabled-badge">"Disabled"</span>
                    </Show>
                </div>
                <div class="buttons">
                    {may_change.then_some(view! { <a href=edit_href class="button primary" data-testid="edit-app">"Edit"</a> })}
                    <a href=secrets_href class="button" data-testid="open-secrets">"Secrets and audit log"</a>
                    <a href="/apps">"Back to my apps"</a>
                </div>
            </div>
            <Owner team=Signal::derive(move || current.with(|app| app.team.clone()))
                person=Signal::derive(move || current.with(|app| app.owner_email.clone())) testid="app-owner" />
            {(!may_change).then_some(view! {
                <p class="hint" data-testid="read-only">"You see this app as a viewer of its team: you cannot change it."</p>
            })}
            {saved.then_some(view! { <p class="notice" role="status" data-testid="notice">"Changes saved. They apply to the next request."</p> })}
            {move || current.with(|app| app.disabled).then_some(view! {
                <p class="warning">"An administrator disabled this app: it cannot obtain tokens."</p>
            })}
            <AdminSwitch current />
        </section>
        <SettingsOverview app=detail.clone() />
        {
            let detail = detail.clone();
            move || match server.get() {
                None => view! { <Loading what="the server's endpoints" /> }.into_any(),
                Some(Err(failure)) => view! { <section class="card"><ErrorMessage failure /></section> }.into_any(),
                Some(Ok(info)) => view! { <Integration app=detail.clone() issuer=info.issuer /> }.into_any(),
            }
        }
        <RedirectTester registered=detail.redirect_uris.clone() />
        {may_change.then(|| view! {
            <MoveOwner what="app" here=Signal::derive(move || current.with(|app| app.team.clone()))
                send=move |to| {
                    let client_id = current.with_untracked(|app| app.client_id.clone());
                    async move { api::move_app(&client_id, to).await }
                }
                on_moved=move |moved: AppDetail| {
                    route_app_changed(moved.clone());
                    current.set(moved);
                } />
            <DeleteApp client_id=detail.client_id.clone() name=detail.name.clone() />
        })}
    }
}

/// Administrators can disable an app (it can then not obtain tokens) and enable it again.
#[component]
fn AdminSwitch(current: RwSignal<AppDetail>) -> impl IntoView {
    if !use_session().is_admin() {
        return ().into_any();
    }
    let switch = Submission::<AppDetail>::new();
    Effect::new(move |_| {
        match switch.answer.get() {
            Some(Ok(app)) => {
                route_app_changed(app.clone());
                current.set(app);
            }
            Some(Err(_)) => {}
            None => return,
        }
        // The button was disabled while saving, which drops the focus: give it back.
        focus_soon("toggle-disabled".to_owned());
    });
    let toggle = move |_| {
        let (client_id, disabled) =
            current.with_untracked(|app| (app.client_id.clone(), !app.disabled));
        switch.send(async move { api::set_disabled(&client_id, disabled).await });
    };
    view! {
        <div class="admin-switch">
            <button type="button" id="toggle-disabled" data-testid="toggle-disabled" disabled=switch.pending on:click=toggle>
                {move || match (switch.pending.get(), current.with(|app| app.disabled)) {
                    (true, _) => "Saving…",
                    (false, true) => "Enable app",
                    (false, false) => "Disable app",
                }}
            </button>
            <span class="hint">"Administrators only."</span>
            <FormFailure failure=switch.failed() />
        </div>
    }
    .into_any()
}
