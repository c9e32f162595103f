//! A client secret the server has just issued: shown once (see `ShownOnce`), after
//! registering an app or an API, generating a secret and resetting an app's OAuth values.

use leptos::prelude::*;

use crate::components::ui::shown_once::ShownOnce;

#[component]
pub fn OneTimeSecret(
    secret: String,
    /// What the secret belongs to, as "app".
    #[prop(default = "app")]
    of: &'static str,
) -> impl IntoView {
    let advice = format!(
        "It is shown only this once and cannot be shown again. Store it like a password, on the server that runs the {of}."
    );
    view! {
        <ShownOnce what="client secret" label="Client secret" value=secret
            testids=("client-secret", "copy-client-secret") advice />
    }
}
