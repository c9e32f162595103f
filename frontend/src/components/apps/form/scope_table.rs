//! Access scopes: one row per resource of the shared catalogue with Read and Write boxes,
//! and the OpenID Connect identity scopes.
//!
//! The boxes are views of the draft's `ScopeSet`, which holds one `Access` per resource, so
//! "write without read" cannot be represented: ticking Write sets read-write (Read shows
//! ticked), unticking Write goes back to read, unticking Read removes the resource.

use leptos::prelude::*;
use shared::scope::{Access, BuiltIn, IdentityScope};

use super::state::AppFormState;
use crate::components::ui::field::FieldError;

#[component]
pub fn ScopeTable(state: AppFormState) -> impl IntoView {
    view! {
        <fieldset class="field" id="field-scopes" tabindex="-1" aria-describedby="scopes-hint">
            <legend>"Access scopes"</legend>
            <p class="hint" id="scopes-hint">
                "What the app may ask people for. Write includes read."
            </p>
            <div class="table-scroll">
                <table class="scope-table">
                    <thead>
                        <tr>
                            <th scope="col">"Resource"</th>
                            <th scope="col">"Read"</th>
                            <th scope="col">"Write"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {BuiltIn::ALL.into_iter().map(|resource| view! { <ResourceRow state resource /> }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h3 class="subheading">"Identity (OpenID Connect)"</h3>
            <ul class="checks">
                {IdentityScope::ALL.into_iter().map(|scope| view! { <IdentityCheck state scope /> }).collect_view()}
            </ul>
            <FieldError key="scopes" error=state.error("scopes") />
        </fieldset>
    }
}

#[component]
fn ResourceRow(state: AppFormState, resource: BuiltIn) -> impl IntoView {
    let name = resource.as_str();
    let access = Memo::new(move |_| state.draft.with(|draft| draft.scopes.access(resource)));
    let set = move |level: Option<Access>| {
        state.edit("scopes", |draft| draft.scopes.set_access(resource, level));
    };
    let on_read = move |ev: leptos::ev::Event| {
        // Unticking Read takes Write with it; ticking it keeps a Write already there.
        let level = if event_target_checked(&ev) {
            access.get_untracked().or(Some(Access::Read))
        } else {
            None
        };
        set(level);
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
    view! {
        <tr>
            <th scope="row" id=row_id.clone()>
                {resource.title()}
                <span class="scope-token"><code>{name}</code></span>
            </th>
            <td>
                <label class="check">
                    <input type="checkbox" data-testid=format!("scope-{name}-read")
                        aria-describedby=format!("{row_id} {row_id}-read")
                        prop:checked=move || access.get().is_some() on:change=on_read />
                    "Read"
                </label>
                <span class="hint" id=format!("{row_id}-read")>{resource.read_description()}</span>
            </td>
            <td>
                <label class="check">
                    <input type="checkbox" data-testid=format!("scope-{name}-write")
                        aria-describedby=format!("{row_id} {row_id}-write")
                        prop:checked=move || access.get() == Some(Access::ReadWrite) on:change=on_write />
                    "Write"
                </label>
                <span class="hint" id=format!("{row_id}-write")>{resource.write_description()}</span>
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
