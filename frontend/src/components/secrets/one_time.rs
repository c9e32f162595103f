//! A client secret the server has just issued and will never show again: the value, a copy
//! button, and a plain warning. Used after registering an app, generating a secret and
//! resetting an app's OAuth values. Until it is copied (or its panel closed), reloading or
//! closing the tab asks first.

use leptos::prelude::*;

use crate::components::ui::copy_button::CopyButton;
use crate::leave_guard::{self, AtStake};

#[component]
pub fn OneTimeSecret(secret: String) -> impl IntoView {
    let copied = RwSignal::new(false);
    leave_guard::guard(AtStake::Secret, Signal::derive(move || !copied.get()));
    view! {
        <div class="secret-box">
            <p class="warning" role="alert">
                <strong>"Copy the client secret now. "</strong>
                "It is shown only this once and cannot be shown again. "
                "Store it like a password, on the server that runs the app."
            </p>
            <dl class="facts">
                <dt>"Client secret"</dt>
                <dd>
                    <code class="credential" data-testid="client-secret">{secret.clone()}</code>
                    <CopyButton text=secret what="client secret" testid="copy-client-secret"
                        on_copied=move |()| copied.set(true) />
                </dd>
            </dl>
        </div>
    }
}
