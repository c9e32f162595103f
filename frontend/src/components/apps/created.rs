//! What registering an app gives back, shown once: the client id and, for confidential
//! apps, the first client secret, which the server never shows again.

use leptos::prelude::*;
use shared::api::CreatedApp;

use crate::components::secrets::one_time::OneTimeSecret;
use crate::components::ui::copy_button::ClientIdFact;
use crate::components::ui::registering::CreatedPanel;

/// The panel's heading, which takes the focus when the panel replaces the form.
pub const HEADING_ID: &str = "created-app-heading";

#[component]
pub fn CreatedAppPanel(created: CreatedApp) -> impl IntoView {
    let CreatedApp { app, client_secret } = created;
    let open = (
        format!("/apps/{}", app.client_id),
        "open-created-app",
        "Open the app's settings",
    );
    let client_id = app.client_id.clone();
    let secret = client_secret.map(|secret| view! { <OneTimeSecret secret /> });
    view! {
        <CreatedPanel testid="created-app" heading_id=HEADING_ID name=app.name.to_string() open
            back=("/apps", "Back to my apps")>
            <dl class="facts">
                <ClientIdFact client_id />
                <dt>"Client type"</dt>
                <dd>{app.client_type.title()}</dd>
            </dl>
            {secret}
            {app.client_type.requires_pkce().then_some(view! {
                <p class="hint">"Public apps have no secret: every authorization request must use PKCE (S256)."</p>
            })}
        </CreatedPanel>
    }
}
