//! The app form's lists of URLs (redirect URLs, allowed origins), each an editable list of
//! texts with its hint.

use leptos::prelude::*;
use shared::api::AppDraft;

use super::state::AppFormState;
use crate::components::ui::text_list::{ListField, TextList};

const REDIRECT_URIS: ListField<AppDraft> = ListField {
    key: "redirect_uris",
    item: "redirect URL",
    placeholder: "https://example.com/callback",
    urls: true,
    max: None,
    read: |draft| &draft.redirect_uris,
    write: |draft| &mut draft.redirect_uris,
};

const ALLOWED_ORIGINS: ListField<AppDraft> = ListField {
    key: "allowed_origins",
    item: "origin",
    placeholder: "https://app.example.com",
    urls: true,
    max: None,
    read: |draft| &draft.allowed_origins,
    write: |draft| &mut draft.allowed_origins,
};

#[component]
pub fn RedirectUris(state: AppFormState) -> impl IntoView {
    view! {
        <TextList state list=REDIRECT_URIS
            hint="Where people return after approving access. Matched exactly; https, or http on 127.0.0.1, [::1] or localhost (any port), or a reverse-domain scheme like com.example.app:/callback for mobile apps." />
    }
}

#[component]
pub fn AllowedOrigins(state: AppFormState) -> impl IntoView {
    view! {
        <TextList state list=ALLOWED_ORIGINS
            hint="Optional: the web origins whose browser code may call the token endpoint, like https://app.example.com." />
    }
}
