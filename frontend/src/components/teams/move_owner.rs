//! Whose an app or an API is, on its page (a person, or a team with a link to it), and moving
//! it: into one of the person's teams, or from a team to the person (`PUT …/owner`). The
//! server checks that the person may change it where it is and register such things where it
//! goes (and, for apps, that their scopes are still offered there); its message shows when it
//! refuses.

use std::future::Future;

use leptos::prelude::*;
use shared::team::TeamSlug;

use super::owner_picker::changing_teams;
use crate::api::{self, ApiFailure};
use crate::components::ui::confirm::{confirm_toggle, Confirm};
use crate::dom::focus_soon;
use crate::submission::Submission;

/// "Owner: team acme" (a link to the team) or "Owner: ada@example.com". `testid` names the
/// paragraph; the team link is `{testid}-team`.
#[component]
pub fn Owner(
    #[prop(into)] team: Signal<Option<TeamSlug>>,
    #[prop(into)] person: Signal<String>,
    testid: &'static str,
) -> impl IntoView {
    move || {
        match team.get() {
        Some(slug) => view! {
            <p data-testid=testid>"Owner: team "
                <a href=format!("/teams/{slug}") data-testid=format!("{testid}-team")>{slug.to_string()}</a>
            </p>
        }
        .into_any(),
        None => view! { <p data-testid=testid>"Owner: "{person.get()}</p> }.into_any(),
    }
    }
}

/// For people who may change it: move it to a team of theirs, or to themselves. `what` is
/// "app" or "API" (in the sentences, and `move-{what lowercased}…` in the element ids);
/// `send` moves it, `on_moved` gets the answer, `here` is its team now.
#[component]
pub fn MoveOwner<T, Fut>(
    what: &'static str,
    #[prop(into)] here: Signal<Option<TeamSlug>>,
    send: impl Fn(Option<TeamSlug>) -> Fut + Send + Sync + 'static,
    #[prop(into)] on_moved: Callback<T>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiFailure>> + 'static,
{
    let key = format!("move-{}", what.to_ascii_lowercase());
    let teams = LocalResource::new(api::teams);
    // Where it goes: `Some(team)`, or `None` for the person asking.
    let target = RwSignal::new(None::<Option<TeamSlug>>);
    let confirming = RwSignal::new(false);
    let moving = Submission::<T>::new();
    let (open, cancel) = confirm_toggle(&key, confirming);
    let notice_id = format!("{key}-notice");
    moving.on_success({
        let notice_id = notice_id.clone();
        move |moved| {
            confirming.set(false);
            on_moved.run(moved);
            focus_soon(notice_id.clone());
        }
    });
    let confirm = Callback::new(move |()| {
        if let Some(to) = target.get_untracked() {
            moving.send(send(to));
        }
    });
    let choices = {
        let key = key.clone();
        move || {
            let here = here.get();
            let to_me = here.is_some().then(|| {
                let open = open.clone();
                view! {
                    <button type="button" id=format!("{key}-open") data-testid="move-to-me"
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
                        view! { <p class="hint">{format!("You have no other team where you may register {what}s.")}</p> }.into_any()
                    } else {
                        let chosen = RwSignal::new(list[0].slug.clone());
                        let options = list
                            .into_iter()
                            .map(|team| view! { <option value=team.slug.to_string()>{format!("Team {}", team.name)}</option> })
                            .collect_view();
                        let open = open.clone();
                        view! {
                            <label for=format!("{key}-team")>"Team"</label>
                            <select id=format!("{key}-team") data-testid=format!("{key}-team")
                                on:change=move |ev| {
                                    if let Ok(slug) = TeamSlug::try_from(event_target_value(&ev)) {
                                        chosen.set(slug);
                                    }
                                }>
                                {options}
                            </select>
                            <button type="button" id=format!("{key}-open") data-testid="move-to-team"
                                on:click=move |ev| { target.set(Some(Some(chosen.get_untracked()))); open(ev) }>
                                "Move to team…"
                            </button>
                        }
                        .into_any()
                    }
                }
            };
            view! { <div class="buttons">{to_team}{to_me}</div> }
        }
    };
    let question = move || {
        match target.get() {
        Some(Some(slug)) => format!(
            "Move this {what} to team {slug}? The team's members will see it, and its owners, admins and developers change it; you keep it only through your role in the team."
        ),
        _ => format!("Move this {what} to you? The team's members no longer see it."),
    }
    };
    let notice = move || {
        moving.answer.with(|answer| {
            matches!(answer, Some(Ok(_))).then(|| match here.get() {
                Some(slug) => format!("The {what} now belongs to team {slug}."),
                None => format!("The {what} now belongs to you."),
            })
        })
    };
    let heading_id = format!("{key}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 id=heading_id>{format!("Move the {what}")}</h2>
            <p class="notice" id=notice_id.clone() tabindex="-1" role="status" data-testid=notice_id.clone()>{notice}</p>
            <Show when=move || !confirming.get() fallback=move || view! {
                <Confirm id=key.clone() testid=key.clone() labels=("Move", "Moving…")
                    pending=moving.pending failure=moving.failed()
                    on_confirm=confirm on_cancel=cancel.clone()>
                    <p>{question}</p>
                </Confirm>
            }>
                {choices.clone()}
            </Show>
        </section>
    }
}
