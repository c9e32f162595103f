//! The API's resources, an editable list of texts like the app form's redirect URLs. Each
//! resource `NAME` gives the scopes `NAME:read` and `NAME:write`.

use leptos::prelude::*;
use shared::registered_api::{ApiDraft, MAX_RESOURCES};

use super::state::ApiFormState;
use crate::components::ui::text_list::{ListField, TextList};

const RESOURCES: ListField<ApiDraft> = ListField {
    key: "resources",
    item: "resource",
    placeholder: "calendar",
    urls: false,
    max: Some(MAX_RESOURCES),
    read: |draft| &draft.resources,
    write: |draft| &mut draft.resources,
};

#[component]
pub fn ResourceList(state: ApiFormState) -> impl IntoView {
    let hint = format!("What the API holds, like calendar or contacts.events: lowercase letters, digits, '.', '-' and '_'. Each gives two scopes, NAME:read and NAME:write (write includes read). Up to {MAX_RESOURCES}.");
    view! { <TextList state list=RESOURCES hint /> }
}
