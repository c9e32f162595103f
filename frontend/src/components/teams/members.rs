//! A team's members with their roles. Owners and admins change roles (a select) and remove
//! members (after a confirmation); only owners touch owners. Everyone else sees the list as
//! it is. The server keeps the last owner and says so when a change would remove them.

use leptos::prelude::*;
use shared::api::TeamMember;
use shared::team::TeamRole;

use super::{role_name, MyRole};
use crate::api;
use crate::components::ui::confirmed_action::ConfirmedAction;
use crate::components::ui::loaded::rows;
use crate::components::ui::page_card::SectionCard;
use crate::components::ui::submit::FormFailure;
use crate::dom::date;
use crate::submission::Submission;

#[component]
pub fn Members(
    slug: String,
    members: Vec<TeamMember>,
    me: MyRole,
    /// Told after a change, to load the team again.
    on_change: Callback<()>,
) -> impl IntoView {
    let row =
        move |(index, member)| view! { <MemberRow slug=slug.clone() member index me on_change /> };
    view! {
        <SectionCard id="members-heading" heading="Members">
            {rows("member-list", members.into_iter().enumerate(), row)}
        </SectionCard>
    }
}

#[component]
fn MemberRow(
    slug: String,
    member: TeamMember,
    index: usize,
    me: MyRole,
    on_change: Callback<()>,
) -> impl IntoView {
    let manages = me.manages(member.role);
    let change = Submission::<()>::new();
    let remove = Submission::<()>::new();
    Effect::new(move |_| {
        let changed = matches!(change.answer.get(), Some(Ok(())));
        let removed = matches!(remove.answer.get(), Some(Ok(())));
        if changed || removed {
            on_change.run(());
        }
    });
    let role_id = format!("member-role-{index}");
    let controls = manages.then(|| {
        let on_role = {
            let (slug, email) = (slug.clone(), member.email.clone());
            move |ev: leptos::ev::Event| {
                if let Some(role) = TeamRole::from_name(&event_target_value(&ev)) {
                    let (slug, email) = (slug.clone(), email.clone());
                    change.send(async move { api::change_role(&slug, &email, role).await });
                }
            }
        };
        let options = me
            .grantable()
            .into_iter()
            .map(|role| {
                view! {
                    <option value=role.as_str() selected=role == member.role>{role_name(role)}</option>
                }
            })
            .collect_view();
        let send = remove.sender((slug.clone(), member.email.clone()), |(slug, email)| async move {
            api::remove_member(&slug, &email).await
        });
        let question = format!(
            "Remove {} from the team? They no longer see its apps and APIs from their next request on.",
            member.email
        );
        view! {
            <label for=role_id.clone() class="visually-hidden">{format!("Role of {}", member.email)}</label>
            // A refused change puts the select back on the role the member still has.
            <select id=role_id.clone() data-testid="member-role-select" disabled=change.pending on:change=on_role
                prop:value=move || { change.answer.track(); member.role.as_str() }>
                {options}
            </select>
            <ConfirmedAction id=format!("remove-member-{index}") opener="Remove…"
                opener_label=format!("Remove {}", member.email) opener_testid="remove-member"
                testid="remove-member-confirmation" labels=("Remove member", "Removing…")
                submission=remove on_confirm=send>
                <p>{question.clone()}</p>
            </ConfirmedAction>
            <FormFailure failure=change.failed() />
        }
    });
    view! {
        <li class="app-row" data-testid="member-row">
            <div class="app-row-main">
                <span class="app-name" data-testid="member-email">{member.email.clone()}</span>
                <span class="badge" data-testid="member-role">{role_name(member.role)}</span>
                <div class="app-row-meta"><span>"Added "<time>{date(member.added_at)}</time></span></div>
            </div>
            {controls}
        </li>
    }
}
