//! A team's own log (membership, invitations, moves), newest first, each entry a sentence
//! naming who acted. Changes to the team's apps stay in each app's log.

use leptos::prelude::*;
use shared::api::{TeamAuditEntry, TeamEvent};

use crate::api;
use crate::components::ui::loaded::{loaded_list, reloaded_for};
use crate::components::ui::page_card::SectionCard;
use crate::dom::date_time;

/// What happened, in words (without who did it).
fn what(event: &TeamEvent) -> String {
    let role = |role: &shared::team::TeamRole| role.as_str();
    match event {
        TeamEvent::TeamCreated { name } => format!("created the team “{name}”"),
        TeamEvent::MemberAdded { email, role: r } => format!("added {email} as {}", role(r)),
        TeamEvent::RoleChanged {
            email,
            before,
            after,
        } => format!(
            "changed the role of {email} from {} to {}",
            role(before),
            role(after)
        ),
        TeamEvent::MemberRemoved { email } => format!("removed {email}"),
        TeamEvent::InvitationSent { email, role: r } => format!("invited {email} as {}", role(r)),
        TeamEvent::InvitationRevoked { email } => format!("revoked the invitation for {email}"),
        TeamEvent::InvitationAccepted { email, role: r } => {
            format!(
                "accepted the invitation for {email} and joined as {}",
                role(r)
            )
        }
        TeamEvent::AppTransferred {
            name, into_team, ..
        } => moved("app", name, *into_team),
        TeamEvent::ApiTransferred {
            name, into_team, ..
        } => moved("API", name, *into_team),
    }
}

fn moved(kind: &str, name: &str, into_team: bool) -> String {
    if into_team {
        format!("moved the {kind} “{name}” into the team")
    } else {
        format!("moved the {kind} “{name}” out of the team")
    }
}

/// The whole sentence: who acted, then what they did.
pub fn sentence(entry: &TeamAuditEntry) -> String {
    let who = entry
        .actor
        .clone()
        .unwrap_or_else(|| "An operator at the command line".to_owned());
    format!("{who} {}.", what(&entry.event))
}

#[component]
pub fn TeamAudit(slug: String, changes: RwSignal<u32>) -> impl IntoView {
    let log = reloaded_for(
        changes,
        slug,
        |slug| async move { api::team_audit(&slug).await },
    );
    let body = loaded_list(
        log,
        "the team's log",
        || view! { <p class="hint">"Nothing has happened yet."</p> },
        |entries| {
            view! {
                <ol class="app-list" data-testid="team-audit">
                    {entries
                        .iter()
                        .map(|entry| view! {
                            <li data-testid="team-audit-entry">
                                <time>{date_time(entry.at)}</time>" "{sentence(entry)}
                            </li>
                        })
                        .collect_view()}
                </ol>
            }
        },
    );
    view! {
        <SectionCard id="team-audit-heading" heading="Audit log">{body}</SectionCard>
    }
}
