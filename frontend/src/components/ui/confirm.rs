//! The confirmation step of an action that cannot be undone (revoking a secret or a
//! connection, resetting an app): what will happen, the server's answer if it refused, and
//! a confirm button that says when the request is under way. One component for all of
//! them keeps the wording, focus and keyboard behaviour the same, and the wasm smaller.
//!
//! Opening one focuses its Cancel button, the safe choice: with the focus on the destructive
//! button, the Enter that opened it and one more would already confirm. Escape cancels.

use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::components::ui::status::ErrorMessage;

/// The element id of the Cancel button of the confirmation `id`, which openers focus.
pub fn cancel_id(id: &str) -> String {
    format!("{id}-cancel")
}

#[component]
pub fn Confirm(
    /// The confirmation's id; its Cancel button is `cancel_id(id)`.
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
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            on_cancel.run(());
        }
    };
    view! {
        <div class="panel" role="group" aria-labelledby=format!("{id}-question") data-testid=testid.clone()
            on:keydown=on_keydown>
            <div id=format!("{id}-question")>{children()}</div>
            {move || failure.get().map(|failure| view! { <ErrorMessage failure /> })}
            <div class="buttons">
                <button type="button" class="danger" id=id.clone() data-testid=format!("{testid}-confirm")
                    disabled=pending on:click=move |_| on_confirm.run(())>
                    {move || if pending.get() { labels.1 } else { labels.0 }}
                </button>
                <button type="button" id=cancel_id(&id) data-testid=format!("{testid}-cancel")
                    on:click=move |_| on_cancel.run(())>
                    "Cancel"
                </button>
            </div>
        </div>
    }
}

/// The opener and cancel handlers of the confirmation `confirm_id`: opening shows it and
/// focuses its Cancel button; cancelling hides it and gives the focus back to the opener
/// (`{confirm_id}-open`).
pub fn confirm_toggle(
    confirm_id: &str,
    confirming: RwSignal<bool>,
) -> (impl Fn(leptos::ev::MouseEvent) + Clone, impl Fn(()) + Clone) {
    let opener_id = format!("{confirm_id}-open");
    let cancel_button = cancel_id(confirm_id);
    let open = move |_| {
        confirming.set(true);
        crate::dom::focus_soon(cancel_button.clone());
    };
    let cancel = move |()| {
        confirming.set(false);
        crate::dom::focus_soon(opener_id.clone());
    };
    (open, cancel)
}

/// A row's action behind a confirmation: its opener button, and while open, the confirmation
/// asking `question`. The opener's test id is `testids.0`, the confirmation's `testids.1`.
#[component]
pub fn ConfirmedAction(
    /// The confirmation's id (its opener is `{id}-open`).
    #[prop(into)]
    id: String,
    testids: (&'static str, &'static str),
    /// The opener's text ("Remove…") and its accessible name ("Remove ada@example.com").
    opener: (&'static str, String),
    /// The confirm button's label, and while the request is under way.
    labels: (&'static str, &'static str),
    #[prop(into)] question: String,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] failure: Signal<Option<ApiFailure>>,
    #[prop(into)] on_confirm: Callback<()>,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let (open, cancel) = confirm_toggle(&id, confirming);
    let (text, name) = opener;
    view! {
        <button type="button" class="small danger" id=format!("{id}-open") data-testid=testids.0
            aria-label=name on:click=open>
            {text}
        </button>
        <Show when=move || confirming.get()>
            {
                // The confirmation's children own their text.
                let question = question.clone();
                view! {
                    <Confirm id=id.clone() testid=testids.1 labels pending failure on_confirm
                        on_cancel=cancel.clone()>
                        <p>{question}</p>
                    </Confirm>
                }
            }
        </Show>
    }
}
