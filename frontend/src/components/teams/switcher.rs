//! The team switcher above the app and API lists: "All I can see", "Mine", or one team's.
//! The teams come from the server; until they do, the two fixed choices work already.

use leptos::prelude::*;
use shared::api::TeamSummary;

use crate::api::{self, Whose};

/// The `<option>` value of a choice.
fn value_of(whose: &Whose) -> String {
    match whose {
        Whose::Seen | Whose::Everyone => "all".to_owned(),
        Whose::Mine => "mine".to_owned(),
        Whose::Team(slug) => format!("team:{slug}"),
    }
}

fn whose_of(value: &str) -> Whose {
    match value.strip_prefix("team:") {
        Some(slug) => Whose::Team(slug.to_owned()),
        None if value == "mine" => Whose::Mine,
        None => Whose::Seen,
    }
}

#[component]
pub fn TeamSwitcher(
    whose: RwSignal<Whose>,
    /// What the list shows ("apps", "APIs"), for the labels.
    what: &'static str,
) -> impl IntoView {
    let teams = LocalResource::new(api::teams);
    let option = move |whose_here: Whose, label: String| {
        let value = value_of(&whose_here);
        view! {
            <option value=value prop:selected=move || whose.with(|now| *now == whose_here)>{label}</option>
        }
    };
    let team_options = move || match teams.get() {
        Some(Ok(list)) => list
            .into_iter()
            .map(|team: TeamSummary| {
                option(
                    Whose::Team(team.slug.to_string()),
                    format!("Team {}", team.name),
                )
            })
            .collect_view()
            .into_any(),
        // A team named in the address shows while the list loads or if it failed.
        _ => match whose.get_untracked() {
            Whose::Team(slug) => {
                option(Whose::Team(slug.clone()), format!("Team {slug}")).into_any()
            }
            _ => ().into_any(),
        },
    };
    let status = move || match teams.get() {
        None => Some("Loading your teams…".to_owned()),
        Some(Err(failure)) => Some(format!("Your teams could not be loaded: {failure}")),
        Some(Ok(_)) => None,
    };
    view! {
        <div class="field">
            <label for="team-switcher">{format!("Whose {what}")}</label>
            <select id="team-switcher" data-testid="team-switcher"
                on:change=move |ev| whose.set(whose_of(&event_target_value(&ev)))>
                {option(Whose::Seen, "All I can see".to_owned())}
                {option(Whose::Mine, "Mine".to_owned())}
                {team_options}
            </select>
            {move || status().map(|text| view! { <p class="hint" role="status">{text}</p> })}
        </div>
    }
}
