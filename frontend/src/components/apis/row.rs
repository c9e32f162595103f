//! One API in the list: name (a "Built-in" badge for the server's own), identifier, who may
//! use it, its scopes and, for others' APIs, the owner.

use leptos::prelude::*;
use shared::api::ApiView;

#[component]
pub fn ApiRow(api: ApiView) -> impl IntoView {
    let href = format!("/apis/{}", api.id);
    let scopes = scope_tokens(&api).join(" ");
    let owner = (!api.mine && !api.built_in)
        .then_some(api.owner_email.clone())
        .flatten();
    view! {
        <li class="app-row" data-testid="api-row" data-api-id=api.id.clone()>
            <div class="app-row-main">
                <a href=href class="app-name" data-testid="api-link">{api.name.clone()}</a>
                {api.built_in.then_some(view! { <span class="badge" data-testid="built-in-badge">"Built-in"</span> })}
                <span class="badge" data-testid="api-visibility">{api.visibility.title()}</span>
                <div class="app-row-meta">
                    <code data-testid="api-identifier">{api.identifier.clone()}</code>
                    {owner.map(|email| view! { <span data-testid="api-owner">"Owner: "{email}</span> })}
                </div>
                <div class="app-row-scopes"><span class="visually-hidden">"Scopes: "</span><code data-testid="api-scopes">{scopes}</code></div>
            </div>
        </li>
    }
}

/// `NAME:read NAME:write` for each resource, in the API's order.
pub fn scope_tokens(api: &ApiView) -> Vec<String> {
    api.resources
        .iter()
        .flat_map(|resource| [format!("{resource}:read"), format!("{resource}:write")])
        .collect()
}
