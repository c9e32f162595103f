//! "Owner" on the register forms (apps and APIs): the person registering, or one of their
//! teams where their role registers apps and APIs (owners, admins, developers). The server
//! checks the same rule and says so under the field if it refuses.

use leptos::prelude::*;
use shared::api::TeamSummary;
use shared::team::TeamSlug;

use crate::api;
use crate::components::ui::field::FieldError;
use crate::components::ui::form_state::FormState;

/// The teams the person may register into or move things to: where their role changes apps.
pub fn changing_teams(teams: Vec<TeamSummary>) -> Vec<TeamSummary> {
    teams
        .into_iter()
        .filter(|team| team.role.is_some_and(|role| role.changes_apps()))
        .collect()
}

/// The `<option>` value of "me"; team slugs never equal it (they are at least 2 characters).
const ME: &str = "";

#[component]
pub fn OwnerPicker<D: Send + Sync + 'static>(
    state: FormState<D>,
    read: fn(&D) -> Option<TeamSlug>,
    write: fn(&mut D, Option<TeamSlug>),
) -> impl IntoView {
    let teams = LocalResource::new(api::teams);
    let current = move || state.draft.with(read).map(|slug| slug.to_string());
    let choose = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let team = TeamSlug::try_from(value).ok();
        state.edit("team", |draft| write(draft, team));
    };
    let options = move || {
        match teams.get() {
        None => view! { <p class="hint" role="status">"Loading your teams…"</p> }.into_any(),
        Some(Err(failure)) => view! {
            <p class="error" role="alert">{format!("Your teams could not be loaded, so the owner is you: {failure}")}</p>
        }
        .into_any(),
        Some(Ok(list)) => {
            let list = changing_teams(list);
            if list.is_empty() {
                return view! { <p class="hint">"You own what you register. Create a team to share apps and APIs with others."</p> }
                    .into_any();
            }
            let team_options = list
                .into_iter()
                .map(|team| {
                    let slug = team.slug.to_string();
                    let selected = {
                        let slug = slug.clone();
                        move || current().as_deref() == Some(slug.as_str())
                    };
                    view! { <option value=slug prop:selected=selected>{format!("Team {}", team.name)}</option> }
                })
                .collect_view();
            view! {
                <select id="field-team" data-testid="input-team" on:change=choose
                    aria-describedby="field-team-hint">
                    <option value=ME prop:selected=move || current().is_none()>"Me"</option>
                    {team_options}
                </select>
                <p class="hint" id="field-team-hint">"A team's members see what it owns; its owners, admins and developers change it."</p>
            }
            .into_any()
        }
    }
    };
    view! {
        <div class="field">
            <label for="field-team">"Owner"</label>
            {options}
            <FieldError key="team" error=state.error("team") />
        </div>
    }
}
