//! What the register and edit forms hold: the draft, and which messages to show where.
//!
//! Every message comes from the shared rules (`AppDraft::field_errors`) or from the
//! server, keyed alike; this module only decides *when* to show them: under a field and in
//! the summary by the submit button once the person has changed or left the field, or tried
//! to submit. A blank form does not open with a list of everything not yet filled in.

use std::collections::BTreeSet;

use leptos::prelude::*;
use shared::api::AppDraft;
use shared::field_errors::FieldErrors;

/// The form's fields in the order they appear, to list problems in reading order.
const FIELD_ORDER: [&str; 13] = [
    "name",
    "icon",
    "website",
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

#[derive(Debug, Clone, Copy)]
pub struct AppFormState {
    pub draft: RwSignal<AppDraft>,
    /// The shared rules' verdict on the current draft.
    errors: Memo<FieldErrors>,
    /// The server's per-field messages from the last submit, until the field changes.
    server_errors: RwSignal<FieldErrors>,
    /// Problems found before anything reaches the draft (an icon file that was refused).
    local_errors: RwSignal<FieldErrors>,
    touched: RwSignal<BTreeSet<String>>,
    submitted: RwSignal<bool>,
}

/// `redirect_uris.2` -> (`redirect_uris`, Some(2)).
fn split_key(key: &str) -> (&str, Option<usize>) {
    match key.split_once('.') {
        Some((base, index)) => (base, index.parse().ok()),
        None => (key, None),
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

impl AppFormState {
    pub fn new(initial: AppDraft) -> AppFormState {
        let draft = RwSignal::new(initial);
        AppFormState {
            draft,
            errors: Memo::new(move |_| draft.with(AppDraft::field_errors)),
            server_errors: RwSignal::new(FieldErrors::new()),
            local_errors: RwSignal::new(FieldErrors::new()),
            touched: RwSignal::new(BTreeSet::new()),
            submitted: RwSignal::new(false),
        }
    }

    /// Changes the draft for the field `key`, which from now on shows its message; the
    /// server's message about that field no longer applies.
    pub fn edit(&self, key: &str, change: impl FnOnce(&mut AppDraft)) {
        self.draft.update(change);
        let (base, _) = split_key(key);
        self.touched.update(|touched| {
            touched.insert(key.to_owned());
            touched.insert(base.to_owned());
        });
        self.server_errors.update(|errors| {
            errors.retain(|field, _| field != key && field != base);
        });
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
        self.touched.with(|touched| {
            self.problems()
                .into_iter()
                .filter(|(key, _)| {
                    submitted
                        || touched.contains(key)
                        || local.contains_key(key)
                        || server.contains_key(key)
                })
                .collect()
        })
    }

    /// Everything still wrong, in reading order, as (key, message).
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut all = self.errors.get();
        for source in [self.local_errors.get(), self.server_errors.get()] {
            for (key, message) in source {
                all.entry(key).or_insert(message);
            }
        }
        // Keys sort as `field`, `field.0`, `field.1`…, so taking them field by field in the
        // form's order gives reading order (lists allow 10 items, indexes 0 to 9).
        let mut problems = Vec::with_capacity(all.len());
        for field in FIELD_ORDER {
            let keys: Vec<String> = all
                .keys()
                .filter(|key| split_key(key).0 == field)
                .cloned()
                .collect();
            for key in keys {
                if let Some(message) = all.remove(&key) {
                    problems.push((key, message));
                }
            }
        }
        // Anything the server named that the form does not know goes last, not missing.
        problems.extend(all);
        problems
    }
}

impl AppFormState {
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
