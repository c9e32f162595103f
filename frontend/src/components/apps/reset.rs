//! "Reset OAuth values": for when credentials may have leaked. One confirmed request revokes
//! every secret, token and consent of the app and (confidential apps) issues one new secret,
//! shown once with what was revoked.

use leptos::prelude::*;
use shared::api::ResetResult;

use crate::api;
use crate::components::secrets::one_time::OneTimeSecret;
use crate::components::ui::confirm::{cancel_id, Confirm};
use crate::dom::focus_soon;
use crate::submission::Submission;

fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn summary(result: &ResetResult) -> String {
    format!(
        "Done: revoked {}, {} and {}.",
        count(result.revoked_secrets, "secret"),
        count(result.revoked_tokens, "token"),
        count(result.revoked_consents, "consent")
    )
}

#[component]
pub fn ResetApp(
    client_id: String,
    confidential: bool,
    on_change: Callback<String>,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let reset = Submission::<ResetResult>::new();
    reset.on_success(move |result| {
        confirming.set(false);
        on_change.run(summary(&result));
        focus_soon("reset-result".to_owned());
    });
    let send = move |()| {
        let client_id = client_id.clone();
        reset.send(async move { api::reset_app(&client_id).await });
    };
    // Closing drops the new secret from the page.
    let close = move |_| {
        reset.answer.set(None);
        focus_soon("reset-app".to_owned());
    };
    let result = move || match reset.answer.get() {
        Some(Ok(result)) => Some(view! {
            <div class="panel" id="reset-result" tabindex="-1" data-testid="reset-result">
                <p class="notice" role="status">{summary(&result)}</p>
                {result.new_secret.map(|created| view! { <OneTimeSecret secret=created.client_secret /> })}
                <p>"Every user must authorize the app again."</p>
                <button type="button" class="primary" data-testid="close-reset-result" on:click=close>"Done"</button>
            </div>
        }),
        _ => None,
    };
    view! {
        <section class="card danger-zone" aria-labelledby="reset-heading">
            <h2 id="reset-heading">"Reset OAuth values"</h2>
            <p>"For when a secret or a token may have leaked: start again with new credentials."</p>
            {result}
            <Show when=move || confirming.get() fallback=move || view! {
                <button type="button" class="danger" id="reset-app" data-testid="reset-app" on:click=move |_| {
                    confirming.set(true);
                    focus_soon(cancel_id("reset-confirm"));
                }>
                    "Reset OAuth values…"
                </button>
            }>
                <Confirm id="reset-confirm" testid="reset" labels=("Reset now", "Resetting…")
                    pending=reset.pending failure=reset.failed()
                    on_confirm=send.clone() on_cancel=move |()| {
                        confirming.set(false);
                        focus_soon("reset-app".to_owned());
                    }>
                    <p><strong>"Resetting does all of this at once:"</strong></p>
                    <ul data-testid="reset-consequences">
                        {confidential.then_some(view! { <li>"revokes every client secret of this app;"</li> })}
                        <li>"revokes every access token and refresh token issued to it;"</li>
                        <li>"revokes every user's consent, so every user must authorize the app again;"</li>
                        {confidential.then_some(view! { <li>"generates one new client secret, shown only once."</li> })}
                    </ul>
                    <p>"Anything still using the old values stops working at once. This cannot be undone."</p>
                </Confirm>
            </Show>
        </section>
    }
}
