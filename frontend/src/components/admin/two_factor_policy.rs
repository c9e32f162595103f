//! The administrators' policy: whether every developer must have a second factor.

use leptos::prelude::*;
use shared::api::TwoFactorPolicy;

use crate::api;
use crate::components::ui::setting::Setting;
use crate::components::ui::submit::{FormFailure, SubmitButton};

#[component]
pub fn TwoFactorPolicyForm(current: TwoFactorPolicy) -> impl IntoView {
    let setting = Setting::new(current.required, |policy: &TwoFactorPolicy| policy.required);
    let Setting {
        chosen,
        saved,
        save,
    } = setting;
    let submit = setting.submit(|required| async move {
        api::set_two_factor_policy(&TwoFactorPolicy { required }).await
    });
    view! {
        <form class="panel" novalidate=true data-testid="two-factor-policy-form" on:submit=submit>
            <p>
                <input type="checkbox" id="require-second-factor" data-testid="require-second-factor"
                    prop:checked=move || chosen.get()
                    on:change=move |ev| setting.choose(event_target_checked(&ev)) />
                <label for="require-second-factor" class="inline">"Require a second factor for every developer"</label>
            </p>
            <p class="hint">"Developers without one are asked to set up an authenticator app or a passkey at their next sign-in, before anything else."</p>
            <p class="notice" role="status" data-testid="two-factor-policy-saved">
                {move || if saved.get() { "Saved: required." } else { "Saved: not required." }}
            </p>
            <FormFailure failure=save.failed() />
            <SubmitButton testid="two-factor-policy-save" pending=save.pending labels=("Save", "Saving…") />
        </form>
    }
}
