//! Access scopes: one group per API the developer's apps may use (the built-in API first, then
//! the registered ones the server lists), each a table with one row per resource and Read
//! and Write boxes; then the OpenID Connect identity scopes.
//!
//! The boxes are views of the draft's `ScopeSet`, which holds one `Access` per resource, so
//! "write without read" cannot be represented: ticking Write sets read-write (Read shows
//! ticked), unticking Write goes back to read, unticking Read removes the resource.

use leptos::prelude::*;
use shared::api::{describe_scope, scope_title, ApiView};
use shared::scope::{Access, IdentityScope, Resource};

use super::state::AppFormState;
use crate::api;
use crate::components::apis::scopes::ScopeRows;
use crate::components::ui::field::FieldError;
use crate::components::ui::loaded::loaded;

#[component]
pub fn ScopeTable(state: AppFormState) -> impl IntoView {
    let apis = LocalResource::new(api::apis);
    let groups = loaded(apis, "the APIs and their scopes", move |list| {
        let unlisted = unlisted_resources(state, &list);
        view! {
            {list.into_iter().map(|api| view! { <ApiGroup state api /> }).collect_view()}
            {(!unlisted.is_empty()).then(|| view! { <UnlistedGroup state resources=unlisted /> })}
        }
    });
    view! {
        <fieldset class="field" id="field-scopes" tabindex="-1" aria-describedby="scopes-hint">
            <legend>"Access scopes"</legend>
            <p class="hint" id="scopes-hint">
                "What the app may ask people for, grouped by API. Write includes read."
            </p>
            {groups}
            <h3 class="subheading">"Identity (OpenID Connect)"</h3>
            <ul class="checks">
                {IdentityScope::ALL.into_iter().map(|scope| view! { <IdentityCheck state scope /> }).collect_view()}
            </ul>
            <FieldError key="scopes" error=state.error("scopes") />
        </fieldset>
    }
}

/// Scopes the app already has of APIs the server no longer lists for this developer (deleted,
/// or no longer shared): shown so they can be removed, not silently kept.
fn unlisted_resources(state: AppFormState, apis: &[ApiView]) -> Vec<Resource> {
    state.draft.with_untracked(|draft| {
        draft
            .scopes
            .resources()
            .map(|(resource, _)| resource.clone())
            .filter(|resource| !apis.iter().any(|api| api.has(resource)))
            .collect()
    })
}

/// One API's resources as a titled table.
#[component]
fn ApiGroup(state: AppFormState, api: ApiView) -> impl IntoView {
    let heading_id = format!("scope-group-{}", api.id);
    let rows = api
        .resources
        .iter()
        .map(|resource| {
            let api_name = api.name.clone();
            view! { <ResourceRow state resource=resource.clone() api_name /> }
        })
        .collect_view();
    view! {
        <div class="scope-group" data-testid=format!("scope-group-{}", api.id)>
            <h3 class="subheading" id=heading_id.clone()>
                {api.name.clone()}
                {api.built_in.then_some(view! { <span class="badge">"Built-in"</span> })}
                <span class="scope-token"><code>{api.identifier.clone()}</code></span>
            </h3>
            <ScopeRows heading_id rows />
        </div>
    }
}

#[component]
fn UnlistedGroup(state: AppFormState, resources: Vec<Resource>) -> impl IntoView {
    let rows = resources
        .into_iter()
        .map(|resource| view! { <ResourceRow state resource api_name="another API".to_owned() /> })
        .collect_view();
    view! {
        <div class="scope-group" data-testid="scope-group-unlisted">
            <h3 class="subheading" id="scope-group-unlisted">"Scopes of APIs you can no longer use"</h3>
            <p class="hint">"The app has these scopes, but their API was deleted or is no longer shared with you. Untick them to remove them."</p>
            <ScopeRows heading_id="scope-group-unlisted".to_owned() rows />
        </div>
    }
}

#[component]
fn ResourceRow(state: AppFormState, resource: Resource, api_name: String) -> impl IntoView {
    let name = resource.as_str().to_owned();
    let access = {
        let resource = resource.clone();
        Memo::new(move |_| state.draft.with(|draft| draft.scopes.access(&resource)))
    };
    let set = {
        let resource = resource.clone();
        move |level: Option<Access>| {
            state.edit("scopes", |draft| draft.scopes.set_access(&resource, level));
        }
    };
    let on_read = {
        let set = set.clone();
        move |ev: leptos::ev::Event| {
            // Unticking Read takes Write with it; ticking it keeps a Write already there.
            let level = if event_target_checked(&ev) {
                access.get_untracked().or(Some(Access::Read))
            } else {
                None
            };
            set(level);
        }
    };
    let on_write = move |ev: leptos::ev::Event| {
        // Unticking Write leaves Read ticked.
        set(Some(if event_target_checked(&ev) {
            Access::ReadWrite
        } else {
            Access::Read
        }));
    };
    let row_id = format!("scope-{name}");
    // A registered API's resource is its own title: its name is not repeated under it.
    let title = scope_title(&resource);
    let token = (title != name)
        .then(|| view! { <span class="scope-token"><code>{name.clone()}</code></span> });
    view! {
        <tr>
            <th scope="row" id=row_id.clone()>
                {title}
                {token}
            </th>
            <td>
                <label class="check">
                    <input type="checkbox" data-testid=format!("scope-{name}-read")
                        aria-describedby=format!("{row_id} {row_id}-read")
                        prop:checked=move || access.get().is_some() on:change=on_read />
                    "Read"
                </label>
                <span class="hint" id=format!("{row_id}-read")>{describe_scope(&api_name, &resource, Access::Read)}</span>
            </td>
            <td>
                <label class="check">
                    <input type="checkbox" data-testid=format!("scope-{name}-write")
                        aria-describedby=format!("{row_id} {row_id}-write")
                        prop:checked=move || access.get() == Some(Access::ReadWrite) on:change=on_write />
                    "Write"
                </label>
                <span class="hint" id=format!("{row_id}-write")>{describe_scope(&api_name, &resource, Access::ReadWrite)}</span>
            </td>
        </tr>
    }
}

#[component]
fn IdentityCheck(state: AppFormState, scope: IdentityScope) -> impl IntoView {
    let name = scope.as_str();
    let checked = move || state.draft.with(|draft| draft.scopes.has_identity(scope));
    let on_change = move |ev: leptos::ev::Event| {
        let present = event_target_checked(&ev);
        state.edit("scopes", |draft| draft.scopes.set_identity(scope, present));
    };
    view! {
        <li>
            <label class="check">
                <input type="checkbox" data-testid=format!("scope-{name}") prop:checked=checked on:change=on_change />
                {scope.title()}" "<code>{name}</code>
            </label>
            <span class="hint">{scope.description()}</span>
        </li>
    }
}
