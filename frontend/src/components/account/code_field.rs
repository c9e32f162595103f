//! The field a person types a second-factor code into (signing in, confirming an authenticator
//! app, turning it off): the shared rule's message once submitted (`shared::two_factor`), else
//! the server's message about `code`.

use leptos::prelude::*;
use shared::field_errors::FieldErrors;

use crate::components::ui::field::TextField;

/// What one code field holds: the text, whether its form was submitted, and the server's
/// messages about it.
#[derive(Clone, Copy)]
pub struct Code {
    pub text: RwSignal<String>,
    pub submitted: RwSignal<bool>,
    pub server_errors: RwSignal<FieldErrors>,
}

impl Code {
    pub fn new() -> Code {
        Code {
            text: RwSignal::new(String::new()),
            submitted: RwSignal::new(false),
            server_errors: RwSignal::new(FieldErrors::new()),
        }
    }

    /// Marks the form submitted; the text as `read` takes it, if it passes the rule.
    pub fn submit<T, E: ToString>(&self, read: impl Fn(&str) -> Result<T, E>) -> Option<T> {
        self.submitted.set(true);
        self.server_errors.set(FieldErrors::new());
        read(&self.text.get_untracked()).ok()
    }
}

#[component]
pub fn CodeField<E: ToString + 'static>(
    code: Code,
    #[prop(into)] key: String,
    #[prop(into)] label: String,
    /// The shared rule this field's text must pass.
    rule: fn(&str) -> Result<(), E>,
) -> impl IntoView {
    let error = Signal::derive(move || {
        if code.submitted.get() {
            if let Err(refused) = code.text.with(|text| rule(text)) {
                return Some(refused.to_string());
            }
        }
        code.server_errors
            .with(|errors| errors.get("code").cloned())
    });
    let edit = move |text: String| {
        code.text.set(text);
        code.server_errors.set(FieldErrors::new());
    };
    view! {
        <TextField key label value=code.text autocomplete="one-time-code" on_input=edit error />
    }
}
