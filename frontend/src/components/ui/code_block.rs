//! A block of code to copy, like a curl command. Long lines scroll sideways; the block is
//! focusable and named, so it can be scrolled from the keyboard (a scrollable region no key
//! can reach is an axe "serious" violation).

use leptos::prelude::*;

#[component]
pub fn CodeBlock(
    #[prop(into)] text: String,
    /// What the code is, read out when it takes the focus.
    #[prop(into)]
    label: String,
    #[prop(into)] testid: String,
) -> impl IntoView {
    view! {
        <pre tabindex="0" role="region" aria-label=label data-testid=testid><code>{text}</code></pre>
    }
}
