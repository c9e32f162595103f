//! A small form checked by the shared rules as a whole (creating a team, signing up): the
//! fields build one request, or the rules' messages keyed by field. A field's message is the
//! rule's once the form was submitted (or the field was left), else the server's message about
//! it from the last submit, until the field changes.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::field_errors::FieldErrors;

pub struct CheckedForm<R: Send + Sync + 'static> {
    /// The request the fields make, or the rules' messages.
    pub request: Memo<Result<R, FieldErrors>>,
    pub submitted: RwSignal<bool>,
    /// The server's per-field messages from the last submit, until their field changes.
    pub server_errors: RwSignal<FieldErrors>,
}

// By hand: derived, they would ask the request to be `Copy` too.
impl<R: Send + Sync + 'static> Clone for CheckedForm<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R: Send + Sync + 'static> Copy for CheckedForm<R> {}

impl<R: Clone + PartialEq + Send + Sync + 'static> CheckedForm<R> {
    pub fn new(request: impl Fn() -> Result<R, FieldErrors> + Send + Sync + 'static) -> Self {
        CheckedForm {
            request: Memo::new(move |_| request()),
            submitted: RwSignal::new(false),
            server_errors: RwSignal::new(FieldErrors::new()),
        }
    }

    /// What shows under the field `key`; with `left`, the rule's message shows as soon as the
    /// field was left.
    pub fn error(self, key: &'static str, left: Option<RwSignal<bool>>) -> Signal<Option<String>> {
        Signal::derive(move || {
            let shown = self.submitted.get() || left.is_some_and(|left| left.get());
            let rule = shown
                .then(|| {
                    self.request
                        .with(|r| r.as_ref().err().and_then(|e| e.get(key).cloned()))
                })
                .flatten();
            rule.or_else(|| self.server_errors.with(|errors| errors.get(key).cloned()))
        })
    }

    /// The field `key` changed: the server's message about it no longer applies.
    pub fn edited(self, key: &str) {
        self.server_errors.update(|errors| {
            errors.remove(key);
        });
    }

    /// The form's submit handler: from now on every rule's message shows; `send` gets the
    /// request once the rules pass.
    pub fn submit(self, send: impl Fn(R) + 'static) -> impl Fn(SubmitEvent) {
        move |ev: SubmitEvent| {
            ev.prevent_default();
            self.submitted.set(true);
            if let Ok(request) = self.request.get_untracked() {
                send(request);
            }
        }
    }
}
