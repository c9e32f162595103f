//! The icon upload with a live preview. A chosen file is checked with the shared icon
//! rules (`IconUpload::from_bytes`) at once; only an accepted icon reaches the draft, as
//! the data: URL that is both the preview and what is sent. A refused file leaves the
//! draft as it was and says why, and is taken out of the file input, so the picker does not
//! name a file that the preview does not show.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::icon::{IconError, IconUpload, MAX_ICON_BYTES};
use wasm_bindgen_futures::JsFuture;

use super::state::AppFormState;
use crate::api;
use crate::components::ui::field::{field_id, FieldError};

#[component]
pub fn IconPicker(
    state: AppFormState,
    /// The saved icon (`icon_url` from the API) when editing an app that has one.
    current: Option<String>,
) -> impl IntoView {
    let input = NodeRef::<html::Input>::new();
    let reading = RwSignal::new(false);
    // A refused file blocks submitting until another is chosen or the choice is undone, so
    // nobody leaves believing the icon was uploaded.
    let refused = RwSignal::new(false);
    let id = field_id("icon");
    let new_icon = move || state.draft.with(|draft| draft.icon.clone());
    let on_change = move |_| {
        let Some(file) = input
            .get()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            return;
        };
        reading.set(true);
        spawn_local(async move {
            let outcome = read_icon(&file).await;
            reading.set(false);
            match outcome {
                Ok(icon) => {
                    refused.set(false);
                    state.set_local_error("icon", None);
                    state.edit("icon", |draft| draft.icon = Some(icon.to_data_url()));
                }
                Err(message) => {
                    if let Some(input) = input.get_untracked() {
                        input.set_value("");
                    }
                    refused.set(true);
                    state.set_local_error("icon", Some(message));
                }
            }
        });
    };
    let clear = move |_| {
        if let Some(input) = input.get() {
            input.set_value("");
        }
        refused.set(false);
        state.set_local_error("icon", None);
        state.edit("icon", |draft| draft.icon = None);
    };
    let has_current = current.is_some();
    let preview = move || {
        match (new_icon(), &current) {
        (Some(data_url), _) => view! {
            <img class="icon icon-64" src=data_url.clone() alt="Preview of the new icon" data-testid="icon-preview" />
            <img class="icon icon-32" src=data_url alt="" />
        }
        .into_any(),
        (None, Some(url)) => view! {
            <img class="icon icon-64" src=api::icon_src(url, 64) alt="Current icon" />
        }
        .into_any(),
        (None, None) => view! { <span class="icon icon-64 icon-empty" aria-hidden="true"></span> }.into_any(),
    }
    };
    view! {
        <div class="field">
            <label for=id.clone()>"Icon"</label>
            <div class="icon-picker">
                <div class="icon-previews">{preview}</div>
                <div>
                    <input node_ref=input id=id.clone() type="file" data-testid="input-icon"
                        accept="image/png,image/jpeg,image/svg+xml" aria-describedby=format!("{id}-hint")
                        on:change=on_change />
                    <Show when=move || new_icon().is_some() || refused.get()>
                        <button type="button" class="small" on:click=clear>
                            {if has_current { "Keep the current icon" } else { "Remove the chosen icon" }}
                        </button>
                    </Show>
                </div>
            </div>
            <p class="hint" id=format!("{id}-hint")>
                "Optional: a square PNG, JPEG or SVG, 32 to 1024 pixels wide, at most 1 MiB."
            </p>
            <Show when=move || reading.get()>
                <p class="loading" role="status">"Reading the file…"</p>
            </Show>
            <FieldError key="icon" error=state.error("icon") />
        </div>
    }
}

/// The file's bytes checked by the shared rules; the message says why not.
async fn read_icon(file: &web_sys::File) -> Result<IconUpload, String> {
    // Not read at all when it cannot pass: a huge file would only fill memory.
    if file.size() > MAX_ICON_BYTES as f64 {
        return Err(IconError::TooBig.to_string());
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "The file could not be read. Choose it again, or another file.".to_owned())?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    IconUpload::from_bytes(bytes).map_err(|error| error.to_string())
}
