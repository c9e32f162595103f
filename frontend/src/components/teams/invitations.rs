//! A team's pending invitations (owners and admins see them), each with a way to revoke it.
//! The links themselves are never shown again.

use leptos::prelude::*;
use shared::api::Invitation;

use super::{role_name, MyRole};
use crate::api;
use crate::components::ui::confirmed_action::ConfirmedAction;
use crate::components::ui::loaded::{loaded_rows, reloaded_for};
use crate::components::ui::page_card::SectionCard;
use crate::dom::date_time;
use crate::submission::Submission;

#[component]
pub fn Invitations(
    slug: String,
    me: MyRole,
    /// Bumped by every change on the page, which loads the list again.
    changes: RwSignal<u32>,
) -> impl IntoView {
    let list = reloaded_for(changes, slug.clone(), |slug| async move {
        api::invitations(&slug).await
    });
    let on_change = Callback::new(move |()| changes.update(|n| *n += 1));
    let none =
        || view! { <p class="hint" data-testid="no-invitations">"No invitations are waiting."</p> };
    let row =
        move |invitation| view! { <InvitationRow slug=slug.clone() invitation me on_change /> };
    view! {
        <SectionCard id="invitations-heading" heading="Pending invitations">
            {loaded_rows(list, "the invitations", "invitation-list", none, row)}
        </SectionCard>
    }
}

#[component]
fn InvitationRow(
    slug: String,
    invitation: Invitation,
    me: MyRole,
    on_change: Callback<()>,
) -> impl IntoView {
    // Only owners revoke an invitation to be an owner, as only they make one.
    let revocable = me.manages(invitation.role);
    let revoke = Submission::<()>::new();
    revoke.on_success(move |()| {
        on_change.run(());
    });
    let send = revoke.sender((slug, invitation.id.clone()), |(slug, id)| async move {
        api::revoke_invitation(&slug, &id).await
    });
    let question = format!(
        "Revoke the invitation for {}? Its link stops working.",
        invitation.email
    );
    view! {
        <li class="app-row" data-testid="invitation-row">
            <div class="app-row-main">
                <span class="app-name" data-testid="invitation-email">{invitation.email.clone()}</span>
                <span class="badge">{role_name(invitation.role)}</span>
                <div class="app-row-meta">
                    <span>{format!("Invited by {}", invitation.invited_by)}</span>
                    <span>"Expires "{date_time(invitation.expires_at)}</span>
                </div>
            </div>
            {revocable.then(|| view! {
                <ConfirmedAction id=format!("revoke-invitation-{}", invitation.id) opener="Revoke…"
                    opener_label=format!("Revoke the invitation for {}", invitation.email)
                    opener_testid="revoke-invitation" testid="revoke-invitation-confirmation"
                    labels=("Revoke invitation", "Revoking…") submission=revoke on_confirm=send>
                    <p>{question.clone()}</p>
                </ConfirmedAction>
            })}
        </li>
    }
}
