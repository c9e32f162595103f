//! What registering an API gives back, shown once: the client id its server introspects
//! tokens with, and that client's secret, which the server never shows again.

use leptos::prelude::*;
use shared::api::CreatedApi;

use crate::components::secrets::one_time::OneTimeSecret;
use crate::components::ui::copy_button::ClientIdFact;
use crate::components::ui::registering::CreatedPanel;

/// The panel's heading, which takes the focus when the panel replaces the form.
pub const HEADING_ID: &str = "created-api-heading";

#[component]
pub fn CreatedApiPanel(created: CreatedApi) -> impl IntoView {
    let CreatedApi { api, client_secret } = created;
    let open = (
        format!("/apis/{}", api.id),
        "open-created-api",
        "Open the API's page",
    );
    let client_id = api.client_id.clone().unwrap_or_default();
    view! {
        <CreatedPanel testid="created-api" heading_id=HEADING_ID name=api.name.to_string() open
            back=("/apis", "Back to APIs")>
            <p>
                "Apps may now ask for its scopes and name "<code>{api.identifier.clone()}</code>
                " as the resource they want tokens for. Your API's server checks the tokens it receives at the introspection endpoint with these credentials."
            </p>
            <dl class="facts">
                <ClientIdFact client_id />
            </dl>
            <OneTimeSecret secret=client_secret of="API" />
        </CreatedPanel>
    }
}
