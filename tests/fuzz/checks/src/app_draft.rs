//! The body of the console's register and edit requests (`shared::api::AppDraft`): a body that
//! deserialises serialises back to itself, and a draft that validates gives settings whose own
//! draft validates to the same settings.

use shared::api::AppDraft;

/// The keys [`AppDraft::validate`] may report (`redirect_uris.2` for one item of a list).
const FIELDS: [&str; 10] = [
    "name",
    "website",
    "description",
    "icon",
    "redirect_uris",
    "allowed_origins",
    "scopes",
    "grant_types",
    "privacy_policy_url",
    "terms_url",
];

pub fn check(data: &[u8]) {
    let Ok(draft) = serde_json::from_slice::<AppDraft>(data) else {
        return;
    };
    crate::assert_json_round_trip(&draft);
    match draft.validate() {
        Ok(settings) => {
            let mut without_icon = settings.clone();
            without_icon.icon = None;
            assert_eq!(settings.to_draft().validate(), Ok(without_icon));
            crate::assert_json_round_trip(&settings);
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "a refused draft says why");
            for key in errors.keys() {
                let field = key.split('.').next().unwrap_or_default();
                assert!(FIELDS.contains(&field), "unknown field key {key}");
            }
        }
    }
}
