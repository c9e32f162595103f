//! One self-registered client: its name (as it claims), client id, redirect URIs, when it
//! registered and was last used, how it registered and whether its registration access token
//! still manages it; deleting it, and taking it over for a developer.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::account::Email;
use shared::api::{SelfRegisteredClient, TakeOverRequest};

use crate::api;
use crate::components::ui::confirmed_action::ConfirmedAction;
use crate::components::ui::field::{InputKind, TextField};
use crate::components::ui::submit::{FormFailure, SubmitButton};
use crate::dom::{date, date_time, focus_soon};
use crate::submission::Submission;

#[component]
pub fn ClientRow(client: SelfRegisteredClient, on_changed: Callback<String>) -> impl IntoView {
    let SelfRegisteredClient {
        client_id,
        name,
        redirect_uris,
        created_at,
        last_used_at,
        registered_with,
        management_token_active,
    } = client;
    let delete = Submission::new();
    delete.announces(on_changed, format!("Deleted {name}."));
    let confirm_id = format!("delete-{client_id}");
    let send = delete.sender(client_id.clone(), |client_id| async move {
        api::delete_self_registered_client(&client_id).await
    });
    let last_used = last_used_at.map_or_else(
        || "No token issued yet".to_owned(),
        |at| format!("Last token {}", date_time(at)),
    );
    let management = if management_token_active {
        "Manages itself with its registration access token"
    } else {
        "Its registration access token no longer works"
    };
    let question = format!(
        "Delete {name}? Every token it holds ends at once and people's consents to it are removed."
    );
    view! {
        <li class="app-row" data-testid="client-row">
            <div class="app-row-main">
                <span class="app-name" data-testid="client-name">{name.clone()}</span>
                <div class="app-row-meta">
                    <code data-testid="client-id">{client_id.clone()}</code>
                    <span>"Registered "{date(created_at)}" by "{registered_with.to_string()}</span>
                    <span>{last_used}</span>
                    <span>{management}</span>
                </div>
                <ul class="plain" data-testid="client-redirect-uris">
                    {redirect_uris.into_iter().map(|uri| view! { <li><code>{uri}</code></li> }).collect_view()}
                </ul>
                <TakeOver client_id=client_id.clone() name=name.clone() on_changed />
            </div>
            <ConfirmedAction id=confirm_id opener="Delete…" opener_testid="delete-client" testid="delete-client"
                labels=("Delete client", "Deleting…") submission=delete on_confirm=send>
                <p>{question.clone()}</p>
            </ConfirmedAction>
        </li>
    }
}

/// "Take over": the developer's email, checked by the shared rule as typed and by the server
/// (no such account) under the same field.
#[component]
fn TakeOver(client_id: String, name: String, on_changed: Callback<String>) -> impl IntoView {
    let open = RwSignal::new(false);
    let email = RwSignal::new(String::new());
    let take = Submission::new();
    // An empty field says nothing until the administrator tries to send it.
    let tried = RwSignal::new(false);
    let key = format!("developer_email-{client_id}");
    let local = move || {
        let text = email.get();
        (tried.get() || !text.trim().is_empty())
            .then(|| Email::try_from(text).err().map(|err| err.to_string()))
            .flatten()
    };
    let error = Signal::derive(move || {
        local().or_else(|| {
            take.failure()
                .and_then(|failure| failure.fields().remove("developer_email"))
        })
    });
    take.on_success(move |()| {
        let to = email.get_untracked();
        on_changed.run(format!("{name} is now an app of {}.", to.trim()));
    });
    let submit = {
        let client_id = client_id.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            tried.set(true);
            let Ok(developer_email) = Email::try_from(email.get_untracked()) else {
                return;
            };
            let client_id = client_id.clone();
            take.send(async move {
                api::take_over(&client_id, &TakeOverRequest { developer_email }).await
            });
        }
    };
    let field_id = crate::components::ui::field::field_id(&key);
    let open_it = move |_| {
        open.set(true);
        focus_soon(field_id.clone());
    };
    move || {
        if !open.get() {
            return view! {
                <button type="button" class="small" data-testid="take-over" on:click=open_it.clone()>
                    "Take over…"
                </button>
            }
            .into_any();
        }
        view! {
            <form class="panel" novalidate=true data-testid="take-over-form" on:submit=submit.clone()>
                <p>"Give this client to a developer: it becomes an ordinary app in their console, and its registration access token stops working."</p>
                <TextField key=key.clone() label="Developer's email" value=email error kind=InputKind::Email
                    on_input=move |text| { email.set(text); take.answer.set(None); } />
                <FormFailure failure=take.failed() fields_apart=true />
                <div class="buttons">
                    <SubmitButton testid="take-over-submit" pending=take.pending labels=("Take over", "Taking over…") />
                    <button type="button" on:click=move |_| { open.set(false); take.answer.set(None); }>"Cancel"</button>
                </div>
            </form>
        }
        .into_any()
    }
}
