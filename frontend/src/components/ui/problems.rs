//! The list by a form's submit button of everything still wrong, in reading order; each entry
//! moves the keyboard to its field. Shared by the app and API forms.

use leptos::prelude::*;

use crate::components::ui::field::field_id;
use crate::dom::focus_soon;

#[component]
pub fn ProblemSummary(
    /// The list's element id, which the submit button describes itself with and focuses.
    id: &'static str,
    /// (field key, message) pairs.
    problems: Memo<Vec<(String, String)>>,
    all_correct: Memo<bool>,
    /// The name a person reads for a field key.
    label: fn(&str) -> String,
) -> impl IntoView {
    view! {
        <div id=id class="problems" tabindex="-1" data-testid="form-problems" aria-live="polite">
            // Before anything was visited there is nothing to say either way.
            <Show when=move || !problems.with(Vec::is_empty)
                fallback=move || all_correct.get().then_some(view! { <p class="ok">"Everything is filled in correctly."</p> })>
                <p>"Still to fix:"</p>
                <ul>
                    <For each=move || problems.get() key=|problem| problem.clone() let:problem>
                        <li>
                            <button type="button" class="link" on:click={
                                let key = problem.0.clone();
                                move |_| focus_soon(field_id(&key))
                            }>
                                {label(&problem.0)}
                            </button>
                            ": "{problem.1.clone()}
                        </li>
                    </For>
                </ul>
            </Show>
        </div>
    }
}
