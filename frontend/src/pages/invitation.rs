//! An invitation link (`/invitations/:token`): which team, which role, who invited, for which
//! email. Signed out, it leads through signing in or up (the email filled in) and back here;
//! signed in with the invited email, "Accept" joins the team and opens its page; signed in
//! as someone else, it says so, shows the server's answer to accepting, and offers to switch
//! account. A link that is unknown, used or expired shows the server's message.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::api::InvitationPreview;

use crate::api;
use crate::components::teams::role_name;
use crate::components::ui::loaded::loaded_page;
use crate::components::ui::page_card::PageFailure;
use crate::components::ui::page_heading::PageHeading;
use crate::components::ui::status::{ErrorMessage, Loading};
use crate::components::ui::submit::FormFailure;
use crate::dom::date_time;
use crate::pages::sign_in::account_href;
use crate::session::{use_session, SessionState};
use crate::submission::Submission;

#[component]
pub fn InvitationPage() -> impl IntoView {
    let token = use_params_map().with_untracked(|params| params.get("token").unwrap_or_default());
    let preview = LocalResource::new({
        let token = token.clone();
        move || {
            let token = token.clone();
            async move { api::invitation(&token).await }
        }
    });
    loaded_page(
        preview,
        "the invitation",
        |failure| {
            view! {
                <PageFailure heading="This invitation cannot be used" failure narrow=true>
                    <p class="hint">"Ask the team's admin for a new invitation."</p>
                </PageFailure>
            }
        },
        move |preview| view! { <Offer preview token=token.clone() /> },
    )
}

#[component]
fn Offer(preview: InvitationPreview, token: String) -> impl IntoView {
    let session = use_session();
    let here = format!("/invitations/{token}");
    let expires = date_time(preview.expires_at);
    let heading = format!("Join {}", preview.team_name);
    let summary = format!(
        "{} invited {} to the team {} as {}.",
        preview.invited_by,
        preview.email,
        preview.team_name,
        role_name(preview.role).to_lowercase()
    );
    let action = move || {
        match session.state.get() {
        SessionState::Checking => view! { <Loading what="your session" /> }.into_any(),
        SessionState::Failed(failure) => view! {
            <ErrorMessage failure />
            <button type="button" on:click=move |_| session.check()>"Try again"</button>
        }
        .into_any(),
        SessionState::SignedOut => view! { <SignedOut preview=preview.clone() here=here.clone() /> }.into_any(),
        SessionState::SignedIn(info) => view! {
            <Accept preview=preview.clone() token=token.clone() here=here.clone() signed_in_as=info.account.email />
        }
        .into_any(),
    }
    };
    view! {
        <section class="card narrow" data-testid="invitation">
            <PageHeading text=heading />
            <p data-testid="invitation-summary">{summary}</p>
            <p class="hint">"The invitation expires "{expires}"."</p>
            {action}
        </section>
    }
}

#[component]
fn SignedOut(preview: InvitationPreview, here: String) -> impl IntoView {
    let email = Some(preview.email.as_str());
    let sign_in = account_href("/sign-in", Some(&here), email);
    let sign_up = account_href("/sign-up", Some(&here), email);
    // The one the email needs comes first, as the primary button.
    let (first, second) = if preview.has_account {
        (
            view! { <a href=sign_in class="button primary" data-testid="invitation-sign-in">"Sign in"</a> },
            view! { <a href=sign_up class="button" data-testid="invitation-sign-up">"Create an account"</a> },
        )
    } else {
        (
            view! { <a href=sign_up class="button primary" data-testid="invitation-sign-up">"Create an account"</a> },
            view! { <a href=sign_in class="button" data-testid="invitation-sign-in">"Sign in"</a> },
        )
    };
    view! {
        <p>{format!("Sign in as {} to accept it; you will come back here.", preview.email)}</p>
        <div class="buttons">{first}{second}</div>
    }
}

#[component]
fn Accept(
    preview: InvitationPreview,
    token: String,
    here: String,
    signed_in_as: String,
) -> impl IntoView {
    let navigate = use_navigate();
    let session = use_session();
    let accept = Submission::<()>::new();
    let team_href = format!("/teams/{}", preview.team_slug);
    accept.on_success({
        let navigate = navigate.clone();
        move |()| {
            navigate(&team_href, Default::default());
        }
    });
    let send = move |_| {
        let token = token.clone();
        accept.send(async move { api::accept_invitation(&token).await });
    };
    let other_account = !signed_in_as.eq_ignore_ascii_case(&preview.email);
    let switching = RwSignal::new(None::<String>);
    let switch = move |_| {
        let navigate = navigate.clone();
        let next = account_href("/sign-in", Some(&here), Some(&preview.email));
        spawn_local(async move {
            match api::sign_out().await {
                Ok(()) => {
                    session.signed_out();
                    navigate(&next, Default::default());
                }
                Err(err) => switching.set(Some(format!("Could not sign out: {err}"))),
            }
        });
    };
    view! {
        {other_account.then(|| view! {
            <p class="warning" data-testid="other-account">
                {format!("You are signed in as {signed_in_as}; this invitation is for another email.")}
            </p>
        })}
        <FormFailure failure=accept.failed() />
        <div class="buttons">
            <button type="button" class="primary" data-testid="accept-invitation" disabled=accept.pending on:click=send>
                {move || if accept.pending.get() { "Joining…" } else { "Accept" }}
            </button>
            // Offered when this account is not the invited one, or the server said so.
            <Show when=move || other_account || accept.failure().is_some_and(|f| f.status() == Some(403))>
                <button type="button" data-testid="switch-account" on:click=switch.clone()>"Switch account"</button>
            </Show>
        </div>
        {move || switching.get().map(|message| view! { <p class="error" role="alert">{message}</p> })}
    }
}
