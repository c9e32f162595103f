//! What registering an app gives back, shown once: the client id and, for confidential
//! apps, the first client secret, which the server never shows again.

use leptos::prelude::*;
use shared::api::CreatedApp;

use crate::components::copy_button::CopyButton;

#[component]
pub fn CreatedAppPanel(created: CreatedApp) -> impl IntoView {
    let CreatedApp { app, client_secret } = created;
    let detail_href = format!("/apps/{}", app.client_id);
    let client_id = app.client_id.clone();
    let secret = client_secret.map(|secret| {
        let shown = secret.clone();
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
                        <code class="credential" data-testid="client-secret">{shown}</code>
                        <CopyButton text=secret what="client secret" testid="copy-client-secret" />
                    </dd>
                </dl>
            </div>
        }
    });
    view! {
        <section class="card" data-testid="created-app">
            <h1>{format!("{} is registered", app.name)}</h1>
            <dl class="facts">
                <dt>"Client ID"</dt>
                <dd>
                    <code class="credential" data-testid="client-id">{client_id.clone()}</code>
                    <CopyButton text=client_id what="client ID" testid="copy-client-id" />
                </dd>
                <dt>"Client type"</dt>
                <dd>{app.client_type.title()}</dd>
            </dl>
            {secret}
            {app.client_type.requires_pkce().then_some(view! {
                <p class="hint">"Public apps have no secret: every authorization request must use PKCE (S256)."</p>
            })}
            <p class="buttons">
                <a href=detail_href class="button primary" data-testid="open-created-app">
                    "Open the app's settings"
                </a>
                <a href="/apps">"Back to my apps"</a>
            </p>
        </section>
    }
}
