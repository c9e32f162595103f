//! What a form holds: the draft, and which messages to show where. Shared by the app and API
//! forms, which differ only in their draft, their rules and the order of their fields.
//!
//! Every message comes from the shared rules (`AppDraft::field_errors`, `ApiDraft::validate`)
//! or from the server, keyed alike (`name`, `redirect_uris.2`); this module only decides
//! *when* to show them: under a field and in the summary by the submit button once the person
//! has changed or left the field, or tried to submit. A blank form does not open with a list
//! of everything not yet filled in.

use std::collections::BTreeSet;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::field_errors::FieldErrors;

use crate::api::ApiFailure;
use crate::components::ui::field::{InputKind, TextField};
use crate::components::ui::problems::ProblemSummary;
use crate::components::ui::status::ErrorMessage;
use crate::dom::focus_soon;
use crate::leave_guard::{self, AtStake};

pub struct FormState<D: Send + Sync + 'static> {
    pub draft: RwSignal<D>,
    /// The shared rules' verdict on the current draft.
    errors: Memo<FieldErrors>,
    /// The server's per-field messages from the last submit, until the field changes.
    server_errors: RwSignal<FieldErrors>,
    /// Problems found before anything reaches the draft (an icon file that was refused, a
    /// lifetime that is not a number).
    local_errors: RwSignal<FieldErrors>,
    touched: RwSignal<BTreeSet<String>>,
    submitted: RwSignal<bool>,
    /// The form's fields in the order they appear, to list problems in reading order.
    field_order: &'static [&'static str],
    /// The name a person reads for a field key, as in the form's labels.
    labels: fn(&str) -> String,
}

// By hand: derived, they would ask the draft to be `Copy` too.
impl<D: Send + Sync + 'static> Clone for FormState<D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D: Send + Sync + 'static> Copy for FormState<D> {}

/// `redirect_uris.2` -> (`redirect_uris`, Some(2)).
pub fn split_key(key: &str) -> (&str, Option<usize>) {
    match key.split_once('.') {
        Some((base, index)) => (base, index.parse().ok()),
        None => (key, None),
    }
}

impl<D: Send + Sync + 'static> FormState<D> {
    /// A form starting from `initial`, checked by `rules` on every change.
    pub fn with_rules(
        initial: D,
        rules: fn(&D) -> FieldErrors,
        field_order: &'static [&'static str],
        labels: fn(&str) -> String,
    ) -> FormState<D> {
        let draft = RwSignal::new(initial);
        FormState {
            draft,
            errors: Memo::new(move |_| draft.with(rules)),
            server_errors: RwSignal::new(FieldErrors::new()),
            local_errors: RwSignal::new(FieldErrors::new()),
            touched: RwSignal::new(BTreeSet::new()),
            submitted: RwSignal::new(false),
            field_order,
            labels,
        }
    }

    /// The label of the field `key` (`redirect_uris.1` is "Redirect URL 2").
    pub fn label(&self, key: &str) -> String {
        (self.labels)(key)
    }

    /// Changes the draft for the field `key`, which from now on shows its message; the
    /// server's message about that field no longer applies.
    pub fn edit(&self, key: &str, change: impl FnOnce(&mut D)) {
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

    /// The server refused the draft: its per-field messages go under their fields, and the
    /// failure above the submit button.
    pub fn refused(&self, err: ApiFailure, failure: RwSignal<Option<ApiFailure>>) {
        self.set_server_errors(err.fields());
        failure.set(Some(err));
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
        // Keys sort as `field`, `field.0`, `field.1`…; taken field by field in the form's
        // order they read like the form (indexes sort as text, `.10` before `.2`, so they are
        // ordered by number here).
        let mut problems = Vec::with_capacity(all.len());
        for field in self.field_order {
            let mut keys: Vec<String> = all
                .keys()
                .filter(|key| split_key(key).0 == *field)
                .cloned()
                .collect();
            keys.sort_by_key(|key| split_key(key).1);
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

    /// The form's `submit` handler: sends the draft through `on_submit` once the rules pass (and
    /// not again while a send is `pending`); until then every message shows and the focus
    /// moves to the list of problems (`problems_id`). Meanwhile, leaving the page with
    /// changes that were not sent asks first (reload, closing, the console's links).
    pub fn on_submit(
        &self,
        pending: Signal<bool>,
        on_submit: Callback<D>,
        problems_id: &'static str,
    ) -> impl Fn(SubmitEvent) + Copy + 'static
    where
        D: Clone + PartialEq,
    {
        let state = *self;
        let initial = state.draft.get_untracked();
        let dirty = Memo::new(move |_| state.draft.with(|draft| *draft != initial));
        leave_guard::guard(AtStake::Edits, dirty.into());
        move |ev: SubmitEvent| {
            ev.prevent_default();
            if pending.get_untracked() {
                return;
            }
            state.reveal_all();
            if state.ready() {
                on_submit.run(state.draft.get_untracked());
            } else {
                focus_soon(problems_id.to_owned());
            }
        }
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

/// The end of a form: why the last send failed, the submit button (which says how many fields
/// are left to fix) with a way out, and the list of what is still wrong.
#[component]
pub fn FormActions<D: Send + Sync + 'static>(
    state: FormState<D>,
    /// The button's text, and its text while sending ("Save changes", "Saving…").
    verbs: (&'static str, &'static str),
    pending: Signal<bool>,
    failure: Signal<Option<ApiFailure>>,
    submit_testid: &'static str,
    #[prop(into)] cancel_href: String,
    /// The list of problems' element id, which the button describes itself with.
    problems_id: &'static str,
) -> impl IntoView {
    let problems = Memo::new(move |_| state.shown_problems());
    let all_correct = Memo::new(move |_| state.all_correct());
    let button_label = submit_label(verbs, pending, problems);
    view! {
        <div class="form-actions card">
            {move || failure.get().map(|failure| view! { <ErrorMessage failure /> })}
            <div class="buttons">
                <button type="submit" class="primary" data-testid=submit_testid
                    aria-describedby=problems_id disabled=pending>
                    {button_label}
                </button>
                <a href=cancel_href>"Cancel"</a>
            </div>
            <ProblemSummary id=problems_id problems all_correct label=state.labels />
        </div>
    }
}

/// The submit button's text: `verbs.1` ("Saving…") while sending, else `verbs.0` ("Save
/// changes") and how many fields are left to fix.
fn submit_label(
    verbs: (&'static str, &'static str),
    pending: Signal<bool>,
    problems: Memo<Vec<(String, String)>>,
) -> impl Fn() -> String + Copy + 'static {
    move || match (pending.get(), problems.with(Vec::len)) {
        (true, _) => verbs.1.to_owned(),
        (false, 0) => verbs.0.to_owned(),
        (false, 1) => format!("{}: 1 field to fix", verbs.0),
        (false, n) => format!("{}: {n} fields to fix", verbs.0),
    }
}

/// One text field bound to one `String` of the draft.
#[component]
pub fn DraftText<D: Send + Sync + 'static>(
    state: FormState<D>,
    key: &'static str,
    read: fn(&D) -> &String,
    write: fn(&mut D) -> &mut String,
    #[prop(optional)] kind: InputKind,
    hint: &'static str,
) -> impl IntoView {
    let value = Signal::derive(move || state.draft.with(|draft| read(draft).clone()));
    let on_input = Callback::new(move |text: String| state.edit(key, |draft| *write(draft) = text));
    let on_blur = Callback::new(move |()| state.touch(key));
    view! {
        <TextField key label=state.label(key) value on_input on_blur error=state.error(key) kind hint />
    }
}
