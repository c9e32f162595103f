//! Creating an account: email, display name and a password of at least 12 characters,
//! checked as the person types by the shared rules, then by the server with the same code.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::account::{DisplayName, Email, Password};
use shared::api::SignUpRequest;
use shared::field_errors::FieldErrors;

use crate::api;
use crate::components::ui::checked_form::CheckedForm;
use crate::components::ui::field::{InputKind, TextField};
use crate::components::ui::page_heading::PageHeading;
use crate::components::ui::submit::FormEnd;
use crate::session::use_session;
use crate::submission::Submission;

/// One field of the form: its text, whether it was changed, and the server's message.
#[derive(Clone, Copy)]
struct Input {
    text: RwSignal<String>,
    touched: RwSignal<bool>,
}

impl Input {
    fn new() -> Input {
        Input {
            text: RwSignal::new(String::new()),
            touched: RwSignal::new(false),
        }
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let (email, name, password) = (Input::new(), Input::new(), Input::new());
    let (next, given_email) = query.with_untracked(|query| (query.get("next"), query.get("email")));
    if let Some(given) = &given_email {
        email.text.set(given.clone());
    }
    let sign_in_href =
        super::sign_in::account_href("/sign-in", next.as_deref(), given_email.as_deref());
    let sign_in_instead = sign_in_href.clone();
    let form = CheckedForm::new(move || -> Result<SignUpRequest, FieldErrors> {
        let mut errors = FieldErrors::new();
        let email =
            shared::field_errors::check(&mut errors, "email", Email::try_from(email.text.get()));
        let display_name = shared::field_errors::check(
            &mut errors,
            "display_name",
            DisplayName::try_from(name.text.get()),
        );
        let password = shared::field_errors::check(
            &mut errors,
            "password",
            Password::try_from(password.text.get()),
        );
        match (email, display_name, password) {
            (Some(email), Some(display_name), Some(password)) => Ok(SignUpRequest {
                email,
                display_name,
                password,
            }),
            _ => Err(errors),
        }
    });
    let sign_up = Submission::new();
    // The email has an account: said under the field, with a real link to signing in.
    let taken = Memo::new(move |_| {
        sign_up
            .failure()
            .is_some_and(|failure| failure.status() == Some(409))
            && form
                .server_errors
                .with(|errors| errors.contains_key("email"))
    });
    let error_of = move |key: &'static str, input: Input| {
        let checked = form.error(key, Some(input.touched));
        Signal::derive(move || {
            if key == "email" && taken.get() {
                return Some("An account with this email already exists.".to_owned());
            }
            checked.get()
        })
    };
    let edit = move |key: &'static str, input: Input| {
        Callback::new(move |text: String| {
            input.text.set(text);
            input.touched.set(true);
            form.edited(key);
        })
    };
    let blur = move |input: Input| Callback::new(move |()| input.touched.set(true));
    sign_up.on_answer(form.server_errors, move |info| {
        session.signed_in(info);
        super::sign_in::continue_to(query.get_untracked().get("next"), &navigate);
    });
    let submit =
        form.submit(move |request| sign_up.send(async move { api::sign_up(&request).await }));
    view! {
        <section class="card narrow">
            <PageHeading text="Create an account" />
            <form on:submit=submit novalidate=true data-testid="sign-up-form">
                <TextField key="email" label="Email address" value=email.text kind=InputKind::Email
                    autocomplete="email" on_input=edit("email", email) on_blur=blur(email)
                    error=error_of("email", email) />
                <Show when=move || taken.get()>
                    <p class="field-action"><a href=sign_in_instead.clone() data-testid="sign-in-instead">"Sign in instead"</a></p>
                </Show>
                <TextField key="display_name" label="Your name" value=name.text autocomplete="name"
                    hint="Shown in the console." on_input=edit("display_name", name) on_blur=blur(name)
                    error=error_of("display_name", name) />
                <TextField key="password" label="Password" value=password.text kind=InputKind::Password
                    autocomplete="new-password" hint="At least 12 characters. A few unrelated words make a good one."
                    on_input=edit("password", password) on_blur=blur(password)
                    error=error_of("password", password) />
                // Messages about one field show under it; only the others show here.
                <FormEnd failure=sign_up.failed() pending=sign_up.pending testid="sign-up-submit" labels=("Create account", "Creating your account…") />
            </form>
            <p>"Already have an account? "<a href=sign_in_href>"Sign in"</a></p>
        </section>
    }
}
