//! Inviting someone by email with a role (owners and admins; only owners invite owners). The
//! answer's link is shown this once, to copy and send; "also mailed" when the server mailed it.

use leptos::prelude::*;
use shared::account::Email;
use shared::api::{CreatedInvitation, NewInvitation};
use shared::field_errors::FieldErrors;
use shared::team::TeamRole;

use super::{role_name, MyRole};
use crate::api;
use crate::components::ui::checked_form::CheckedForm;
use crate::components::ui::copy_button::CopyButton;
use crate::components::ui::field::{FieldError, InputKind, TextField};
use crate::components::ui::submit::FormEnd;
use crate::dom::focus_soon;
use crate::submission::Submission;

#[component]
pub fn Invite(
    slug: String,
    me: MyRole,
    /// Told when an invitation was made, to load the pending ones again.
    on_change: Callback<()>,
) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(TeamRole::Developer);
    let form = CheckedForm::new(move || {
        let mut errors = FieldErrors::new();
        match shared::field_errors::check(&mut errors, "email", Email::try_from(email.get())) {
            Some(address) => Ok(NewInvitation {
                email: address,
                role: role.get(),
            }),
            None => Err(errors),
        }
    });
    let invite = Submission::<CreatedInvitation>::new();
    invite.on_answer(form.server_errors, move |_| {
        email.set(String::new());
        form.submitted.set(false);
        on_change.run(());
        focus_soon("invitation-link-panel".to_owned());
    });
    let email_rule = form.error("email", None);
    let role_error = form.error("role", None);
    let submit = form.submit(move |new| {
        let slug = slug.clone();
        invite.send(async move { api::invite(&slug, &new).await });
    });
    let options = me
        .grantable()
        .into_iter()
        .map(|choice| view! { <option value=choice.as_str() selected=choice == TeamRole::Developer>{role_name(choice)}</option> })
        .collect_view();
    // The link of the invitation just made: shown until the next one, never again afterwards.
    let created = move || match invite.answer.get() {
        Some(Ok(created)) => Some(view! { <CreatedLink created /> }),
        _ => None,
    };
    view! {
        <section class="card" aria-labelledby="invite-heading">
            <h2 id="invite-heading">"Invite someone"</h2>
            {created}
            <form on:submit=submit novalidate=true data-testid="invite-form">
                <TextField key="email" label="Email address" value=email kind=InputKind::Email
                    autocomplete="off" on_input=move |text| {
                        email.set(text);
                        form.edited("email");
                    }
                    error=email_rule />
                <div class="field">
                    <label for="field-role">"Role"</label>
                    <select id="field-role" data-testid="input-role" on:change=move |ev| {
                        if let Some(chosen) = TeamRole::from_name(&event_target_value(&ev)) {
                            role.set(chosen);
                            form.edited("role");
                        }
                    }>
                        {options}
                    </select>
                    <FieldError key="role" error=role_error />
                </div>
                <FormEnd failure=invite.failed() pending=invite.pending testid="invite-submit" labels=("Invite", "Inviting…") />
            </form>
        </section>
    }
}

#[component]
fn CreatedLink(created: CreatedInvitation) -> impl IntoView {
    let link = created.link.clone();
    view! {
        <div class="panel" id="invitation-link-panel" tabindex="-1" data-testid="invitation-link-panel">
            <p class="notice" role="status">
                {format!("Invitation for {} as {}: send them this link. It is shown only this once.",
                    created.invitation.email, role_name(created.invitation.role).to_lowercase())}
                {created.mailed.then_some(" It was also mailed to them.")}
            </p>
            <code class="credential" data-testid="invitation-link">{link.clone()}</code>
            <CopyButton text=Signal::stored(link) what="link" testid="copy-invitation-link" />
        </div>
    }
}
