//! The one form for registering and editing an app. The page owns the request; this
//! component owns the fields, the messages under them and the submit button, which says
//! what is still wrong and sends nothing until the shared rules pass.

mod grants;
mod icon_picker;
mod kinds;
mod scope_table;
mod state;
mod text_fields;
mod url_list;

use leptos::prelude::*;
use shared::api::AppDraft;

use crate::api::ApiFailure;
use crate::components::teams::owner_picker::OwnerPicker;
use crate::components::ui::form_state::FormActions;

use grants::GrantPicker;
use icon_picker::IconPicker;
use kinds::{ClientTypePicker, IdTokenAlgPicker, TokenFormatPicker};
use scope_table::ScopeTable;
pub use state::AppFormState;
use text_fields::{NameAndDescription, PolicyLinks, WebsiteField};
use url_list::{AllowedOrigins, RedirectUris};

#[derive(Debug, Clone, PartialEq)]
pub enum FormMode {
    Register,
    /// Editing a saved app, whose icon (if any) stays unless a new one is chosen.
    Edit {
        current_icon: Option<String>,
    },
}

const PROBLEMS_ID: &str = "form-problems";

#[component]
pub fn AppForm(
    state: AppFormState,
    mode: FormMode,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] failure: Signal<Option<ApiFailure>>,
    #[prop(into)] on_submit: Callback<AppDraft>,
    #[prop(into)] cancel_href: String,
) -> impl IntoView {
    let verb = match mode {
        FormMode::Register => ("Register app", "Registering…"),
        FormMode::Edit { .. } => ("Save changes", "Saving…"),
    };
    let submit = state.on_submit(pending, on_submit, PROBLEMS_ID);
    let (locked, current_icon) = match mode {
        FormMode::Register => (false, None),
        FormMode::Edit { current_icon } => (true, current_icon),
    };
    view! {
        <form class="app-form" novalidate=true on:submit=submit data-testid="app-form">
            <section class="card">
                <h2>"About the app"</h2>
                <NameAndDescription state />
                <IconPicker state current=current_icon />
                <WebsiteField state />
                // The owner changes by moving the app (its page), not by editing it.
                {(!locked).then(|| view! {
                    <OwnerPicker state read=|draft: &AppDraft| draft.team.clone()
                        write=|draft: &mut AppDraft, team| draft.team = team />
                })}
            </section>
            <section class="card">
                <h2>"How it signs in"</h2>
                <ClientTypePicker state locked />
                <RedirectUris state />
                <AllowedOrigins state />
                <GrantPicker state />
                <TokenFormatPicker state />
                <IdTokenAlgPicker state />
            </section>
            <section class="card">
                <h2>"What it may access"</h2>
                <ScopeTable state />
            </section>
            <section class="card">
                <h2>"Policies"</h2>
                <PolicyLinks state />
            </section>
            <FormActions state verbs=verb pending failure submit_testid="submit-app" cancel_href
                problems_id=PROBLEMS_ID />
        </form>
    }
}
