//! The confirmation step of an action that cannot be undone (revoking a secret or a
//! connection, resetting an app): what will happen, the server's answer if it refused, and
//! a confirm button that says when the request is under way. One component for all of
//! them keeps the wording, focus and keyboard behaviour the same, and the wasm smaller.

use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::components::status::ErrorMessage;

#[component]
pub fn Confirm(
    /// The confirm button's element id, which the opener focuses.
    #[prop(into)]
    id: String,
    #[prop(into)] testid: String,
    /// The confirm button's label, and while the request is under way.
    labels: (&'static str, &'static str),
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] failure: Signal<Option<ApiFailure>>,
    #[prop(into)] on_confirm: Callback<()>,
    #[prop(into)] on_cancel: Callback<()>,
    /// What will happen, in words.
    children: Children,
) -> impl IntoView {
    view! {
        <div class="panel" data-testid=testid.clone()>
            {children()}
            {move || failure.get().map(|failure| view! { <ErrorMessage failure /> })}
            <div class="buttons">
                <button type="button" class="danger" id=id data-testid=format!("{testid}-confirm")
                    disabled=pending on:click=move |_| on_confirm.run(())>
                    {move || if pending.get() { labels.1 } else { labels.0 }}
                </button>
                <button type="button" data-testid=format!("{testid}-cancel") on:click=move |_| on_cancel.run(())>
                    "Cancel"
                </button>
            </div>
        </div>
    }
}

/// The opener and cancel handlers of a confirmation with the button id `confirm_id`:
/// opening shows it and focuses its confirm button; cancelling hides it and gives the focus
/// back to the opener (`{confirm_id}-open`).
pub fn confirm_toggle(
    confirm_id: &str,
    confirming: RwSignal<bool>,
) -> (impl Fn(leptos::ev::MouseEvent) + Clone, impl Fn(()) + Clone) {
    let opener_id = format!("{confirm_id}-open");
    let confirm_id = confirm_id.to_owned();
    let open = move |_| {
        confirming.set(true);
        crate::dom::focus_soon(confirm_id.clone());
    };
    let cancel = move |()| {
        confirming.set(false);
        crate::dom::focus_soon(opener_id.clone());
    };
    (open, cancel)
}
