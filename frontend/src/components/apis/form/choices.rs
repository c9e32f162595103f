//! The single choices: who may use the API's scopes, and the format of its access tokens.

use leptos::prelude::*;
use shared::registered_api::{ApiDraft, ApiVisibility};

use super::state::{field_label, ApiFormState};
use crate::components::ui::choices::{radio_field, token_format_field, RadioField};

#[component]
pub fn VisibilityChoice(state: ApiFormState) -> impl IntoView {
    let field: RadioField<ApiDraft, _> = RadioField {
        key: "visibility",
        id_prefix: "visibility",
        legend: field_label("visibility"),
        values: &ApiVisibility::ALL,
        name: ApiVisibility::as_str,
        title: ApiVisibility::title,
        hint: ApiVisibility::description,
        read: |draft| draft.visibility,
        write: |draft, visibility| draft.visibility = visibility,
    };
    radio_field(state, field)
}

#[component]
pub fn TokenFormatChoice(state: ApiFormState) -> impl IntoView {
    token_format_field(
        state,
        |draft| draft.token_format,
        |draft, format| draft.token_format = format,
    )
}
