//! Deleting an API the developer owns, after a confirmation: apps can then no longer ask
//! for its scopes, its server can no longer introspect and its tokens are revoked. The console goes back to the list.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::ui::confirm::{confirm_toggle, Confirm};
use crate::submission::Submission;

const CONFIRM_ID: &str = "delete-api";

#[component]
pub fn DeleteApi(id: String, name: String) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let delete = Submission::new();
    let navigate = use_navigate();
    delete.on_success(move |()| {
        navigate("/apis?deleted=1", Default::default());
    });
    let (open, cancel) = confirm_toggle(CONFIRM_ID, confirming);
    let on_confirm = delete.sender(id, |id| async move { api::delete_api(&id).await });
    let on_cancel = Callback::new(cancel);
    let failure = delete.failed();
    let question = format!("Delete {name} permanently?");
    view! {
        <section class="card danger-zone" aria-labelledby="delete-api-heading">
            <h2 id="delete-api-heading">"Delete this API"</h2>
            <p>"Apps can then no longer ask for its scopes, its server can no longer check tokens here, and the tokens issued for it are revoked (a JWT access token stays valid until it expires). It cannot be undone."</p>
            <Show when=move || confirming.get() fallback=move || {
                let open = open.clone();
                view! {
                    <button type="button" class="danger" id=format!("{CONFIRM_ID}-open") data-testid="delete-api" on:click=open>
                        "Delete API…"
                    </button>
                }
            }>
                {
                    let question = question.clone();
                    view! {
                        <Confirm id=CONFIRM_ID testid="confirm-delete-api" labels=("Delete permanently", "Deleting…")
                            pending=delete.pending failure on_confirm on_cancel>
                            <p>{question}</p>
                        </Confirm>
                    }
                }
            </Show>
        </section>
    }
}
