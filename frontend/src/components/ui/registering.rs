//! Registering something from a form (an app, an API): the draft is sent once, the server's
//! refusal goes under the fields, and what it created replaces the form; the focus then moves
//! to the heading of what replaced it, since the form the focus was in is gone.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::components::ui::form_state::FormState;
use crate::components::ui::page_heading::PageHeading;
use crate::dom::{focus_soon, scroll_to_top};
use crate::submission::Submission;

pub struct Registering<D: Send + Sync + 'static, C: Send + Sync + 'static> {
    /// What the server created, once it did.
    pub created: RwSignal<Option<C>>,
    /// Its refusal of the last attempt, for the form to show.
    pub failure: RwSignal<Option<ApiFailure>>,
    pub pending: RwSignal<bool>,
    pub on_submit: Callback<D>,
}

impl<D: Send + Sync + 'static, C: Send + Sync + 'static> Clone for Registering<D, C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D: Send + Sync + 'static, C: Send + Sync + 'static> Copy for Registering<D, C> {}

/// `send` makes the request; `heading_id` is the heading of the panel that shows the result.
pub fn registering<D, C, Fut>(
    state: FormState<D>,
    heading_id: &'static str,
    send: impl Fn(D) -> Fut + Send + Sync + 'static,
) -> Registering<D, C>
where
    D: Send + Sync + 'static,
    C: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<C, ApiFailure>> + 'static,
{
    let created = RwSignal::new(None::<C>);
    let failure = RwSignal::new(None::<ApiFailure>);
    let register = Submission::<C>::new();
    Effect::new(move |_| match register.answer.get() {
        Some(Ok(answer)) => {
            failure.set(None);
            created.set(Some(answer));
            scroll_to_top();
            focus_soon(heading_id.to_owned());
        }
        Some(Err(err)) => state.refused(err, failure),
        None => {}
    });
    let on_submit = Callback::new(move |draft: D| {
        failure.set(None);
        register.send(send(draft));
    });
    Registering {
        created,
        failure,
        pending: register.pending,
        on_submit,
    }
}

/// A page that registers something: `form` under the page's `title`, replaced by `panel`
/// with what the server created (see `registering`).
pub fn register_page<D, C, Fut, F, P>(
    state: FormState<D>,
    heading_id: &'static str,
    title: &'static str,
    send: impl Fn(D) -> Fut + Send + Sync + 'static,
    form: impl Fn(Registering<D, C>) -> F + Send + Sync + 'static,
    panel: impl Fn(C) -> P + Send + Sync + 'static,
) -> impl IntoView
where
    D: Send + Sync + 'static,
    C: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<C, ApiFailure>> + 'static,
    F: IntoView + 'static,
    P: IntoView + 'static,
{
    let registration = registering(state, heading_id, send);
    let created = registration.created;
    view! {
        <Show when=move || created.with(Option::is_none) fallback=move || created.get().map(&panel)>
            <PageHeading text=title class="page-title" />
            {form(registration)}
        </Show>
    }
}

/// What registering gave back, shown once in place of the form: "… is registered" (the
/// heading with `heading_id`), then `children`, then the links to its page and to the list.
#[component]
pub fn CreatedPanel(
    testid: &'static str,
    heading_id: &'static str,
    /// The name of what was registered.
    name: String,
    /// Its page, the link's test id, and the link's text.
    open: (String, &'static str, &'static str),
    /// The list's address and the link's text.
    back: (&'static str, &'static str),
    children: Children,
) -> impl IntoView {
    let (href, open_testid, open_text) = open;
    view! {
        <section class="card" data-testid=testid>
            <PageHeading text=format!("{name} is registered") id=heading_id />
            {children()}
            <p class="buttons">
                <a href=href class="button primary" data-testid=open_testid>{open_text}</a>
                <a href=back.0>{back.1}</a>
            </p>
        </section>
    }
}
