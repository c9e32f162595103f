//! "Sign in with a passkey" on the console's sign-in page: no email typed, the browser offers
//! the passkeys it has for this site. Hidden where the browser cannot use passkeys.

use leptos::prelude::*;
use shared::api::SessionInfo;

use crate::api;
use crate::components::ui::submit::FormFailure;
use crate::submission::Submission;
use crate::webauthn;

#[component]
pub fn PasskeySignIn(on_signed_in: Callback<SessionInfo>) -> impl IntoView {
    let sign_in = Submission::new();
    sign_in.on_success(move |info| {
        on_signed_in.run(info);
    });
    webauthn::available().then(|| {
        view! {
            <div class="passkey-sign-in">
                <p class="hint">"Or, without typing anything:"</p>
                <FormFailure failure=sign_in.failed() />
                <button type="button" data-testid="passkey-sign-in" disabled=sign_in.pending
                    on:click=move |_| sign_in.send(api::sign_in_with_passkey())>
                    {move || if sign_in.pending.get() { "Waiting for your device…" } else { "Sign in with a passkey" }}
                </button>
            </div>
        }
    })
}
