//! One request a page sends when the person acts (sign in, save, delete): whether it is under
//! way and its last answer. Like leptos's `Action`, with only what the console uses, which
//! keeps the wasm smaller.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use shared::field_errors::FieldErrors;

use crate::api::ApiFailure;

pub struct Submission<T: Send + Sync + 'static> {
    pub pending: RwSignal<bool>,
    pub answer: RwSignal<Option<Result<T, ApiFailure>>>,
}

impl<T: Send + Sync + 'static> Clone for Submission<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Submission<T> {}

impl<T: Send + Sync + 'static> Submission<T> {
    pub fn new() -> Submission<T> {
        Submission {
            pending: RwSignal::new(false),
            answer: RwSignal::new(None),
        }
    }

    /// Sends the request unless one is already under way (a double click sends once).
    pub fn send(self, request: impl Future<Output = Result<T, ApiFailure>> + 'static) {
        if self.pending.get_untracked() {
            return;
        }
        self.pending.set(true);
        spawn_local(async move {
            let answer = request.await;
            // The page may have been left meanwhile; then there is nobody to tell.
            self.pending.try_set(false);
            self.answer.try_set(Some(answer));
        });
    }

    /// What a button calls to send the request about one thing (`key`: its id, or its team's
    /// slug and its id), as a row's confirmed action does.
    pub fn sender<K, Fut>(
        self,
        key: K,
        request: impl Fn(K) -> Fut + Send + Sync + 'static,
    ) -> Callback<()>
    where
        K: Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<T, ApiFailure>> + 'static,
    {
        Callback::new(move |()| self.send(request(key.clone())))
    }

    /// Calls `then` with each successful answer (a row tells its list what changed, a form
    /// shows what was saved).
    pub fn on_success(self, then: impl Fn(T) + 'static)
    where
        T: Clone,
    {
        Effect::new(move |_| {
            if let Some(Ok(answer)) = self.answer.get() {
                then(answer);
            }
        });
    }

    /// Once the request succeeds, tells `on_changed` what changed (a row, for its list's
    /// notice).
    pub fn announces(self, on_changed: Callback<String>, message: String)
    where
        T: Clone,
    {
        self.on_success(move |_| on_changed.run(message.clone()));
    }

    /// `on_success`, and a refusal's per-field messages go to `field_errors`, to show under
    /// the fields they are about.
    pub fn on_answer(self, field_errors: RwSignal<FieldErrors>, then: impl Fn(T) + 'static)
    where
        T: Clone,
    {
        Effect::new(move |_| match self.answer.get() {
            Some(Ok(answer)) => then(answer),
            Some(Err(failure)) => field_errors.set(failure.fields()),
            None => {}
        });
    }

    /// The last failure, for a view to show in words.
    pub fn failed(self) -> Signal<Option<ApiFailure>> {
        Signal::derive(move || self.failure())
    }

    /// The last failure, to show in words.
    pub fn failure(self) -> Option<ApiFailure> {
        self.answer.with(|answer| {
            answer
                .as_ref()
                .and_then(|answer| answer.as_ref().err().cloned())
        })
    }
}
