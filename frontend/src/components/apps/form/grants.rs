//! Grant types: one checkbox per grant the server supports, with the RFC 9700 warning on
//! the password grant. Client credentials cannot be ticked for a public app, which has no
//! secret to authenticate with (the shared rules refuse it too, in the browser and on the
//! server); the box says why.

use leptos::prelude::*;
use shared::app::{ClientType, GrantType, PUBLIC_CLIENT_CREDENTIALS};

use super::state::AppFormState;
use crate::components::ui::field::FieldError;

#[component]
pub fn GrantPicker(state: AppFormState) -> impl IntoView {
    view! {
        <fieldset class="field" id="field-grant_types" tabindex="-1">
            <legend>"Grant types"</legend>
            <ul class="checks">
                {GrantType::ALL.into_iter().map(|grant| view! { <GrantCheck state grant /> }).collect_view()}
            </ul>
            <FieldError key="grant_types" error=state.error("grant_types") />
        </fieldset>
    }
}

#[component]
fn GrantCheck(state: AppFormState, grant: GrantType) -> impl IntoView {
    let checked = Memo::new(move |_| state.draft.with(|draft| draft.grant_types.contains(&grant)));
    let on_change = move |ev: leptos::ev::Event| {
        let wanted = event_target_checked(&ev);
        state.edit("grant_types", |draft| {
            // Rebuilt in the catalogue's order, so the request reads like the form.
            draft.grant_types = GrantType::ALL
                .into_iter()
                .filter(|g| {
                    if *g == grant {
                        wanted
                    } else {
                        draft.grant_types.contains(g)
                    }
                })
                .collect();
        });
    };
    let name = grant.as_str();
    let unavailable = Memo::new(move |_| {
        grant == GrantType::ClientCredentials
            && state
                .draft
                .with(|draft| draft.client_type == ClientType::Public)
    });
    let unavailable_hint = format!("grant-{name}-unavailable");
    let warning = grant.is_deprecated().then(|| {
        view! {
            <Show when=move || checked.get()>
                <p class="warning" role="alert" data-testid=format!("grant-{name}-warning")>
                    "Deprecated: RFC 9700 (OAuth 2.0 Security Best Current Practice) says the password grant must not be used. "
                    "The app sees the person's password, and the grant cannot support multi-factor sign-in. "
                    "Use the authorization code grant with PKCE instead."
                </p>
            </Show>
        }
    });
    view! {
        <li>
            <label class="check">
                <input type="checkbox" data-testid=format!("grant-{name}") prop:checked=move || checked.get()
                    disabled=move || unavailable.get()
                    aria-describedby=move || unavailable.get().then(|| unavailable_hint.clone())
                    on:change=on_change />
                {grant.title()}" "<code>{name}</code>
                {grant.is_deprecated().then_some(view! { <span class="badge warn">"Deprecated by RFC 9700"</span> })}
            </label>
            <Show when=move || unavailable.get()>
                <p class="hint" id=format!("grant-{name}-unavailable") data-testid=format!("grant-{name}-unavailable")>
                    {PUBLIC_CLIENT_CREDENTIALS}
                </p>
            </Show>
            {warning}
        </li>
    }
}
