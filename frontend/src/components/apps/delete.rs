//! Deleting an app: the person types the app's name to confirm, then the app is deleted
//! and the console goes back to the list. Cancel and Escape close the form and put the
//! focus back on the button that opened it.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::ui::submit::FormFailure;
use crate::dom::focus_soon;
use crate::submission::Submission;

const OPENER: &str = "delete-app";

#[component]
pub fn DeleteApp(client_id: String, name: String) -> impl IntoView {
    let open = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let navigate = use_navigate();
    let delete = Submission::new();
    delete.on_success(move |()| {
        navigate("/apps?deleted=1", Default::default());
    });
    let close = move || {
        open.set(false);
        typed.set(String::new());
        focus_soon(OPENER.to_owned());
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close();
        }
    };
    let expected = name.clone();
    let confirmed = Memo::new(move |_| typed.with(|typed| typed.trim() == expected));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if confirmed.get_untracked() {
            let client_id = client_id.clone();
            delete.send(async move { api::delete_app(&client_id).await });
        }
    };
    view! {
        <section class="card danger-zone" aria-labelledby="delete-heading">
            <h2 id="delete-heading">"Delete this app"</h2>
            <p>"Deleting removes the app with its secrets and tokens: anything using it stops working at once. It cannot be undone."</p>
            <Show when=move || open.get() fallback=move || view! {
                <button type="button" class="danger" id=OPENER data-testid="delete-app" on:click=move |_| {
                    open.set(true);
                    focus_soon("delete-confirm".to_owned());
                }>
                    "Delete app…"
                </button>
            }>
                <form class="confirm" on:submit=submit.clone() on:keydown=on_keydown>
                    <div class="field">
                        <label for="delete-confirm">{format!("Type the app name, {name}, to confirm")}</label>
                        <input id="delete-confirm" type="text" autocomplete="off" data-testid="delete-confirm-input"
                            prop:value=typed on:input=move |ev| typed.set(event_target_value(&ev)) />
                    </div>
                    <FormFailure failure=delete.failed() />
                    <div class="buttons">
                        <button type="submit" class="danger" data-testid="delete-confirm"
                            disabled=move || !confirmed.get() || delete.pending.get()>
                            {move || if delete.pending.get() { "Deleting…" } else { "Delete permanently" }}
                        </button>
                        <button type="button" data-testid="delete-cancel" on:click=move |_| close()>
                            "Cancel"
                        </button>
                    </div>
                </form>
            </Show>
        </section>
    }
}
