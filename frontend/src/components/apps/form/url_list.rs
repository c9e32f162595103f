//! An editable list of URLs (redirect URLs, allowed origins): one labelled input per row,
//! a Remove button per row and an Add button. Each row shows its own message
//! (`redirect_uris.2`), the list its message as a whole (`redirect_uris`).

use leptos::prelude::*;
use shared::api::AppDraft;
use shared::field_errors::item_key;

use super::state::{field_label, AppFormState};
use crate::components::ui::field::{field_id, FieldError};
use crate::dom::focus_soon;

/// Which list of the draft a `UrlList` edits, and how it is described.
#[derive(Debug, Clone, Copy)]
pub struct ListField {
    pub key: &'static str,
    pub item: &'static str,
    pub hint: &'static str,
    pub placeholder: &'static str,
    pub read: fn(&AppDraft) -> &Vec<String>,
    pub write: fn(&mut AppDraft) -> &mut Vec<String>,
}

pub const REDIRECT_URIS: ListField = ListField {
    key: "redirect_uris",
    item: "redirect URL",
    hint: "Where people return after approving access. Matched exactly; https, or http on 127.0.0.1, [::1] or localhost (any port), or a reverse-domain scheme like com.example.app:/callback for mobile apps.",
    placeholder: "https://example.com/callback",
    read: |draft| &draft.redirect_uris,
    write: |draft| &mut draft.redirect_uris,
};

pub const ALLOWED_ORIGINS: ListField = ListField {
    key: "allowed_origins",
    item: "origin",
    hint: "Optional: the web origins whose browser code may call the token endpoint, like https://app.example.com.",
    placeholder: "https://app.example.com",
    read: |draft| &draft.allowed_origins,
    write: |draft| &mut draft.allowed_origins,
};

#[component]
pub fn UrlList(state: AppFormState, list: ListField) -> impl IntoView {
    let len = Memo::new(move |_| state.draft.with(|draft| (list.read)(draft).len()));
    let add = move |_| {
        let index = len.get_untracked();
        state
            .draft
            .update(|draft| (list.write)(draft).push(String::new()));
        focus_soon(field_id(&item_key(list.key, index)));
    };
    let legend_id = format!("{}-legend", field_id(list.key));
    view! {
        <fieldset class="field url-list" id=field_id(list.key) tabindex="-1"
            aria-describedby=format!("{legend_id}-hint")>
            <legend id=legend_id.clone()>{field_label(list.key)}</legend>
            <p class="hint" id=format!("{legend_id}-hint")>{list.hint}</p>
            <For each=move || 0..len.get() key=|index| *index let:index>
                <UrlRow state list index />
            </For>
            <button type="button" class="small" data-testid=format!("add-{}", list.key) on:click=add>
                {format!("Add {}", list.item)}
            </button>
            <FieldError key=list.key error=state.error(list.key) />
        </fieldset>
    }
}

#[component]
fn UrlRow(state: AppFormState, list: ListField, index: usize) -> impl IntoView {
    let key = item_key(list.key, index);
    let id = field_id(&key);
    let error = state.error(key.clone());
    let value = move || {
        state
            .draft
            .with(|draft| (list.read)(draft).get(index).cloned().unwrap_or_default())
    };
    let on_input = {
        let key = key.clone();
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            state.edit(&key, |draft| {
                if let Some(slot) = (list.write)(draft).get_mut(index) {
                    *slot = text;
                }
            });
        }
    };
    let remove = move |_| {
        state.draft.update(|draft| {
            let items = (list.write)(draft);
            if index < items.len() {
                items.remove(index);
            }
        });
        let remaining = state.draft.with_untracked(|draft| (list.read)(draft).len());
        state.touch_list(list.key, remaining);
        // Keep the keyboard where it was: on the row that took this one's place, or the last.
        if remaining > 0 {
            focus_soon(field_id(&item_key(list.key, index.min(remaining - 1))));
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
                <input id=id type="text" inputmode="url" spellcheck="false" autocomplete="off"
                    data-testid=format!("input-{key}") placeholder=list.placeholder prop:value=value
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
