//! The register-an-API form's fields: their order and their labels (`ui::form_state` decides
//! which messages show where).

use shared::registered_api::ApiDraft;

use crate::components::ui::form_state::{split_key, FormState};

/// The form's fields in the order they appear, to list problems in reading order.
const FIELD_ORDER: [&str; 8] = [
    "name",
    "description",
    "identifier",
    "team",
    "resources",
    "visibility",
    "token_format",
    "token_lifetime",
];

pub type ApiFormState = FormState<ApiDraft>;

impl FormState<ApiDraft> {
    pub fn new(initial: ApiDraft) -> ApiFormState {
        FormState::with_rules(
            initial,
            |draft| draft.validate().err().unwrap_or_default(),
            &FIELD_ORDER,
            field_label,
        )
    }
}

/// The name a person reads for a field key, as in the form's labels.
pub fn field_label(key: &str) -> String {
    match split_key(key) {
        ("name", _) => "API name".into(),
        ("description", _) => "Description".into(),
        ("identifier", _) => "Identifier".into(),
        ("team", _) => "Owner".into(),
        ("resources", Some(index)) => format!("Resource {}", index + 1),
        ("resources", None) => "Resources".into(),
        ("visibility", _) => "Who may use it".into(),
        ("token_format", _) => "Access token format".into(),
        ("token_lifetime", _) => "Access token lifetime".into(),
        _ => key.to_owned(),
    }
}
