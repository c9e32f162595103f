//! Signing in. Whatever went wrong, the server's answer never says whether the email has
//! an account; this page shows that answer as it is.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::account::Email;
use shared::api::{SecondFactorChallenge, SignInOutcome, SignInRequest};

use crate::api;
use crate::components::account::passkey_sign_in::PasskeySignIn;
use crate::components::account::second_factor_step::SecondFactorStep;
use crate::components::ui::field::{InputKind, TextField};
use crate::components::ui::page_heading::PageHeading;
use crate::components::ui::submit::{FormFailure, SubmitButton};
use crate::session::use_session;
use crate::submission::Submission;

/// Where to go after signing in: the `next` page if it is one of this site's own. Browsers
/// read `//host` and `/\host` as another site, which would make this an open redirect.
pub fn next_page(next: Option<String>) -> String {
    next.filter(|path| path.starts_with('/') && !path.starts_with("//") && !path.contains('\\'))
        .unwrap_or_else(|| "/apps".to_owned())
}

/// The sign-in or sign-up page (`page`) that comes back to `next` afterwards, with `email`
/// already typed in (an invitation's page sends people on with both).
pub fn account_href(page: &str, next: Option<&str>, email: Option<&str>) -> String {
    let mut params = url::form_urlencoded::Serializer::new(String::new());
    if let Some(next) = next {
        params.append_pair("next", next);
    }
    if let Some(email) = email {
        params.append_pair("email", email);
    }
    match params.finish() {
        query if query.is_empty() => page.to_owned(),
        query => format!("{page}?{query}"),
    }
}

/// Goes on to the `next` page after signing in or up: console pages through the router, the
/// server-rendered authorization pages (`/oauth/...`, where an app sent the person) by loading
/// them.
pub fn continue_to(next: Option<String>, navigate: impl Fn(&str, leptos_router::NavigateOptions)) {
    let path = next_page(next);
    if path.starts_with("/oauth/") {
        if let Some(window) = web_sys::window() {
            let _ = window.location().assign(&path);
        }
    } else {
        navigate(&path, Default::default());
    }
}

/// The shared rule's message under an email field, once the form was submitted; anything else
/// is the server's call.
pub fn email_error(email: RwSignal<String>, submitted: RwSignal<bool>) -> Signal<Option<String>> {
    Signal::derive(move || {
        submitted
            .get()
            .then(|| Email::try_from(email.get()).err().map(|e| e.to_string()))
            .flatten()
    })
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let (next, given_email) = query.with_untracked(|query| (query.get("next"), query.get("email")));
    let email = RwSignal::new(given_email.clone().unwrap_or_default());
    let password = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let email_error = email_error(email, submitted);
    let password_error = Signal::derive(move || {
        (submitted.get() && password.with(String::is_empty))
            .then(|| "Enter your password.".to_owned())
    });
    let sign_in = Submission::new();
    // Set when the password was right and a second factor is due: asked for in place.
    let challenge = RwSignal::new(None::<SecondFactorChallenge>);
    let signed_in = Callback::new(move |info| {
        session.signed_in(info);
        continue_to(query.get_untracked().get("next"), &navigate);
    });
    Effect::new(move |_| match sign_in.answer.get() {
        Some(Ok(SignInOutcome::SignedIn(info))) => signed_in.run(info),
        Some(Ok(SignInOutcome::SecondFactorRequired(due))) => challenge.set(Some(due)),
        _ => {}
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if email_error.get_untracked().is_none() && password_error.get_untracked().is_none() {
            let request = SignInRequest {
                email: email.get_untracked(),
                password: password.get_untracked(),
            };
            sign_in.send(async move { api::sign_in(&request).await });
        }
    };
    view! {
        <section class="card narrow">
            <PageHeading text="Sign in" />
            {move || challenge.get().map(|challenge| view! {
                <SecondFactorStep challenge on_signed_in=signed_in />
            })}
            <form hidden=move || challenge.with(Option::is_some) on:submit=submit novalidate=true data-testid="sign-in-form">
                <TextField key="email" label="Email address" value=email kind=InputKind::Email
                    autocomplete="username" on_input=move |v| email.set(v) error=email_error />
                <TextField key="password" label="Password" value=password kind=InputKind::Password
                    autocomplete="current-password" on_input=move |v| password.set(v) error=password_error />
                <FormFailure failure=sign_in.failed() />
                <SubmitButton testid="sign-in-submit" pending=sign_in.pending labels=("Sign in", "Signing in…") />
            </form>
            // A passkey signs in on its own; once a password was right, the second step shows.
            {move || challenge.with(Option::is_none).then(|| view! {
                <PasskeySignIn on_signed_in=signed_in />
            })}
            <ForgotPassword />
            <p>"New here? "
                <a href=account_href("/sign-up", next.as_deref(), given_email.as_deref()) data-testid="sign-up-instead">
                    "Create an account"
                </a>
            </p>
        </section>
    }
}

/// With an SMTP server, a link to have a reset link mailed; without, who can help.
#[component]
fn ForgotPassword() -> impl IntoView {
    let server = LocalResource::new(api::server_info);
    move || {
        match server.get() {
        Some(Ok(info)) if info.password_reset_by_mail => view! {
            <p><a href="/forgot-password" data-testid="forgot-password-link">"Forgot your password?"</a></p>
        }
        .into_any(),
        // Loading or failed: the hint is true either way.
        _ => view! {
            <p class="hint" data-testid="forgot-password">
                "Forgot your password? The administrator of this Clientele server can set a new one for you."
            </p>
        }
        .into_any(),
    }
    }
}
