//! An editable list of texts in a form's draft (an app's redirect URLs and allowed origins, an
//! API's resources): one labelled input per row, a Remove button per row and an Add button.
//! Each row shows its own message (`redirect_uris.2`), the list its message as a whole
//! (`redirect_uris`).

use leptos::prelude::*;
use shared::field_errors::item_key;

use crate::components::ui::field::{field_id, FieldError};
use crate::components::ui::form_state::FormState;
use crate::dom::focus_soon;

/// Which list of the draft a `TextList` edits, and how it is described.
pub struct ListField<D: 'static> {
    pub key: &'static str,
    /// What one item is called, for the Add button ("Add redirect URL").
    pub item: &'static str,
    pub placeholder: &'static str,
    /// Items are URLs: the keyboard for URLs. Other items are not capitalised.
    pub urls: bool,
    /// How many items the list may hold: the Add button goes at that many.
    pub max: Option<usize>,
    pub read: fn(&D) -> &Vec<String>,
    pub write: fn(&mut D) -> &mut Vec<String>,
}

// By hand: derived, they would ask the draft to be `Copy` too.
impl<D> Clone for ListField<D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D> Copy for ListField<D> {}

#[component]
pub fn TextList<D: Send + Sync + 'static>(
    state: FormState<D>,
    list: ListField<D>,
    #[prop(into)] hint: String,
) -> impl IntoView {
    let len = Memo::new(move |_| state.draft.with(|draft| (list.read)(draft).len()));
    let add = move |_| {
        let index = len.get_untracked();
        state
            .draft
            .update(|draft| (list.write)(draft).push(String::new()));
        focus_soon(field_id(&item_key(list.key, index)));
    };
    let legend_id = format!("{}-legend", field_id(list.key));
    let room = move || list.max.is_none_or(|max| len.get() < max);
    view! {
        <fieldset class="field url-list" id=field_id(list.key) tabindex="-1"
            aria-describedby=format!("{legend_id}-hint")>
            <legend id=legend_id.clone()>{state.label(list.key)}</legend>
            <p class="hint" id=format!("{legend_id}-hint")>{hint}</p>
            <For each=move || 0..len.get() key=|index| *index let:index>
                <TextRow state list index />
            </For>
            <Show when=room>
                <button type="button" class="small" id=format!("add-{}", list.key)
                    data-testid=format!("add-{}", list.key) on:click=add>
                    {format!("Add {}", list.item)}
                </button>
            </Show>
            <FieldError key=list.key error=state.error(list.key) />
        </fieldset>
    }
}

#[component]
fn TextRow<D: Send + Sync + 'static>(
    state: FormState<D>,
    list: ListField<D>,
    index: usize,
) -> impl IntoView {
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
        // Keep the keyboard where it was: on the row that took this one's place, on the last
        // row, or with no row left on the Add button.
        let next = match remaining {
            0 => format!("add-{}", list.key),
            _ => field_id(&item_key(list.key, index.min(remaining - 1))),
        };
        focus_soon(next);
    };
    let on_blur = {
        let key = key.clone();
        move |_| state.touch(&key)
    };
    let label = state.label(&key);
    let error_id = format!("{id}-error");
    view! {
        <div class="url-row">
            <label for=id.clone()>{label.clone()}</label>
            <div class="url-row-controls">
                <input id=id type="text" inputmode=list.urls.then_some("url") spellcheck="false"
                    autocomplete="off" autocapitalize=(!list.urls).then_some("none")
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
