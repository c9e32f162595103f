//! Clients met through their metadata documents (`/admin/client-documents`, administrators):
//! each by the host its document was fetched from, the name it claims, when it was first and
//! last used and how many people allowed it, with a block button that ends its tokens.

use leptos::prelude::*;
use shared::api::ClientDocumentView;

use crate::api;
use crate::components::shell::require_session::RequireSession;
use crate::components::ui::confirm::{confirm_toggle, Confirm};
use crate::components::ui::page_heading::PageHeading;
use crate::components::ui::status::{ErrorMessage, Loading};
use crate::dom::{date, date_time, focus_soon};
use crate::submission::Submission;

#[component]
pub fn AdminClientDocumentsPage() -> impl IntoView {
    view! { <RequireSession><ClientDocumentList /></RequireSession> }
}

#[component]
fn ClientDocumentList() -> impl IntoView {
    // Bumped after a block or unblock, which reloads the list.
    let changes = RwSignal::new(0u32);
    let notice = RwSignal::new(None::<String>);
    let on_changed = Callback::new(move |message: String| {
        notice.set(Some(message));
        changes.update(|n| *n += 1);
        focus_soon("client-documents-notice".to_owned());
    });
    let documents = LocalResource::new(move || {
        changes.track();
        api::client_documents()
    });
    view! {
        <section class="card">
            <PageHeading text="Metadata document clients" />
            <p class="hint">"Apps that were never registered here and name themselves by the https address of a metadata document. Only the host is known for sure; the names are what the apps claim."</p>
            <p class="notice" id="client-documents-notice" tabindex="-1" role="status" data-testid="client-documents-notice">{move || notice.get()}</p>
            {move || match documents.get() {
                None => view! { <Loading what="the clients met" /> }.into_any(),
                Some(Err(failure)) => view! {
                    <ErrorMessage failure />
                    <button type="button" on:click=move |_| documents.refetch()>"Try again"</button>
                }
                .into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <div class="empty-state" data-testid="no-client-documents">
                        <p>"No app has used a metadata document here yet."</p>
                    </div>
                }
                .into_any(),
                Some(Ok(list)) => view! {
                    <ul class="app-list" data-testid="client-document-list">
                        {list.into_iter().map(|client| view! { <ClientDocumentRow client on_changed /> }).collect_view()}
                    </ul>
                }
                .into_any(),
            }}
        </section>
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
    let confirming = RwSignal::new(false);
    let change = Submission::<ClientDocumentView>::new();
    Effect::new({
        let host = host.clone();
        move |_| {
            if let Some(Ok(after)) = change.answer.get() {
                let message = if after.blocked {
                    format!("{host} is blocked; its tokens no longer work.")
                } else {
                    format!("{host} may ask for access again.")
                };
                on_changed.run(message);
            }
        }
    });
    let confirm_id = format!("block-{id}");
    let opener_id = format!("{confirm_id}-open");
    let (open, cancel) = confirm_toggle(&confirm_id, confirming);
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
                    {move || change.failure().map(|failure| view! { <ErrorMessage failure /> })}
                }
                .into_any()
            } else {
                view! {
                    <button type="button" class="small danger" id=opener_id data-testid="block-client-document"
                        aria-label=format!("Block {host}") on:click=open>
                        "Block…"
                    </button>
                    <Show when=move || confirming.get()>
                        {
                            let question = question.clone();
                            view! {
                                <Confirm id=confirm_id.clone() testid="block-client" labels=("Block", "Blocking…")
                                    pending=change.pending failure=Signal::derive(move || change.failure())
                                    on_confirm=block.clone() on_cancel=cancel.clone()>
                                    <p>{question}</p>
                                </Confirm>
                            }
                        }
                    </Show>
                }
                .into_any()
            }}
        </li>
    }
}
