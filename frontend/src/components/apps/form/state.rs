//! The register and edit forms' fields: their order and their labels (`ui::form_state` decides
//! which messages show where).

use shared::api::AppDraft;

use crate::components::ui::form_state::{split_key, FormState};

/// The form's fields in the order they appear, to list problems in reading order.
const FIELD_ORDER: [&str; 14] = [
    "name",
    "icon",
    "website",
    "team",
    "description",
    "client_type",
    "redirect_uris",
    "allowed_origins",
    "scopes",
    "grant_types",
    "token_format",
    "id_token_alg",
    "privacy_policy_url",
    "terms_url",
];

pub type AppFormState = FormState<AppDraft>;

impl FormState<AppDraft> {
    pub fn new(initial: AppDraft) -> AppFormState {
        FormState::with_rules(initial, AppDraft::field_errors, &FIELD_ORDER, field_label)
    }
}

/// The name a person reads for a field key, as in the form's labels.
pub fn field_label(key: &str) -> String {
    let (base, index) = split_key(key);
    let number = index.map(|i| i + 1);
    match (base, number) {
        ("name", _) => "App name".into(),
        ("icon", _) => "Icon".into(),
        ("website", _) => "Website".into(),
        ("team", _) => "Owner".into(),
        ("description", _) => "Description".into(),
        ("client_type", _) => "Client type".into(),
        ("redirect_uris", Some(n)) => format!("Redirect URL {n}"),
        ("redirect_uris", None) => "Redirect URLs".into(),
        ("allowed_origins", Some(n)) => format!("Allowed origin {n}"),
        ("allowed_origins", None) => "Allowed origins".into(),
        ("scopes", _) => "Access scopes".into(),
        ("grant_types", _) => "Grant types".into(),
        ("token_format", _) => "Access token format".into(),
        ("id_token_alg", _) => "ID token signing algorithm".into(),
        ("privacy_policy_url", _) => "Privacy policy URL".into(),
        ("terms_url", _) => "Terms of service URL".into(),
        _ => key.to_owned(),
    }
}
