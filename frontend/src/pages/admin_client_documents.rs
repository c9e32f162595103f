//! Clients met through their metadata documents (`/admin/client-documents`, administrators):
//! each by the host its document was fetched from, the name it claims, when it was first and
//! last used and how many people allowed it, with a block button that ends its tokens.

use leptos::prelude::*;
use shared::api::ClientDocumentView;

use crate::api;
use crate::components::ui::changing_list::ChangingList;
use crate::components::ui::confirmed_action::ConfirmedAction;
use crate::components::ui::submit::FormFailure;
use crate::dom::{date, date_time};
use crate::submission::Submission;

#[component]
pub fn AdminClientDocumentsPage() -> impl IntoView {
    // A block or unblock reloads the list.
    view! {
        <ChangingList heading="Metadata document clients"
            hint="Apps that were never registered here and name themselves by the https address of a metadata document. Only the host is known for sure; the names are what the apps claim."
            notice_id="client-documents-notice" fetch=api::client_documents what="the clients met"
            testid="client-document-list"
            empty=|| view! {
                <div class="empty-state" data-testid="no-client-documents">
                    <p>"No app has used a metadata document here yet."</p>
                </div>
            }
            row=|client, on_changed| view! { <ClientDocumentRow client on_changed /> } />
    }
}

#[component]
fn ClientDocumentRow(client: ClientDocumentView, on_changed: Callback<String>) -> impl IntoView {
    let ClientDocumentView {
        id,
        url,
        host,
        claimed_name,
        first_used_at,
        last_used_at,
        consents,
        blocked,
    } = client;
    let change = Submission::<ClientDocumentView>::new();
    change.on_success({
        let host = host.clone();
        move |after| {
            let message = if after.blocked {
                format!("{host} is blocked; its tokens no longer work.")
            } else {
                format!("{host} may ask for access again.")
            };
            on_changed.run(message);
        }
    });
    let send = {
        let id = id.clone();
        move |blocked: bool| {
            let id = id.clone();
            change.send(async move { api::set_client_document_blocked(&id, blocked).await });
        }
    };
    let block = {
        let send = send.clone();
        move |()| send(true)
    };
    let unblock = move |_| send(false);
    let people = match consents {
        1 => "1 person allowed it".to_owned(),
        n => format!("{n} people allowed it"),
    };
    let question = format!(
        "Block {host}? Every token it holds stops working at once, and nobody can allow it again until it is unblocked."
    );
    view! {
        <li class="app-row" data-testid="client-document-row">
            <div class="app-row-main">
                <span class="app-name" data-testid="client-document-host">{host.clone()}</span>
                <span data-testid="client-document-name">" calls itself “"{claimed_name}"”"</span>
                {blocked.then(|| view! { <span class="badge danger" data-testid="client-document-blocked">"Blocked"</span> })}
                <div class="app-row-meta">
                    <code data-testid="client-document-url">{url}</code>
                    <span>"First used "{date(first_used_at)}</span>
                    <span>"Last used "{date_time(last_used_at)}</span>
                    <span data-testid="client-document-consents">{people}</span>
                </div>
            </div>
            {if blocked {
                view! {
                    <button type="button" class="small" data-testid="unblock-client-document"
                        disabled=move || change.pending.get() on:click=unblock>
                        "Unblock"
                    </button>
                    <FormFailure failure=change.failed() />
                }
                .into_any()
            } else {
                view! {
                    <ConfirmedAction id=format!("block-{id}") opener="Block…" opener_label=format!("Block {host}")
                        opener_testid="block-client-document" testid="block-client" labels=("Block", "Blocking…")
                        submission=change on_confirm=block>
                        <p>{question.clone()}</p>
                    </ConfirmedAction>
                }
                .into_any()
            }}
        </li>
    }
}
