//! The API's resources, an editable list like the app form's redirect URLs: one labelled
//! input per row, a Remove button per row and an Add button. Each resource `NAME` gives the
//! scopes `NAME:read` and `NAME:write`. Each row shows its own message (`resources.2`), the
//! list its message as a whole (`resources`).

use leptos::prelude::*;
use shared::field_errors::item_key;
use shared::registered_api::MAX_RESOURCES;

use super::state::{field_label, ApiFormState};
use crate::components::ui::field::{field_id, FieldError};
use crate::dom::focus_soon;

const KEY: &str = "resources";

#[component]
pub fn ResourceList(state: ApiFormState) -> impl IntoView {
    let len = Memo::new(move |_| state.draft.with(|draft| draft.resources.len()));
    let add = move |_| {
        let index = len.get_untracked();
        state
            .draft
            .update(|draft| draft.resources.push(String::new()));
        focus_soon(field_id(&item_key(KEY, index)));
    };
    let legend_id = format!("{}-legend", field_id(KEY));
    view! {
        <fieldset class="field url-list" id=field_id(KEY) tabindex="-1"
            aria-describedby=format!("{legend_id}-hint")>
            <legend id=legend_id.clone()>{field_label(KEY)}</legend>
            <p class="hint" id=format!("{legend_id}-hint")>
                {format!("What the API holds, like calendar or contacts.events: lowercase letters, digits, '.', '-' and '_'. Each gives two scopes, NAME:read and NAME:write (write includes read). Up to {MAX_RESOURCES}.")}
            </p>
            <For each=move || 0..len.get() key=|index| *index let:index>
                <ResourceRow state index />
            </For>
            <Show when=move || { len.get() < MAX_RESOURCES }>
                <button type="button" class="small" id="add-resources" data-testid="add-resources" on:click=add>
                    "Add resource"
                </button>
            </Show>
            <FieldError key=KEY error=state.error(KEY) />
        </fieldset>
    }
}

#[component]
fn ResourceRow(state: ApiFormState, index: usize) -> impl IntoView {
    let key = item_key(KEY, index);
    let id = field_id(&key);
    let error = state.error(key.clone());
    let value = move || {
        state
            .draft
            .with(|draft| draft.resources.get(index).cloned().unwrap_or_default())
    };
    let on_input = {
        let key = key.clone();
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            state.edit(&key, |draft| {
                if let Some(slot) = draft.resources.get_mut(index) {
                    *slot = text;
                }
            });
        }
    };
    let remove = move |_| {
        state.draft.update(|draft| {
            if index < draft.resources.len() {
                draft.resources.remove(index);
            }
        });
        let remaining = state.draft.with_untracked(|draft| draft.resources.len());
        state.touch_list(KEY, remaining);
        if remaining > 0 {
            focus_soon(field_id(&item_key(KEY, index.min(remaining - 1))));
        } else {
            focus_soon("add-resources".to_owned());
        }
    };
    let on_blur = {
        let key = key.clone();
        move |_| state.touch(&key)
    };
    let label = field_label(&key);
    let error_id = format!("{id}-error");
    view! {
        <div class="url-row">
            <label for=id.clone()>{label.clone()}</label>
            <div class="url-row-controls">
                <input id=id type="text" spellcheck="false" autocomplete="off" autocapitalize="none"
                    data-testid=format!("input-{key}") placeholder="calendar" prop:value=value
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby=error_id on:input=on_input on:blur=on_blur />
                <button type="button" class="small" aria-label=format!("Remove {label}")
                    data-testid=format!("remove-{key}") on:click=remove>
                    "Remove"
                </button>
            </div>
            <FieldError key=key.clone() error />
        </div>
    }
}
