//! The end of a form: the server's refusal in words and the submit button, which says what it
//! is doing while the request is under way (and cannot be pressed again meanwhile).

use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::components::ui::status::ErrorMessage;

/// The server's refusal. With `fields_apart`, only a message about no one field: the fields
/// show their own under them.
#[component]
pub fn FormFailure(
    failure: Signal<Option<ApiFailure>>,
    #[prop(optional)] fields_apart: bool,
) -> impl IntoView {
    move || {
        failure
            .get()
            .filter(|failure| !fields_apart || failure.fields().is_empty())
            .map(|failure| view! { <ErrorMessage failure /> })
    }
}

#[component]
pub fn SubmitButton(
    testid: &'static str,
    pending: RwSignal<bool>,
    /// The label, and the label while the request is under way.
    labels: (&'static str, &'static str),
) -> impl IntoView {
    view! {
        <button type="submit" class="primary" data-testid=testid disabled=pending>
            {move || if pending.get() { labels.1 } else { labels.0 }}
        </button>
    }
}

/// A form whose fields show their own messages: the other ones, then the submit button.
#[component]
pub fn FormEnd(
    failure: Signal<Option<ApiFailure>>,
    pending: RwSignal<bool>,
    testid: &'static str,
    labels: (&'static str, &'static str),
) -> impl IntoView {
    view! {
        <FormFailure failure fields_apart=true />
        <SubmitButton testid pending labels />
    }
}
