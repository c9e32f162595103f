//! A mailed reset link (`/password-reset/:token`): choose a new password. Setting it signs the
//! account out everywhere; the page then leads to signing in. A link that was used, expired or
//! replaced shows the server's message.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::api::CompletePasswordReset;

use crate::api;
use crate::components::account::new_password::{NewPassword, NewPasswordField};
use crate::components::ui::page_heading::PageHeading;
use crate::components::ui::submit::FormEnd;
use crate::session::use_session;
use crate::submission::Submission;

#[component]
pub fn PasswordResetPage() -> impl IntoView {
    let session = use_session();
    let token = use_params_map().with_untracked(|params| params.get("token").unwrap_or_default());
    let new = NewPassword::new();
    let reset = Submission::new();
    reset.on_answer(new.server_errors, move |()| {
        // This browser's session may have been one of those that ended.
        session.check();
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if let Some(new_password) = new.submit() {
            let request = CompletePasswordReset {
                token: token.clone(),
                new_password,
            };
            reset.send(async move { api::complete_password_reset(&request).await });
        }
    };
    let done = move || matches!(reset.answer.get(), Some(Ok(())));
    view! {
        <section class="card narrow">
            <PageHeading text="Set a new password" />
            <Show when=done fallback=move || view! {
                <form on:submit=submit.clone() novalidate=true data-testid="password-reset-form">
                    <NewPasswordField field=new />
                    <FormEnd failure=reset.failed() pending=reset.pending testid="password-reset-submit" labels=("Set new password", "Setting…") />
                </form>
            }>
                <p class="notice" role="status" data-testid="password-reset-done">
                    "Your new password is set, and every browser signed in to your account was signed out."
                </p>
                <p><a href="/sign-in" data-testid="sign-in-after-reset">"Sign in with your new password"</a></p>
            </Show>
        </section>
    }
}
