//! Changing one's password: the current one (checked by the server like a sign-in, so wrong
//! guesses are throttled) and a new one. Every other browser signed in to the account is
//! signed out; this one stays.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::api::ChangePasswordRequest;

use super::new_password::{NewPassword, NewPasswordField};
use crate::api;
use crate::components::ui::field::{InputKind, TextField};
use crate::components::ui::submit::{FormFailure, SubmitButton};
use crate::submission::Submission;

#[component]
pub fn ChangePassword() -> impl IntoView {
    let current = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let new = NewPassword::new();
    let done = RwSignal::new(false);
    let change = Submission::new();
    let current_error = Signal::derive(move || {
        if submitted.get() && current.with(String::is_empty) {
            return Some("Enter your current password.".to_owned());
        }
        new.server_errors
            .with(|errors| errors.get("current_password").cloned())
    });
    change.on_answer(new.server_errors, move |()| {
        current.set(String::new());
        new.text.set(String::new());
        new.shown.set(false);
        submitted.set(false);
        done.set(true);
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        done.set(false);
        let password = new.submit();
        if let (Some(new_password), false) = (password, current.with_untracked(String::is_empty)) {
            let request = ChangePasswordRequest {
                current_password: current.get_untracked(),
                new_password,
            };
            change.send(async move { api::change_password(&request).await });
        }
    };
    let edit_current = move |text: String| {
        current.set(text);
        new.server_errors.update(|errors| {
            errors.remove("current_password");
        });
    };
    view! {
        <form on:submit=submit novalidate=true data-testid="change-password-form">
            <TextField key="current_password" label="Current password" value=current kind=InputKind::Password
                autocomplete="current-password" on_input=edit_current error=current_error />
            <NewPasswordField field=new />
            // Messages about one field show under it; only the others show here.
            <FormFailure failure=change.failed() fields_apart=true />
            <Show when=move || done.get()>
                <p class="notice" role="status" data-testid="password-changed">
                    "Your password is changed. Every other browser signed in to your account was signed out."
                </p>
            </Show>
            <SubmitButton testid="change-password-submit" pending=change.pending labels=("Change password", "Changing…") />
        </form>
    }
}
