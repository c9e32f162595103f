//! Deleting a team (owners): after a confirmation; the server refuses while the team still
//! owns apps or APIs, and its message says so.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::ui::confirm::{confirm_toggle, Confirm};
use crate::submission::Submission;

const CONFIRM_ID: &str = "delete-team";

#[component]
pub fn DeleteTeam(slug: String, name: String) -> impl IntoView {
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let delete = Submission::<()>::new();
    delete.on_success(move |()| {
        navigate("/teams?deleted=1", Default::default());
    });
    let (open, cancel) = confirm_toggle(CONFIRM_ID, confirming);
    let send = delete.sender(slug, |slug| async move { api::delete_team(&slug).await });
    let question = format!(
        "Delete the team “{name}”? Its members lose it at once. A team that still owns apps or APIs cannot be deleted: move them first."
    );
    view! {
        <section class="card danger-zone" aria-labelledby="delete-team-heading">
            <h2 id="delete-team-heading">"Delete the team"</h2>
            <Show when=move || confirming.get() fallback=move || {
                let open = open.clone();
                view! {
                    <button type="button" class="danger" id=format!("{CONFIRM_ID}-open") data-testid="delete-team"
                        on:click=open>
                        "Delete team…"
                    </button>
                }
            }>
                {
                    // The confirmation's children own their text.
                    let question = question.clone();
                    view! {
                        <Confirm id=CONFIRM_ID testid="delete-team" labels=("Delete team", "Deleting…")
                    pending=delete.pending failure=delete.failed()
                    on_confirm=send on_cancel=cancel.clone()>
                    <p>{question}</p>
                </Confirm>
                    }
                }
            </Show>
        </section>
    }
}
