//! The single choices: client type (fixed once registered), access-token format and ID-token
//! signing algorithm.

use leptos::prelude::*;
use shared::app::{ClientType, GrantType, IdTokenAlg, TokenFormat};

use super::state::AppFormState;
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
            <legend>"Access token format"</legend>
            <ul class="choices">{options.into_iter().collect_view()}</ul>
            <FieldError key="token_format" error=state.error("token_format") />
        </fieldset>
    }
}

#[component]
pub fn IdTokenAlgPicker(state: AppFormState) -> impl IntoView {
    let options = IdTokenAlg::ALL.map(|alg| {
        let id = format!("id-token-alg-{}", alg.as_str());
        let checked = move || state.draft.with(|draft| draft.id_token_alg == alg);
        let choose = move |_| state.edit("id_token_alg", |draft| draft.id_token_alg = alg);
        view! {
            <li>
                <input type="radio" name="id_token_alg" id=id.clone() data-testid=id.clone()
                    prop:checked=checked on:change=choose />
                <label for=id.clone() class="inline">{alg.as_str()}</label>
                <p class="hint">{alg.description()}</p>
            </li>
        }
    });
    view! {
        <fieldset class="field" id="field-id_token_alg" tabindex="-1">
            <legend>"ID token signing algorithm"</legend>
            <ul class="choices">{options.into_iter().collect_view()}</ul>
            <FieldError key="id_token_alg" error=state.error("id_token_alg") />
        </fieldset>
    }
}
