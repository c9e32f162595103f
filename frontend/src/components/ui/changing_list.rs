//! A page that lists what the server has, where each row can change it (revoke, block,
//! delete): the page's card, the notice of the last change (which takes the focus, as the row
//! that made it may be gone), and the rows, loaded again after each change.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::components::ui::loaded::{loaded_rows, Changes};
use crate::components::ui::page_card::PageCard;

#[component]
pub fn ChangingList<T, Fut, E, R, F>(
    heading: &'static str,
    hint: &'static str,
    /// The notice's id and test id.
    notice_id: &'static str,
    fetch: fn() -> Fut,
    /// What "Loading …" names.
    what: &'static str,
    /// The list's test id.
    testid: &'static str,
    /// Shown when there is nothing to list.
    empty: fn() -> E,
    /// One item's row, given what it calls with the notice's text after a change.
    row: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<Vec<T>, ApiFailure>> + 'static,
    E: IntoView + 'static,
    R: IntoView + 'static,
    F: Fn(T, Callback<String>) -> R + Clone + Send + Sync + 'static,
{
    let changes = Changes::new(notice_id);
    let on_changed = changes.callback();
    let items = changes.reloading(fetch);
    view! {
        <PageCard heading hint>
            {changes.notice()}
            {loaded_rows(items, what, testid, empty, move |item| row(item, on_changed))}
        </PageCard>
    }
}
