//! The person's passkeys on "Your account": the list (name, added, last used) with renaming
//! and removing, and adding one on this device under a name they choose.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::api::PasskeyView;
use shared::passkey::PasskeyName;

use super::passkey_row::PasskeyRow;
use crate::api;
use crate::components::ui::field::TextField;
use crate::components::ui::loaded::{loaded_rows, Changes};
use crate::components::ui::submit::FormEnd;
use crate::session::use_session;
use crate::submission::Submission;
use crate::webauthn;

#[component]
pub fn Passkeys() -> impl IntoView {
    let changes = Changes::new("passkeys-notice");
    let announce = changes.callback();
    let passkeys = changes.reloading(api::passkeys);
    let row = move |passkey| view! { <PasskeyRow passkey on_changed=announce /> };
    let none = || view! { <p class="hint" data-testid="no-passkeys">"No passkeys yet."</p> };
    view! {
        <p class="hint">
            "A passkey signs you in with your device's screen lock or security key instead of your password. It works only on this site, so it cannot be phished."
        </p>
        {changes.notice()}
        {loaded_rows(passkeys, "your passkeys", "passkey-list", none, row)}
        <AddPasskey on_added=announce />
    }
}

#[component]
fn AddPasskey(on_added: Callback<String>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let add = Submission::<PasskeyView>::new();
    let session = use_session();
    let name_error = Signal::derive(move || {
        let server = add
            .failure()
            .and_then(|failure| failure.fields().get("name").cloned());
        let typed = submitted
            .get()
            .then(|| {
                PasskeyName::try_from(name.get())
                    .err()
                    .map(|e| e.to_string())
            })
            .flatten();
        typed.or(server)
    });
    add.on_success(move |added| {
        name.set(String::new());
        submitted.set(false);
        // A passkey is a second factor: a setup-only session is an ordinary one now.
        session.second_factor_set_up();
        on_added.run(format!("The passkey “{}” is added.", added.name));
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if let Ok(valid) = PasskeyName::try_from(name.get_untracked()) {
            add.send(api::add_passkey(valid));
        }
    };
    if !webauthn::available() {
        return view! { <p class="hint" data-testid="passkeys-unsupported">{webauthn::UNSUPPORTED}</p> }
            .into_any();
    }
    view! {
        <form on:submit=submit novalidate=true data-testid="add-passkey-form">
            <TextField key="passkey_name" label="Name of the new passkey" value=name
                hint="Such as the device or key it is on, so you can tell your passkeys apart."
                on_input=move |v| name.set(v) error=name_error />
            <FormEnd failure=add.failed() pending=add.pending testid="add-passkey" labels=("Add a passkey", "Waiting for your device…") />
        </form>
    }
    .into_any()
}
