//! A labelled form field with its hint and its error message underneath.
//!
//! Field keys follow `shared::field_errors` (`name`, `redirect_uris.2`): the message under
//! a field is found by that key whether it came from the shared rules in the browser or
//! from the server. Tests find inputs and messages by `data-testid`: `input-KEY`,
//! `error-KEY`.

use leptos::prelude::*;

/// The element id for a field key (`redirect_uris.2` -> `field-redirect_uris-2`).
pub fn field_id(key: &str) -> String {
    format!("field-{}", key.replace('.', "-"))
}

/// The message under a field, announced to screen readers when it appears.
#[component]
pub fn FieldError(
    #[prop(into)] key: String,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("{}-error", field_id(&key));
    let testid = format!("error-{key}");
    move || {
        error.get().map(|message| {
            view! {
                <p class="field-error" id=id.clone() data-testid=testid.clone() role="alert">
                    {message}
                </p>
            }
        })
    }
}

/// What a text field looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputKind {
    #[default]
    Text,
    Email,
    Password,
    Url,
    Multiline,
}

impl InputKind {
    fn html_type(self) -> &'static str {
        match self {
            InputKind::Text | InputKind::Multiline => "text",
            InputKind::Email => "email",
            InputKind::Password => "password",
            InputKind::Url => "url",
        }
    }
}

/// A text input (or textarea) with a visible label, an optional hint and the field's error.
#[component]
pub fn TextField(
    /// The field key, used for the element ids, `data-testid`s and error lookup.
    #[prop(into)]
    key: String,
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] kind: InputKind,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    /// Leaving the field, after which its message shows even if nothing was typed.
    #[prop(optional, into)]
    on_blur: Option<Callback<()>>,
) -> impl IntoView {
    let id = field_id(&key);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let hint_id = hint.as_ref().map(|_| hint_id.clone());
        move || {
            let mut ids: Vec<String> = hint_id.iter().cloned().collect();
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    let invalid = move || {
        if error.with(Option::is_some) {
            "true"
        } else {
            "false"
        }
    };
    let testid = format!("input-{key}");
    let read = move |ev: leptos::ev::Event| on_input.run(event_target_value(&ev));
    let left = move |_: leptos::ev::FocusEvent| {
        if let Some(on_blur) = on_blur {
            on_blur.run(());
        }
    };
    let control = if kind == InputKind::Multiline {
        view! {
            <textarea id=id.clone() data-testid=testid rows="3" prop:value=value
                aria-describedby=described_by aria-invalid=invalid on:input=read on:blur=left></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() data-testid=testid type=kind.html_type() prop:value=value
                autocomplete=autocomplete required=required spellcheck="false"
                aria-describedby=described_by aria-invalid=invalid on:input=read on:blur=left />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {control}
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
            <FieldError key error />
        </div>
    }
}
