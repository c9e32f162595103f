//! The form's plain text fields: name, website, description and the two policy links.

use leptos::prelude::*;
use shared::api::AppDraft;

use super::state::{field_label, AppFormState};
use crate::components::ui::field::{InputKind, TextField};

/// One text field bound to one `String` of the draft.
#[component]
fn DraftText(
    state: AppFormState,
    key: &'static str,
    read: fn(&AppDraft) -> &String,
    write: fn(&mut AppDraft) -> &mut String,
    #[prop(optional)] kind: InputKind,
    hint: &'static str,
) -> impl IntoView {
    let value = Signal::derive(move || state.draft.with(|draft| read(draft).clone()));
    let on_input = Callback::new(move |text: String| state.edit(key, |draft| *write(draft) = text));
    let on_blur = Callback::new(move |()| state.touch(key));
    view! {
        <TextField key label=field_label(key) value on_input on_blur error=state.error(key) kind hint />
    }
}

#[component]
pub fn NameAndDescription(state: AppFormState) -> impl IntoView {
    view! {
        <DraftText state key="name" read=|d| &d.name write=|d| &mut d.name
            hint="Shown to people when the app asks for access; 3 to 64 characters." />
        <DraftText state key="description" read=|d| &d.description write=|d| &mut d.description
            kind=InputKind::Multiline hint="Optional: what the app does, in up to 500 characters." />
    }
}

#[component]
pub fn WebsiteField(state: AppFormState) -> impl IntoView {
    view! {
        <DraftText state key="website" read=|d| &d.website write=|d| &mut d.website
            kind=InputKind::Url hint="The app's home page, like https://example.com." />
    }
}

#[component]
pub fn PolicyLinks(state: AppFormState) -> impl IntoView {
    view! {
        <DraftText state key="privacy_policy_url" read=|d| &d.privacy_policy_url
            write=|d| &mut d.privacy_policy_url kind=InputKind::Url
            hint="Linked from the consent screen." />
        <DraftText state key="terms_url" read=|d| &d.terms_url write=|d| &mut d.terms_url
            kind=InputKind::Url hint="Linked from the consent screen." />
    }
}
