//! A radio group for one field of a form's draft: a button per value, each with its title and
//! a hint, and the field's message under them. The app and API forms' single choices.

use leptos::prelude::*;
use shared::app::TokenFormat;

use crate::components::ui::field::FieldError;
use crate::components::ui::form_state::FormState;

/// What a radio group shows and which part of the draft `D` it edits.
pub struct RadioField<D: 'static, T: 'static> {
    /// The field's key (`token_format`): the group's name and where its message shows.
    pub key: &'static str,
    /// Each button's id and test id is this, `-`, and the value's name (`token-format-jwt`).
    pub id_prefix: &'static str,
    pub legend: String,
    pub values: &'static [T],
    pub name: fn(T) -> &'static str,
    pub title: fn(T) -> &'static str,
    pub hint: fn(T) -> &'static str,
    pub read: fn(&D) -> T,
    pub write: fn(&mut D, T),
}

pub fn radio_field<D, T>(state: FormState<D>, field: RadioField<D, T>) -> impl IntoView
where
    D: Send + Sync + 'static,
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let RadioField {
        key,
        id_prefix,
        read,
        write,
        ..
    } = field;
    let options = field.values.iter().map(|&value| {
        let id = format!("{id_prefix}-{}", (field.name)(value));
        let checked = move || state.draft.with(|draft| read(draft) == value);
        let choose = move |_| state.edit(key, |draft| write(draft, value));
        view! {
            <li>
                <input type="radio" name=key id=id.clone() data-testid=id.clone()
                    prop:checked=checked on:change=choose />
                <label for=id.clone() class="inline">{(field.title)(value)}</label>
                <p class="hint">{(field.hint)(value)}</p>
            </li>
        }
    });
    view! {
        <fieldset class="field" id=format!("field-{key}") tabindex="-1">
            <legend>{field.legend}</legend>
            <ul class="choices">{options.collect_view()}</ul>
            <FieldError key error=state.error(key) />
        </fieldset>
    }
}

/// The access-token format, which apps and APIs both choose.
pub fn token_format_field<D: Send + Sync + 'static>(
    state: FormState<D>,
    read: fn(&D) -> TokenFormat,
    write: fn(&mut D, TokenFormat),
) -> impl IntoView {
    radio_field(
        state,
        RadioField {
            key: "token_format",
            id_prefix: "token-format",
            legend: "Access token format".to_owned(),
            values: &TokenFormat::ALL,
            name: TokenFormat::as_str,
            title: TokenFormat::title,
            hint: TokenFormat::description,
            read,
            write,
        },
    )
}
