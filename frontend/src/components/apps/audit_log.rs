//! The audit log of an app, newest first: when, who, from which address and what, with every
//! changed setting as before → after. Reloads when `changes` is bumped by an action elsewhere
//! on the page.

use leptos::prelude::*;
use shared::api::{AuditEntry, AuditEvent, FieldChange};

use crate::api;
use crate::components::ui::loaded::{loaded_list, reloaded_for};
use crate::components::ui::page_card::SectionCard;
use crate::dom::date_time;

#[component]
pub fn AuditLog(client_id: String, changes: RwSignal<u32>) -> impl IntoView {
    let entries = reloaded_for(changes, client_id, |client_id| async move {
        api::audit_log(&client_id).await
    });
    view! {
        <SectionCard id="audit-heading" heading="Audit log">
            <p class="hint">"Every change to this app and its credentials, newest first."</p>
            {loaded_list(entries, "the audit log",
                || view! { <p class="empty-state">"Nothing has been recorded for this app yet."</p> },
                |list| view! {
                    <ol class="app-list" data-testid="audit-log">
                        {list.into_iter().map(entry).collect_view()}
                    </ol>
                },
            )}
        </SectionCard>
    }
}

fn entry(entry: AuditEntry) -> impl IntoView {
    let who = entry
        .actor_email
        .unwrap_or_else(|| "an unknown person".to_owned());
    let changes = match &entry.event {
        AuditEvent::SettingsChanged { changes } => Some(view! {
            <ul class="changes">{changes.iter().cloned().map(change).collect_view()}</ul>
        }),
        _ => None,
    };
    view! {
        <li class="app-row" data-testid="audit-entry">
            <div class="app-row-main">
                <span class="app-name">{entry.event.describe()}</span>
                {changes}
                <div class="app-row-meta">
                    <span>{date_time(entry.at)}</span>
                    <span>"By "{who}</span>
                    {entry.ip.map(|ip| view! { <span>"From "{ip}</span> })}
                </div>
            </div>
        </li>
    }
}

fn change(change: FieldChange) -> impl IntoView {
    let shown = |value: String| {
        if value.is_empty() {
            "(empty)".to_owned()
        } else {
            value
        }
    };
    view! {
        <li>
            <strong>{change.field}</strong>": "
            <span class="before">{shown(change.before)}</span>
            <span aria-hidden="true">" → "</span><span class="visually-hidden">" changed to "</span>
            <span class="after">{shown(change.after)}</span>
        </li>
    }
}
