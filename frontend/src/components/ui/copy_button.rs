//! A button that copies a value (client id, secret, URL) to the clipboard and says whether
//! it worked. The value is always also shown as selectable text, so copying by hand works
//! where the clipboard is not available.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Copied,
    Failed,
}

#[component]
pub fn CopyButton(
    #[prop(into)] text: Signal<String>,
    /// What is copied, for the button's label ("Copy client id").
    #[prop(into)]
    what: String,
    #[prop(optional, into)] testid: Option<String>,
    /// Told when the value was copied.
    #[prop(optional, into)]
    on_copied: Option<Callback<()>>,
) -> impl IntoView {
    let outcome = RwSignal::new(None::<Outcome>);
    let copy = move |_| {
        let value = text.get_untracked();
        spawn_local(async move {
            let copied = write_to_clipboard(&value).await;
            if let (true, Some(on_copied)) = (copied, on_copied) {
                on_copied.run(());
            }
            outcome.set(Some(if copied {
                Outcome::Copied
            } else {
                Outcome::Failed
            }));
        });
    };
    view! {
        <span class="copy">
            <button type="button" class="small" data-testid=testid on:click=copy>
                {format!("Copy {what}")}
            </button>
            <span class="copy-status" role="status" aria-live="polite">
                {move || match outcome.get() {
                    None => "",
                    Some(Outcome::Copied) => "Copied.",
                    Some(Outcome::Failed) => "Could not copy automatically: select the text and copy it by hand.",
                }}
            </span>
        </span>
    }
}

/// `navigator.clipboard.writeText`, which only exists on secure origins (https or
/// loopback) and may be refused by the browser: both come back as `false`.
async fn write_to_clipboard(value: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok();
    let Some(clipboard) = clipboard.and_then(|c| c.dyn_into::<web_sys::Clipboard>().ok()) else {
        return false;
    };
    JsFuture::from(clipboard.write_text(value)).await.is_ok()
}

/// A client id in a list of facts (`<dl>`), with a button that copies it.
#[component]
pub fn ClientIdFact(
    client_id: String,
    #[prop(default = "client-id")] testid: &'static str,
    #[prop(default = "copy-client-id")] copy_testid: &'static str,
) -> impl IntoView {
    view! {
        <dt>"Client ID"</dt>
        <dd>
            <code class="credential" data-testid=testid>{client_id.clone()}</code>
            <CopyButton text=client_id what="client ID" testid=copy_testid />
        </dd>
    }
}
