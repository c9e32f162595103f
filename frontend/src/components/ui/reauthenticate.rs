//! The password dialog of sudo mode: the console API asks for it when the server wants the
//! password again before a sensitive action (`api::on_reauthentication_required`). Confirming
//! re-authenticates and lets the waiting request go again; a wrong password is said in the
//! dialog, which stays; Cancel (or Escape) leaves the action undone, and the page that started
//! it shows the server's refusal where its errors go. One dialog serves every page.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::api::ReauthenticateRequest;

use crate::api;
use crate::components::ui::field::{field_id, InputKind, TextField};
use crate::components::ui::submit::{FormFailure, SubmitButton};
use crate::submission::Submission;

const KEY: &str = "reauth_password";

#[component]
pub fn ReauthenticateDialog() -> impl IntoView {
    let open = RwSignal::new(false);
    let password = RwSignal::new(String::new());
    let empty = RwSignal::new(false);
    let confirm = Submission::<()>::new();
    api::on_reauthentication_required(move || {
        password.set(String::new());
        empty.set(false);
        confirm.answer.set(None);
        open.set(true);
        crate::dom::focus_soon(field_id(KEY));
    });
    let close = move |confirmed: bool| {
        open.set(false);
        password.set(String::new());
        api::finish_reauthentication(confirmed);
    };
    confirm.on_success(move |()| {
        close(true);
    });
    let error = Signal::derive(move || {
        if empty.get() {
            return Some("Enter your password.".to_owned());
        }
        confirm
            .failure()
            .and_then(|failure| failure.fields().get("password").cloned())
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let typed = password.get_untracked();
        empty.set(typed.is_empty());
        if !typed.is_empty() {
            let request = ReauthenticateRequest::Password { password: typed };
            confirm.send(async move { api::reauthenticate(&request).await });
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close(false);
        }
    };
    let edit = move |text: String| {
        password.set(text);
        empty.set(false);
        confirm.answer.set(None);
    };
    view! {
        <Show when=move || open.get()>
            <div class="modal-backdrop">
                <div class="modal panel" role="dialog" aria-modal="true" aria-labelledby="reauth-title"
                    data-testid="reauthenticate-dialog" on:keydown=on_keydown>
                    <h2 id="reauth-title">"Confirm it is you"</h2>
                    <p>"This action needs your password again. Once you confirm it, it carries on."</p>
                    <form on:submit=submit novalidate=true>
                        <TextField key=KEY label="Password" value=password kind=InputKind::Password
                            autocomplete="current-password" on_input=edit error=error />
                        <FormFailure failure=confirm.failed() fields_apart=true />
                        <div class="buttons">
                            <SubmitButton testid="reauthenticate-confirm" pending=confirm.pending labels=("Confirm", "Confirming…") />
                            <button type="button" data-testid="reauthenticate-cancel"
                                on:click=move |_| close(false)>
                                "Cancel"
                            </button>
                        </div>
                    </form>
                </div>
            </div>
        </Show>
    }
}
