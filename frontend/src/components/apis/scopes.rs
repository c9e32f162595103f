//! The scopes one API offers, in the words the consent screen uses.

use leptos::prelude::*;
use shared::api::{describe_scope, scope_title, ApiView};
use shared::scope::Access;

#[component]
pub fn ApiScopes(api: ApiView) -> impl IntoView {
    let rows = api
        .resources
        .iter()
        .map(|resource| {
            let name = resource.as_str().to_owned();
            let read = describe_scope(&api.name, resource, Access::Read);
            let write = describe_scope(&api.name, resource, Access::ReadWrite);
            view! {
                <tr data-testid=format!("api-scope-{name}")>
                    <th scope="row">{scope_title(resource)}</th>
                    <td><code>{format!("{name}:read")}</code><span class="hint">{read}</span></td>
                    <td><code>{format!("{name}:write")}</code><span class="hint">{write}</span></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="api-scopes-heading">
            <h2 id="api-scopes-heading">"Scopes"</h2>
            <p class="hint">"What apps may ask people for; write includes read. People read these words on the consent screen."</p>
            <ScopeRows testid="api-scopes" rows />
        </section>
    }
}

/// A table of resources and their read and write scopes, one row each (`rows`); on an API's
/// page and, grouped by API, in the app form.
#[component]
pub fn ScopeRows(
    #[prop(optional)] heading_id: Option<String>,
    #[prop(optional)] testid: Option<&'static str>,
    rows: impl IntoView + 'static,
) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="scope-table" aria-labelledby=heading_id data-testid=testid>
                <thead>
                    <tr>
                        <th scope="col">"Resource"</th>
                        <th scope="col">"Read"</th>
                        <th scope="col">"Write"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
