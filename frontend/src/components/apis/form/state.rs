//! What the register-an-API form holds: the draft, and which messages to show where.
//!
//! Every message comes from the shared rules (`ApiDraft::validate`) or from the server, keyed
//! alike (`identifier`, `resources.2`); like the app form, a field shows its message once the
//! person changed or left it, or tried to submit.

use std::collections::BTreeSet;

use leptos::prelude::*;
use shared::field_errors::FieldErrors;
use shared::registered_api::ApiDraft;

/// The form's fields in the order they appear, to list problems in reading order.
const FIELD_ORDER: [&str; 7] = [
    "name",
    "description",
    "identifier",
    "resources",
    "visibility",
    "token_format",
    "token_lifetime",
];

#[derive(Debug, Clone, Copy)]
pub struct ApiFormState {
    pub draft: RwSignal<ApiDraft>,
    /// The shared rules' verdict on the current draft.
    errors: Memo<FieldErrors>,
    /// The server's per-field messages from the last submit, until the field changes.
    server_errors: RwSignal<FieldErrors>,
    /// Problems found before anything reaches the draft (a lifetime that is not a number).
    local_errors: RwSignal<FieldErrors>,
    touched: RwSignal<BTreeSet<String>>,
    submitted: RwSignal<bool>,
}

/// `resources.2` -> (`resources`, Some(2)).
fn split_key(key: &str) -> (&str, Option<usize>) {
    match key.split_once('.') {
        Some((base, index)) => (base, index.parse().ok()),
        None => (key, None),
    }
}

/// The name a person reads for a field key, as in the form's labels.
pub fn field_label(key: &str) -> String {
    match split_key(key) {
        ("name", _) => "API name".into(),
        ("description", _) => "Description".into(),
        ("identifier", _) => "Identifier".into(),
        ("resources", Some(index)) => format!("Resource {}", index + 1),
        ("resources", None) => "Resources".into(),
        ("visibility", _) => "Who may use it".into(),
        ("token_format", _) => "Access token format".into(),
        ("token_lifetime", _) => "Access token lifetime".into(),
        _ => key.to_owned(),
    }
}

impl ApiFormState {
    pub fn new(initial: ApiDraft) -> ApiFormState {
        let draft = RwSignal::new(initial);
        ApiFormState {
            draft,
            errors: Memo::new(move |_| {
                draft.with(|draft| draft.validate().err().unwrap_or_default())
            }),
            server_errors: RwSignal::new(FieldErrors::new()),
            local_errors: RwSignal::new(FieldErrors::new()),
            touched: RwSignal::new(BTreeSet::new()),
            submitted: RwSignal::new(false),
        }
    }

    /// Changes the draft for the field `key`, which from now on shows its message; the
    /// server's message about that field no longer applies.
    pub fn edit(&self, key: &str, change: impl FnOnce(&mut ApiDraft)) {
        self.draft.update(change);
        self.touch(key);
        let (base, _) = split_key(key);
        self.server_errors
            .update(|errors| errors.retain(|field, _| field != key && field != base));
    }

    /// Marks a field as visited (the person left it), so its message shows.
    pub fn touch(&self, key: &str) {
        if !self.touched.with_untracked(|touched| touched.contains(key)) {
            let (base, _) = split_key(key);
            self.touched.update(|touched| {
                touched.insert(key.to_owned());
                touched.insert(base.to_owned());
            });
        }
    }

    /// Marks the items of a list field as seen, after a row was removed and the others moved.
    pub fn touch_list(&self, field: &str, len: usize) {
        self.touched.update(|touched| {
            touched.insert(field.to_owned());
            touched.extend((0..len).map(|i| format!("{field}.{i}")));
        });
        self.server_errors
            .update(|errors| errors.retain(|key, _| split_key(key).0 != field));
    }

    pub fn set_local_error(&self, key: &str, message: Option<String>) {
        self.local_errors.update(|errors| match message {
            Some(message) => {
                errors.insert(key.to_owned(), message);
            }
            None => {
                errors.remove(key);
            }
        });
    }

    /// Shows the server's per-field messages under their fields.
    pub fn set_server_errors(&self, errors: FieldErrors) {
        self.server_errors.set(errors);
    }

    /// After a submit attempt every message shows, touched or not.
    pub fn reveal_all(&self) {
        self.submitted.set(true);
    }

    /// The message under the field `key`, if one should show now.
    pub fn error(&self, key: impl Into<String>) -> Signal<Option<String>> {
        let key = key.into();
        let state = *self;
        Signal::derive(move || {
            if let Some(local) = state.local_errors.with(|errors| errors.get(&key).cloned()) {
                return Some(local);
            }
            let shown =
                state.submitted.get() || state.touched.with(|touched| touched.contains(&key));
            let rule = shown
                .then(|| state.errors.with(|errors| errors.get(&key).cloned()))
                .flatten();
            rule.or_else(|| state.server_errors.with(|errors| errors.get(&key).cloned()))
        })
    }

    /// What is still wrong about the fields the person has visited (every field after a
    /// submit attempt), in reading order, as (key, message).
    pub fn shown_problems(&self) -> Vec<(String, String)> {
        let submitted = self.submitted.get();
        let local = self.local_errors.get();
        let server = self.server_errors.get();
        let mut all = self.errors.get();
        for source in [&local, &server] {
            for (key, message) in source {
                all.entry(key.clone()).or_insert_with(|| message.clone());
            }
        }
        let touched = self.touched.get();
        let mut problems: Vec<(String, String)> = Vec::with_capacity(all.len());
        // Keys sort as `field`, `field.0`, `field.1`…; taken field by field in the form's
        // order they read like the form (up to 20 resources: indexes sort as text, so they
        // are ordered by number here).
        for field in FIELD_ORDER {
            let mut keys: Vec<String> = all
                .keys()
                .filter(|key| split_key(key).0 == field)
                .cloned()
                .collect();
            keys.sort_by_key(|key| split_key(key).1);
            for key in keys {
                if let Some(message) = all.remove(&key) {
                    problems.push((key, message));
                }
            }
        }
        problems.extend(all);
        problems.retain(|(key, _)| {
            submitted
                || touched.contains(key)
                || local.contains_key(key)
                || server.contains_key(key)
        });
        problems
    }

    /// Whether the draft passes the shared rules and nothing was refused before reaching
    /// it: only then is it sent. (Server messages do not block: the server decides again.)
    pub fn ready(&self) -> bool {
        self.errors.with_untracked(|errors| errors.is_empty())
            && self.local_errors.with_untracked(|errors| errors.is_empty())
    }

    /// Whether nothing at all is wrong, visited or not.
    pub fn all_correct(&self) -> bool {
        self.errors.with(|errors| errors.is_empty())
            && self.local_errors.with(|errors| errors.is_empty())
            && self.server_errors.with(|errors| errors.is_empty())
    }
}
