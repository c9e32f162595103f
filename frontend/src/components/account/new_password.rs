//! The new-password field of the change and reset forms: the shared rule as the person types,
//! then the server's own message (the strength check) under the field.

use leptos::prelude::*;
use shared::account::Password;
use shared::field_errors::FieldErrors;

use crate::components::ui::field::{InputKind, TextField};

/// The field's text, whether it was left or submitted, and the server's per-field messages.
#[derive(Clone, Copy)]
pub struct NewPassword {
    pub text: RwSignal<String>,
    pub shown: RwSignal<bool>,
    pub server_errors: RwSignal<FieldErrors>,
}

impl NewPassword {
    pub fn new() -> NewPassword {
        NewPassword {
            text: RwSignal::new(String::new()),
            shown: RwSignal::new(false),
            server_errors: RwSignal::new(FieldErrors::new()),
        }
    }

    /// The password when it passes the shared rule; shows the rule's message from now on.
    pub fn submit(self) -> Option<Password> {
        self.shown.set(true);
        Password::try_from(self.text.get_untracked()).ok()
    }

    /// What shows under the field: the shared rule once shown, else the server's message.
    pub fn error(self) -> Signal<Option<String>> {
        Signal::derive(move || {
            let rule = self
                .shown
                .get()
                .then(|| Password::try_from(self.text.get()).err())
                .flatten()
                .map(|err| err.to_string());
            rule.or_else(|| {
                self.server_errors
                    .with(|errors| errors.get("new_password").cloned())
            })
        })
    }
}

#[component]
pub fn NewPasswordField(field: NewPassword) -> impl IntoView {
    let edit = move |text: String| {
        field.text.set(text);
        field.server_errors.update(|errors| {
            errors.remove("new_password");
        });
    };
    view! {
        <TextField key="new_password" label="New password" value=field.text kind=InputKind::Password
            autocomplete="new-password" hint="At least 12 characters. A few unrelated words make a good one."
            on_input=edit on_blur=Callback::new(move |()| field.shown.set(true)) error=field.error() />
    }
}
