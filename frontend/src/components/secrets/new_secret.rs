//! "Generate new secret": an optional label and a lifetime, checked by the shared rules
//! (`NewSecretRequest::validate`) before anything is sent; then the new secret, shown once.
//! Closing the panel drops the secret from the page, leaving only its metadata in the list.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::api::{CreatedSecret, NewSecretRequest, SECRET_EXPIRY_DAYS};

use crate::api;
use crate::components::secrets::one_time::OneTimeSecret;
use crate::components::ui::field::{FieldError, TextField};
use crate::components::ui::submit::{FormFailure, SubmitButton};
use crate::dom::focus_soon;
use crate::submission::Submission;

const OPEN_BUTTON: &str = "generate-secret";
const PANEL: &str = "new-secret-panel";

#[component]
pub fn NewSecret(client_id: String, on_change: Callback<String>) -> impl IntoView {
    let open = RwSignal::new(false);
    let label = RwSignal::new(String::new());
    // The select's value: "" for never, else a number of days.
    let expiry = RwSignal::new(String::new());
    let create = Submission::<CreatedSecret>::new();
    let shown = RwSignal::new(None::<String>);
    let request = move || NewSecretRequest {
        label: Some(label.get()),
        expires_in_days: expiry.with(|days| days.parse().ok()),
    };
    let local = Memo::new(move |_| request().validate().err().unwrap_or_default());
    // The browser's rules first; the server's answer for the same field otherwise.
    let error = move |key: &'static str| {
        Signal::derive(move || {
            local.with(|errors| errors.get(key).cloned()).or_else(|| {
                create
                    .failure()
                    .and_then(|failure| failure.fields().remove(key))
            })
        })
    };
    create.on_success(move |created| {
        shown.set(Some(created.client_secret));
        label.set(String::new());
        expiry.set(String::new());
        on_change.run(format!("Generated secret {}…", created.secret.prefix));
        focus_soon(PANEL.to_owned());
    });
    let close = move |_| {
        // The secret leaves the page here: only its metadata stays, in the list.
        shown.set(None);
        create.answer.set(None);
        open.set(false);
        focus_soon(OPEN_BUTTON.to_owned());
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = untrack(request);
        if request.validate().is_ok() {
            let client_id = client_id.clone();
            create.send(async move { api::create_secret(&client_id, &request).await });
        } else {
            focus_soon("field-label".to_owned());
        }
    };
    let cancel = move |_| {
        open.set(false);
        create.answer.set(None);
        focus_soon(OPEN_BUTTON.to_owned());
    };
    let form = move || {
        view! {
            <form class="panel" novalidate=true data-testid="new-secret-form" on:submit=submit.clone()>
                <h3 class="subheading">"Generate a new secret"</h3>
                <TextField key="label" label="Label (optional)" value=label error=error("label")
                    hint="Where the secret is used, like “Production server”. At most 64 characters."
                    on_input=move |text| { label.set(text); create.answer.set(None); } />
                <div class="field">
                    <label for="field-expires_in_days">"Expires"</label>
                    <select id="field-expires_in_days" data-testid="input-expires_in_days"
                        on:change=move |ev| { expiry.set(event_target_value(&ev)); create.answer.set(None); }>
                        <option value="" selected=expiry.with_untracked(String::is_empty)>"Never"</option>
                        {SECRET_EXPIRY_DAYS.map(|days| {
                            let value = days.to_string();
                            let selected = expiry.with_untracked(|chosen| *chosen == value);
                            view! {
                                <option value=value selected=selected>
                                    {format!("After {days} days")}
                                </option>
                            }
                        })}
                    </select>
                    <FieldError key="expires_in_days" error=error("expires_in_days") />
                </div>
                <FormFailure failure=create.failed() />
                <div class="buttons">
                    <SubmitButton testid="generate-secret-submit" pending=create.pending labels=("Generate secret", "Generating…") />
                    <button type="button" on:click=cancel>"Cancel"</button>
                </div>
            </form>
        }
    };
    move || match (shown.get(), open.get()) {
        (Some(secret), _) => view! {
            <div class="panel" id=PANEL tabindex="-1" data-testid=PANEL>
                <h3 class="subheading">"Your new secret"</h3>
                <OneTimeSecret secret />
                <button type="button" class="primary" data-testid="close-new-secret" on:click=close>
                    "Done: I have stored it"
                </button>
            </div>
        }
        .into_any(),
        (None, true) => form().into_any(),
        (None, false) => view! {
            <button type="button" class="primary" id=OPEN_BUTTON data-testid=OPEN_BUTTON
                on:click=move |_| { open.set(true); focus_soon("field-label".to_owned()); }>
                "Generate new secret"
            </button>
        }
        .into_any(),
    }
}
