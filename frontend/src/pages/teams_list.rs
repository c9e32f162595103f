//! "Teams" (`/teams`): the teams the signed-in person belongs to, with their role in each, and
//! the form that creates one.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::api::TeamSummary;

use crate::api;
use crate::components::teams::create::CreateTeam;
use crate::components::teams::role_name;
use crate::components::ui::loaded::loaded_rows;
use crate::components::ui::page_card::PageCard;

#[component]
pub fn TeamsPage() -> impl IntoView {
    let deleted = use_query_map().with_untracked(|query| query.get("deleted").is_some());
    let teams = LocalResource::new(api::teams);
    view! {
        <PageCard heading="Teams"
            hint="Teams own apps and APIs together. Each member has a role: owners and admins manage members, developers change the team's apps and APIs, viewers see them.">
            {deleted.then_some(view! { <p class="notice" role="status" data-testid="notice">"The team was deleted."</p> })}
            {loaded_rows(teams, "your teams", "team-list",
                || view! { <p class="empty-state" data-testid="no-teams">"You are not in any team yet. Create one below, or ask a team's admin to invite you."</p> },
                |team| view! { <TeamRow team /> })}
        </PageCard>
        <CreateTeam />
    }
}

#[component]
fn TeamRow(team: TeamSummary) -> impl IntoView {
    let role = team.role.map_or("administrator (not a member)", role_name);
    view! {
        <li class="app-row" data-testid="team-row">
            <div class="app-row-main">
                <a href=format!("/teams/{}", team.slug) class="app-name" data-testid="team-link">{team.name.to_string()}</a>
                <span class="badge" data-testid="team-role">{role}</span>
                <div class="app-row-meta"><code>{team.slug.to_string()}</code></div>
            </div>
        </li>
    }
}
