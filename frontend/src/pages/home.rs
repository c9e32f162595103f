//! The overview: what server this console manages, fetched from the API.

use leptos::prelude::*;

use crate::api;
use crate::components::status::{ErrorMessage, Loading};

#[component]
pub fn HomePage() -> impl IntoView {
    let info = LocalResource::new(api::server_info);
    view! {
        <section class="card">
            <h1>"Overview"</h1>
            {move || match info.get() {
                None => view! { <Loading what="server details" /> }.into_any(),
                Some(Err(failure)) => view! { <ErrorMessage failure /> }.into_any(),
                Some(Ok(info)) => view! {
                    <dl class="facts">
                        <dt>"Server"</dt>
                        <dd data-testid="server-name">{info.name}" "{info.version}</dd>
                        <dt>"Issuer"</dt>
                        <dd data-testid="issuer"><code>{info.issuer}</code></dd>
                    </dl>
                }.into_any(),
            }}
        </section>
    }
}
