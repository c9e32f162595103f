//! One team (`/teams/:slug`): its name, its members with their roles, and what the signed-in
//! person's role lets them do there: owners and admins change roles, remove members, invite
//! and revoke invitations; owners delete the team. Everyone sees the team's audit log.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::api::TeamDetail;

use crate::api;
use crate::components::teams::audit::TeamAudit;
use crate::components::teams::delete::DeleteTeam;
use crate::components::teams::invitations::Invitations;
use crate::components::teams::invite::Invite;
use crate::components::teams::members::Members;
use crate::components::teams::{role_name, MyRole};
use crate::components::ui::page_card::PageFailure;
use crate::components::ui::page_heading::PageHeading;
use crate::components::ui::status::PageLoading;
use crate::session::use_session;

#[component]
pub fn TeamPage() -> impl IntoView {
    let params = use_params_map();
    // Bumped by a change of members: the team loads again (and the page with it).
    let reloads = RwSignal::new(0u32);
    // Bumped by every change on the page: its invitations and its log load again.
    let changes = RwSignal::new(0u32);
    let team = LocalResource::new(move || {
        reloads.track();
        let slug = params.with(|params| params.get("slug").unwrap_or_default());
        async move { api::team(&slug).await }
    });
    // The last team shown stays on screen while it loads again after a change.
    let shown = RwSignal::new(None::<TeamDetail>);
    Effect::new(move |_| {
        if let Some(Ok(detail)) = team.get() {
            shown.set(Some(detail));
        }
    });
    move || match (team.get(), shown.get()) {
        (Some(Err(failure)), _) => view! {
            <PageFailure heading="The team could not be shown" failure>
                <p><a href="/teams">"Back to my teams"</a></p>
            </PageFailure>
        }
        .into_any(),
        (_, Some(detail)) => view! { <Team detail reloads changes /> }.into_any(),
        (_, None) => view! { <PageLoading what="the team" /> }.into_any(),
    }
}

#[component]
fn Team(detail: TeamDetail, reloads: RwSignal<u32>, changes: RwSignal<u32>) -> impl IntoView {
    let me = MyRole {
        role: detail.team.role,
        is_admin: use_session().is_admin(),
    };
    let slug = detail.team.slug.to_string();
    let name = detail.team.name.to_string();
    let on_change = Callback::new(move |()| changes.update(|n| *n += 1));
    let on_members_change = Callback::new(move |()| {
        changes.update(|n| *n += 1);
        reloads.update(|n| *n += 1);
    });
    let my_role = match detail.team.role {
        Some(role) => format!("Your role: {}", role_name(role)),
        None => "You see this team as an administrator.".to_owned(),
    };
    view! {
        <section class="card">
            <div class="title-row">
                <PageHeading text=name.clone() testid="team-name" />
                <div class="buttons">
                    <a href=format!("/apps?team={slug}") data-testid="team-apps">"The team's apps"</a>
                    <a href=format!("/apis?team={slug}")>"The team's APIs"</a>
                    <a href="/teams">"All my teams"</a>
                </div>
            </div>
            <p><code>{slug.clone()}</code>" · "<span data-testid="my-role">{my_role}</span></p>
        </section>
        <Members slug=slug.clone() members=detail.members me on_change=on_members_change />
        {me.manages_members().then(|| view! {
            <Invite slug=slug.clone() me on_change />
            <Invitations slug=slug.clone() me changes />
        })}
        <TeamAudit slug=slug.clone() changes />
        {me.is_owner().then(|| view! { <DeleteTeam slug name /> })}
    }
}
