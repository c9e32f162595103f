//! The single choices: client type (fixed once registered), access-token format and ID-token
//! signing algorithm.

use leptos::prelude::*;
use shared::api::AppDraft;
use shared::app::{ClientType, GrantType, IdTokenAlg};

use super::state::AppFormState;
use crate::components::ui::choices::{radio_field, token_format_field, RadioField};
use crate::components::ui::field::FieldError;

#[component]
pub fn ClientTypePicker(
    state: AppFormState,
    /// On the edit form the type is shown but cannot change (the server refuses it too).
    locked: bool,
) -> impl IntoView {
    let options = ClientType::ALL.map(|kind| {
        let id = format!("client-type-{}", kind.as_str());
        let checked = move || state.draft.with(|draft| draft.client_type == kind);
        let choose = move |_| {
            state.edit("client_type", |draft| {
                draft.client_type = kind;
                // A public app cannot use client credentials, and its box is no longer
                // tickable: untick it rather than leave an error the person cannot fix there.
                if kind == ClientType::Public {
                    draft
                        .grant_types
                        .retain(|grant| *grant != GrantType::ClientCredentials);
                }
            })
        };
        view! {
            <li>
                <input type="radio" name="client_type" id=id.clone() data-testid=id.clone()
                    prop:checked=checked disabled=locked on:change=choose />
                <label for=id.clone() class="inline">{kind.title()}</label>
                <p class="hint">
                    {kind.description()}
                    {kind.requires_pkce().then_some(" PKCE with S256 is required.")}
                </p>
            </li>
        }
    });
    view! {
        <fieldset class="field" id="field-client_type" tabindex="-1">
            <legend>"Client type"</legend>
            {locked.then_some(view! {
                <p class="hint">"The client type cannot change after registration; register a new app instead."</p>
            })}
            <ul class="choices">{options.into_iter().collect_view()}</ul>
            <FieldError key="client_type" error=state.error("client_type") />
        </fieldset>
    }
}

#[component]
pub fn TokenFormatPicker(state: AppFormState) -> impl IntoView {
    token_format_field(
        state,
        |draft| draft.token_format,
        |draft, format| draft.token_format = format,
    )
}

#[component]
pub fn IdTokenAlgPicker(state: AppFormState) -> impl IntoView {
    let field: RadioField<AppDraft, _> = RadioField {
        key: "id_token_alg",
        id_prefix: "id-token-alg",
        legend: "ID token signing algorithm".to_owned(),
        values: &IdTokenAlg::ALL,
        name: IdTokenAlg::as_str,
        title: IdTokenAlg::as_str,
        hint: IdTokenAlg::description,
        read: |draft| draft.id_token_alg,
        write: |draft, alg| draft.id_token_alg = alg,
    };
    radio_field(state, field)
}
