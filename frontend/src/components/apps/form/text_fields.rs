//! The form's plain text fields: name, website, description and the two policy links.

use leptos::prelude::*;

use super::state::AppFormState;
use crate::components::ui::field::InputKind;
use crate::components::ui::form_state::DraftText;

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
