//! A server setting edited in a small form of its own (the built-in API's visibility, the
//! two-factor policy): the value chosen, the value the server last saved (the form's notice
//! says it), and the request that saves it.

use std::future::Future;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::submission::Submission;

pub struct Setting<V: Send + Sync + 'static, S: Send + Sync + 'static> {
    pub chosen: RwSignal<V>,
    pub saved: RwSignal<V>,
    pub save: Submission<S>,
}

// By hand: derived, they would ask `V` and `S` to be `Copy` too.
impl<V: Send + Sync + 'static, S: Send + Sync + 'static> Clone for Setting<V, S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<V: Send + Sync + 'static, S: Send + Sync + 'static> Copy for Setting<V, S> {}

impl<V, S> Setting<V, S>
where
    V: Clone + Send + Sync + 'static,
    S: Clone + Send + Sync + 'static,
{
    /// Starts from `current`; `saved_value` reads the value from the server's answer.
    pub fn new(current: V, saved_value: fn(&S) -> V) -> Self {
        let setting = Setting {
            chosen: RwSignal::new(current.clone()),
            saved: RwSignal::new(current),
            save: Submission::new(),
        };
        setting
            .save
            .on_success(move |answer| setting.saved.set(saved_value(&answer)));
        setting
    }

    /// Chooses `value`; the last answer (saved, or refused) no longer applies.
    pub fn choose(self, value: V) {
        self.chosen.set(value);
        self.save.answer.set(None);
    }

    /// The form's submit handler: `request` sends the chosen value.
    pub fn submit<Fut>(self, request: impl Fn(V) -> Fut + 'static) -> impl Fn(SubmitEvent)
    where
        Fut: Future<Output = Result<S, ApiFailure>> + 'static,
    {
        move |ev: SubmitEvent| {
            ev.prevent_default();
            self.save.send(request(self.chosen.get_untracked()));
        }
    }
}
