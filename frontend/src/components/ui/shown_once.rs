//! A value the server has just issued and will never show again (a client secret, an
//! initial access token): the value, a copy button, and a plain warning. Until it is copied
//! (or its panel closed), reloading or closing the tab asks first.

use leptos::prelude::*;

use crate::components::ui::copy_button::CopyButton;
use crate::leave_guard::{self, AtStake};

#[component]
pub fn ShownOnce(
    /// The value's name in a sentence, as "client secret".
    what: &'static str,
    /// Its label, as "Client secret".
    label: &'static str,
    value: String,
    /// Test ids of the value and of its copy button.
    testids: (&'static str, &'static str),
    /// What the warning says after "Copy the … now."
    advice: String,
    /// More facts about the value, after it.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    leave_guard::guard(AtStake::Secret, Signal::derive(move || !copied.get()));
    view! {
        <div class="secret-box">
            <p class="warning" role="alert">
                <strong>{format!("Copy the {what} now. ")}</strong>
                {advice}
            </p>
            <dl class="facts">
                <dt>{label}</dt>
                <dd>
                    <code class="credential" data-testid=testids.0>{value.clone()}</code>
                    <CopyButton text=value what testid=testids.1 on_copied=move |()| copied.set(true) />
                </dd>
                {children.map(|children| children())}
            </dl>
        </div>
    }
}
