//! `/admin/built-in-api`: whose apps may ask for the built-in API's scopes.

use leptos::prelude::*;

use crate::api;
use crate::components::admin::built_in::BuiltInVisibility;
use crate::components::ui::loaded::loaded;
use crate::components::ui::page_card::PageCard;

#[component]
pub fn AdminBuiltInPage() -> impl IntoView {
    let settings = LocalResource::new(api::built_in_api);
    view! {
        <PageCard heading="Built-in API"
            hint="The server's own API (profiles, accounts, files). Tokens already issued keep their scopes until they expire.">
            {loaded(settings, "the built-in API", |current| view! { <BuiltInVisibility current /> })}
        </PageCard>
    }
}
