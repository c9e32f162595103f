//! An action that cannot be undone behind its opener ("Revoke…", "Delete…"): the opener shows
//! the confirmation (`Confirm`, focus on Cancel), and cancelling gives the focus back to the
//! opener. Every list row with such an action (secrets, connections, tokens, clients) uses
//! this one, so they look and behave alike.

use leptos::prelude::*;

use crate::components::ui::confirm::{confirm_toggle, Confirm};
use crate::submission::Submission;

#[component]
pub fn ConfirmedAction<T: Send + Sync + 'static>(
    /// The confirmation's id; the opener is `{id}-open`.
    #[prop(into)]
    id: String,
    /// The opener's text, as "Revoke…".
    opener: &'static str,
    /// The opener's accessible name where its text alone is ambiguous in a list.
    #[prop(optional, into)]
    opener_label: Option<String>,
    opener_testid: &'static str,
    /// The confirmation's test id.
    testid: &'static str,
    /// The confirm button's label, and while the request is under way.
    labels: (&'static str, &'static str),
    /// The request the confirm button sends.
    submission: Submission<T>,
    #[prop(into)] on_confirm: Callback<()>,
    /// What will happen, in words.
    children: ChildrenFn,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let (open, cancel) = confirm_toggle(&id, confirming);
    let on_cancel = Callback::new(cancel);
    let failure = submission.failed();
    view! {
        <button type="button" class="small danger" id=format!("{id}-open") data-testid=opener_testid
            aria-label=opener_label on:click=open>
            {opener}
        </button>
        {move || {
            let children = children.clone();
            confirming.get().then(|| view! {
                <Confirm id=id.clone() testid labels pending=submission.pending failure on_confirm on_cancel>
                    {children()}
                </Confirm>
            })
        }}
    }
}
