//! The built-in API's visibility: whose apps may ask for its scopes. `anyone` (the default)
//! includes clients that registered themselves; `developers` keeps it to developers' apps;
//! `private` closes it to every app, since it belongs to no developer.

use leptos::prelude::*;
use shared::api::BuiltInApiSettings;
use shared::registered_api::ApiVisibility;

use crate::api;
use crate::components::ui::setting::Setting;
use crate::components::ui::submit::{FormFailure, SubmitButton};

fn meaning(visibility: ApiVisibility) -> &'static str {
    match visibility {
        ApiVisibility::Anyone => {
            "Every app, including clients that registered themselves (dynamic registration). A person always consents."
        }
        ApiVisibility::Developers => {
            "Apps developers registered in this console; clients that registered themselves are refused its scopes."
        }
        ApiVisibility::Private => {
            "No app: it belongs to no developer. Apps asking for its scopes are refused."
        }
    }
}

#[component]
pub fn BuiltInVisibility(current: BuiltInApiSettings) -> impl IntoView {
    let setting = Setting::new(current.visibility, |settings: &BuiltInApiSettings| {
        settings.visibility
    });
    let Setting {
        chosen,
        saved,
        save,
    } = setting;
    let options = ApiVisibility::ALL.map(|visibility| {
        let id = format!("visibility-{}", visibility.as_str());
        view! {
            <li>
                <input type="radio" name="visibility" id=id.clone() data-testid=id.clone()
                    prop:checked=move || chosen.get() == visibility
                    on:change=move |_| setting.choose(visibility) />
                <label for=id.clone() class="inline">{visibility.title()}</label>
                <p class="hint">{meaning(visibility)}</p>
            </li>
        }
    });
    let submit = setting.submit(|visibility| async move {
        api::set_built_in_api(&BuiltInApiSettings { visibility }).await
    });
    view! {
        <form class="panel" novalidate=true data-testid="built-in-form" on:submit=submit>
            <fieldset class="field">
                <legend>"Whose apps may ask for its scopes"</legend>
                <ul class="choices">{options.into_iter().collect_view()}</ul>
            </fieldset>
            <p class="notice" role="status" data-testid="built-in-saved">
                {move || {
                    let visibility = saved.get();
                    format!("Saved: {} ({}).", visibility.title(), visibility.as_str())
                }}
            </p>
            <FormFailure failure=save.failed() />
            <div class="buttons">
                <SubmitButton testid="built-in-save" pending=save.pending labels=("Save", "Saving…") />
            </div>
        </form>
    }
}
