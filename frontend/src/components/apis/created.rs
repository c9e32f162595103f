//! What registering an API gives back, shown once: the client id its server introspects
//! tokens with, and that client's secret, which the server never shows again.

use leptos::prelude::*;
use shared::api::CreatedApi;

use crate::components::secrets::one_time::OneTimeSecret;
use crate::components::ui::copy_button::CopyButton;
use crate::components::ui::page_heading::PageHeading;

/// The panel's heading, which takes the focus when the panel replaces the form.
pub const HEADING_ID: &str = "created-api-heading";

#[component]
pub fn CreatedApiPanel(created: CreatedApi) -> impl IntoView {
    let CreatedApi { api, client_secret } = created;
    let detail_href = format!("/apis/{}", api.id);
    let client_id = api.client_id.clone().unwrap_or_default();
    view! {
        <section class="card" data-testid="created-api">
            <PageHeading text=format!("{} is registered", api.name) id=HEADING_ID />
            <p>
                "Apps may now ask for its scopes and name "<code>{api.identifier.clone()}</code>
                " as the resource they want tokens for. Your API's server checks the tokens it receives at the introspection endpoint with these credentials."
            </p>
            <dl class="facts">
                <dt>"Client ID"</dt>
                <dd>
                    <code class="credential" data-testid="client-id">{client_id.clone()}</code>
                    <CopyButton text=client_id what="client ID" testid="copy-client-id" />
                </dd>
            </dl>
            <OneTimeSecret secret=client_secret of="API" />
            <p class="buttons">
                <a href=detail_href class="button primary" data-testid="open-created-api">
                    "Open the API's page"
                </a>
                <a href="/apis">"Back to APIs"</a>
            </p>
        </section>
    }
}
