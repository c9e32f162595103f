//! The single choices: who may use the API's scopes, and the format of its access tokens.

use leptos::prelude::*;
use shared::app::TokenFormat;
use shared::registered_api::ApiVisibility;

use super::state::{field_label, ApiFormState};
use crate::components::ui::field::FieldError;

#[component]
pub fn VisibilityChoice(state: ApiFormState) -> impl IntoView {
    let options = ApiVisibility::ALL.map(|visibility| {
        let id = format!("visibility-{}", visibility.as_str());
        let checked = move || state.draft.with(|draft| draft.visibility == visibility);
        let choose = move |_| state.edit("visibility", |draft| draft.visibility = visibility);
        view! {
            <li>
                <input type="radio" name="visibility" id=id.clone() data-testid=id.clone()
                    prop:checked=checked on:change=choose />
                <label for=id.clone() class="inline">{visibility.title()}</label>
                <p class="hint">{visibility.description()}</p>
            </li>
        }
    });
    view! {
        <fieldset class="field" id="field-visibility" tabindex="-1">
            <legend>{field_label("visibility")}</legend>
            <ul class="choices">{options.into_iter().collect_view()}</ul>
            <FieldError key="visibility" error=state.error("visibility") />
        </fieldset>
    }
}

#[component]
pub fn TokenFormatChoice(state: ApiFormState) -> impl IntoView {
    let options = TokenFormat::ALL.map(|format| {
        let id = format!("token-format-{}", format.as_str());
        let checked = move || state.draft.with(|draft| draft.token_format == format);
        let choose = move |_| state.edit("token_format", |draft| draft.token_format = format);
        view! {
            <li>
                <input type="radio" name="token_format" id=id.clone() data-testid=id.clone()
                    prop:checked=checked on:change=choose />
                <label for=id.clone() class="inline">{format.title()}</label>
                <p class="hint">{format.description()}</p>
            </li>
        }
    });
    view! {
        <fieldset class="field" id="field-token_format" tabindex="-1">
            <legend>{field_label("token_format")}</legend>
            <ul class="choices">{options.into_iter().collect_view()}</ul>
            <FieldError key="token_format" error=state.error("token_format") />
        </fieldset>
    }
}
