//! The register-an-API form. The page owns the request; this component owns the fields, the
//! messages under them (the shared rules' own, checked as the person types, then the
//! server's) and the submit button, which sends nothing until the shared rules pass.

mod choices;
mod resources;
mod state;

use leptos::prelude::*;
use shared::registered_api::{ApiDraft, MAX_TOKEN_LIFETIME, MIN_TOKEN_LIFETIME};

use crate::api::ApiFailure;
use crate::components::teams::owner_picker::OwnerPicker;
use crate::components::ui::field::{field_id, FieldError, InputKind};
use crate::components::ui::form_state::{DraftText, FormActions};

use choices::{TokenFormatChoice, VisibilityChoice};
use resources::ResourceList;
pub use state::{field_label, ApiFormState};

const PROBLEMS_ID: &str = "api-form-problems";

#[component]
pub fn ApiForm(
    state: ApiFormState,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] failure: Signal<Option<ApiFailure>>,
    #[prop(into)] on_submit: Callback<ApiDraft>,
) -> impl IntoView {
    let submit = state.on_submit(pending, on_submit, PROBLEMS_ID);
    view! {
        <form class="api-form" novalidate=true on:submit=submit data-testid="api-form">
            <section class="card">
                <h2>"About the API"</h2>
                <DraftText state key="name" read=|d| &d.name write=|d| &mut d.name
                    hint="Shown to people on the consent screen, next to its scopes; 3 to 64 characters." />
                <DraftText state key="description" read=|d| &d.description write=|d| &mut d.description
                    kind=InputKind::Multiline hint="Optional: what the API offers, in up to 500 characters." />
                <DraftText state key="identifier" read=|d| &d.identifier write=|d| &mut d.identifier
                    kind=InputKind::Url
                    hint="The API's address, like https://api.example.com. Apps name it as the resource they want tokens for (RFC 8707), and tokens name it as their audience. It cannot change later." />
                <OwnerPicker state read=|draft: &ApiDraft| draft.team.clone()
                    write=|draft: &mut ApiDraft, team| draft.team = team />
            </section>
            <section class="card">
                <h2>"Scopes"</h2>
                <ResourceList state />
                <VisibilityChoice state />
            </section>
            <section class="card">
                <h2>"Access tokens"</h2>
                <TokenFormatChoice state />
                <LifetimeField state />
            </section>
            <FormActions state verbs=("Register API", "Registering…") pending failure
                submit_testid="submit-api" cancel_href="/apis" problems_id=PROBLEMS_ID />
        </form>
    }
}

/// The lifetime in seconds. Text that is not a whole number never reaches the draft: it is
/// refused here, and the form is not sent until it is fixed.
#[component]
fn LifetimeField(state: ApiFormState) -> impl IntoView {
    const KEY: &str = "token_lifetime";
    let id = field_id(KEY);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let error = state.error(KEY);
    let text = RwSignal::new(
        state
            .draft
            .with_untracked(|draft| draft.token_lifetime.to_string()),
    );
    let on_input = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        text.set(typed.clone());
        match typed.trim().parse::<i64>() {
            Ok(seconds) => {
                state.set_local_error(KEY, None);
                state.edit(KEY, |draft| draft.token_lifetime = seconds);
            }
            Err(_) => {
                state.touch(KEY);
                state.set_local_error(
                    KEY,
                    Some("Enter the lifetime as a whole number of seconds, like 3600.".to_owned()),
                );
            }
        }
    };
    let described_by = {
        let hint_id = hint_id.clone();
        move || {
            if error.with(Option::is_some) {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{field_label(KEY)}" (seconds)"</label>
            <input id=id type="number" inputmode="numeric" class="seconds" data-testid="input-token_lifetime"
                min=MIN_TOKEN_LIFETIME max=MAX_TOKEN_LIFETIME step="1" prop:value=text
                aria-describedby=described_by
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                on:input=on_input on:blur=move |_| state.touch(KEY) />
            <p class="hint" id=hint_id>"How long the access tokens apps get for this API stay valid: 60 to 86,400 seconds (one day)."</p>
            <FieldError key=KEY error />
        </div>
    }
}
