//! "Forgot your password?" (`/forgot-password`): asks the server to mail a reset link. The
//! answer is the same whether the email has an account or not, and this page shows it as it is.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::account::Email;
use shared::api::PasswordResetRequest;

use crate::api;
use crate::components::ui::field::{InputKind, TextField};
use crate::components::ui::page_heading::PageHeading;
use crate::components::ui::submit::{FormFailure, SubmitButton};
use crate::submission::Submission;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let email_error = super::sign_in::email_error(email, submitted);
    let ask = Submission::new();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if let Ok(email) = Email::try_from(email.get_untracked()) {
            let request = PasswordResetRequest { email };
            ask.send(async move { api::request_password_reset(&request).await });
        }
    };
    let answer = move || {
        ask.answer.get().and_then(Result::ok).map(|answer| {
            view! { <p class="notice" role="status" data-testid="reset-requested">{answer.message}</p> }
        })
    };
    view! {
        <section class="card narrow">
            <PageHeading text="Forgot your password?" />
            <p class="hint">"Enter your account's email address, and we will mail you a link to set a new password."</p>
            <form on:submit=submit novalidate=true data-testid="forgot-password-form">
                <TextField key="email" label="Email address" value=email kind=InputKind::Email
                    autocomplete="username" on_input=move |v| email.set(v) error=email_error />
                <FormFailure failure=ask.failed() />
                {answer}
                <SubmitButton testid="forgot-password-submit" pending=ask.pending labels=("Mail me a link", "Sending…") />
            </form>
            <p><a href="/sign-in">"Back to signing in"</a></p>
        </section>
    }
}
