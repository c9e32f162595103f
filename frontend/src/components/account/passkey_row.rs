//! One passkey: its name, when it was added and last used; renaming it in place and removing
//! it after a confirmation.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::api::PasskeyView;
use shared::passkey::PasskeyName;

use crate::api;
use crate::components::ui::confirmed_action::ConfirmedAction;
use crate::components::ui::field::TextField;
use crate::components::ui::submit::FormEnd;
use crate::dom::date_time;
use crate::submission::Submission;

#[component]
pub fn PasskeyRow(passkey: PasskeyView, on_changed: Callback<String>) -> impl IntoView {
    let PasskeyView {
        id,
        name,
        created_at,
        last_used_at,
    } = passkey;
    let name = name.to_string();
    let remove = Submission::new();
    remove.announces(on_changed, format!("The passkey “{name}” is removed."));
    let send_remove = remove.sender(
        id.clone(),
        |id| async move { api::remove_passkey(&id).await },
    );
    let last_used = last_used_at.map_or_else(
        || "Never used".to_owned(),
        |at| format!("Last used {}", date_time(at)),
    );
    view! {
        <li class="app-row passkey-row" data-testid="passkey-row">
            <div class="app-row-main">
                <span class="app-name" data-testid="passkey-name">{name.clone()}</span>
                <div class="app-row-meta">
                    <span>"Added "{date_time(created_at)}</span>
                    <span data-testid="passkey-last-used">{last_used}</span>
                </div>
                <Rename id=id.clone() name=name.clone() on_changed />
            </div>
            <ConfirmedAction id=format!("remove-{id}") opener="Remove…" opener_label=format!("Remove the passkey {name}")
                opener_testid="remove-passkey" testid="confirm-remove-passkey" labels=("Remove", "Removing…")
                submission=remove on_confirm=send_remove>
                <p>"Remove this passkey? It will not sign you in any more. Remove it from your device too."</p>
            </ConfirmedAction>
        </li>
    }
}

/// "Rename…" opens a name field with the current name; saving sends it.
#[component]
fn Rename(id: String, name: String, on_changed: Callback<String>) -> impl IntoView {
    let open = RwSignal::new(false);
    let text = RwSignal::new(name);
    let rename = Submission::<PasskeyView>::new();
    let key = format!("rename-{id}");
    let error = Signal::derive(move || {
        let typed = PasskeyName::try_from(text.get())
            .err()
            .map(|e| e.to_string());
        typed.or_else(|| {
            rename
                .failure()
                .and_then(|f| f.fields().get("name").cloned())
        })
    });
    rename.on_success(move |renamed| {
        open.set(false);
        on_changed.run(format!("The passkey is renamed “{}”.", renamed.name));
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if let Ok(valid) = PasskeyName::try_from(text.get_untracked()) {
            let id = id.clone();
            rename.send(async move { api::rename_passkey(&id, valid).await });
        }
    };
    view! {
        <Show when=move || open.get()
            fallback=move || view! {
                <button type="button" class="link" data-testid="rename-passkey" on:click=move |_| open.set(true)>"Rename…"</button>
            }>
            <form on:submit=submit.clone() novalidate=true data-testid="rename-passkey-form">
                <TextField key=key.clone() label="New name" value=text on_input=move |v| text.set(v) error=error />
                <FormEnd failure=rename.failed() pending=rename.pending testid="save-passkey-name" labels=("Save name", "Saving…") />
                <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
            </form>
        </Show>
    }
}
