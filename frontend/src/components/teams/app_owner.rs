//! Whose an app is, on its page (a person, or a team with a link to it), and moving it: into
//! one of the person's teams, or from a team to the person (`PUT /api/v1/apps/{id}/owner`).
//! The server checks that the person may change the app where it is and register apps where
//! it goes, and that its scopes are still offered there; its message shows when it refuses.

use leptos::prelude::*;
use shared::api::AppDetail;
use shared::team::TeamSlug;

use super::owner_picker::changing_teams;
use crate::api;
use crate::components::apps::route::route_app_changed;
use crate::components::ui::confirm::{confirm_toggle, Confirm};
use crate::dom::focus_soon;
use crate::submission::Submission;

/// "Owner: team acme" (a link to the team) or "Owner: ada@example.com".
#[component]
pub fn AppOwner(current: RwSignal<AppDetail>) -> impl IntoView {
    move || {
        current.with(|app| match &app.team {
            Some(slug) => view! {
                <p data-testid="app-owner">"Owner: team "
                    <a href=format!("/teams/{slug}") data-testid="app-owner-team">{slug.to_string()}</a>
                </p>
            }
            .into_any(),
            None => view! { <p data-testid="app-owner">"Owner: "{app.owner_email.clone()}</p> }
                .into_any(),
        })
    }
}

const CONFIRM_ID: &str = "move-app";

/// For people who may change the app: move it to a team of theirs, or to themselves.
#[component]
pub fn MoveApp(current: RwSignal<AppDetail>) -> impl IntoView {
    let teams = LocalResource::new(api::teams);
    // Where it goes: `Some(team)`, or `None` for the person asking.
    let target = RwSignal::new(None::<Option<TeamSlug>>);
    let confirming = RwSignal::new(false);
    let moving = Submission::<AppDetail>::new();
    let (open, cancel) = confirm_toggle(CONFIRM_ID, confirming);
    Effect::new(move |_| {
        if let Some(Ok(moved)) = moving.answer.get() {
            confirming.set(false);
            route_app_changed(moved.clone());
            current.set(moved);
            focus_soon("move-app-notice".to_owned());
        }
    });
    let send = move |()| {
        let Some(to) = target.get_untracked() else {
            return;
        };
        let client_id = current.with_untracked(|app| app.client_id.clone());
        moving.send(async move { api::move_app(&client_id, to).await });
    };
    let choices = move || {
        let here = current.with(|app| app.team.clone());
        let to_me = here.is_some().then(|| {
            let open = open.clone();
            view! {
                <button type="button" id=format!("{CONFIRM_ID}-open") data-testid="move-to-me"
                    on:click=move |ev| { target.set(Some(None)); open(ev) }>
                    "Move to me…"
                </button>
            }
        });
        let to_team = match teams.get() {
            None => view! { <p class="hint" role="status">"Loading your teams…"</p> }.into_any(),
            Some(Err(failure)) => view! {
                <p class="error" role="alert">{format!("Your teams could not be loaded: {failure}")}</p>
                <button type="button" on:click=move |_| teams.refetch()>"Try again"</button>
            }
            .into_any(),
            Some(Ok(list)) => {
                let list: Vec<_> = changing_teams(list)
                    .into_iter()
                    .filter(|team| Some(&team.slug) != here.as_ref())
                    .collect();
                if list.is_empty() {
                    view! { <p class="hint">"You have no other team where you may register apps."</p> }.into_any()
                } else {
                    let chosen = RwSignal::new(list[0].slug.clone());
                    let options = list
                        .into_iter()
                        .map(|team| view! { <option value=team.slug.to_string()>{format!("Team {}", team.name)}</option> })
                        .collect_view();
                    let open = open.clone();
                    view! {
                        <label for="move-app-team">"Team"</label>
                        <select id="move-app-team" data-testid="move-app-team"
                            on:change=move |ev| {
                                if let Ok(slug) = TeamSlug::try_from(event_target_value(&ev)) {
                                    chosen.set(slug);
                                }
                            }>
                            {options}
                        </select>
                        <button type="button" id=format!("{CONFIRM_ID}-open") data-testid="move-to-team"
                            on:click=move |ev| { target.set(Some(Some(chosen.get_untracked()))); open(ev) }>
                            "Move to team…"
                        </button>
                    }
                    .into_any()
                }
            }
        };
        view! { <div class="buttons">{to_team}{to_me}</div> }
    };
    let question = move || {
        match target.get() {
        Some(Some(slug)) => format!(
            "Move this app to team {slug}? The team's members will see it, and its owners, admins and developers change it; you keep it only through your role in the team."
        ),
        _ => "Move this app to you? The team's members no longer see it.".to_owned(),
    }
    };
    let notice = move || {
        moving.answer.with(|answer| {
            matches!(answer, Some(Ok(_))).then(|| {
                current.with(|app| match &app.team {
                    Some(slug) => format!("The app now belongs to team {slug}."),
                    None => "The app now belongs to you.".to_owned(),
                })
            })
        })
    };
    view! {
        <section class="card" aria-labelledby="move-app-heading">
            <h2 id="move-app-heading">"Move the app"</h2>
            <p class="notice" id="move-app-notice" tabindex="-1" role="status" data-testid="move-app-notice">{notice}</p>
            <Show when=move || !confirming.get() fallback=move || view! {
                <Confirm id=CONFIRM_ID testid="move-app" labels=("Move app", "Moving…")
                    pending=moving.pending failure=Signal::derive(move || moving.failure())
                    on_confirm=send on_cancel=cancel.clone()>
                    <p>{question}</p>
                </Confirm>
            }>
                {choices.clone()}
            </Show>
        </section>
    }
}
