//! What a view of loaded data shows before it has the data: "Loading …" while the request is
//! under way, and the server's error with "Try again" when it failed. Lists also say, in the
//! page's own words, that they are empty.

use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::components::ui::status::{ErrorMessage, Loading, PageLoading};

/// Data the console loads from the server.
pub type Loadable<T> = LocalResource<Result<T, ApiFailure>>;

/// Loading, failed (with a retry), or the data as `show` renders it.
pub fn loaded<T, V>(
    resource: Loadable<T>,
    what: &'static str,
    show: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || match resource.get() {
        None => view! { <Loading what /> }.into_any(),
        Some(Err(failure)) => view! {
            <ErrorMessage failure />
            <button type="button" on:click=move |_| resource.refetch()>"Try again"</button>
        }
        .into_any(),
        Some(Ok(data)) => show(data).into_any(),
    }
}

/// A whole page's data: the page's loading state (which names the tab), `failed` with the
/// server's error (a page has nothing to show without its data), or the page as `show`
/// renders it.
pub fn loaded_page<T, F, V>(
    resource: Loadable<T>,
    what: &'static str,
    failed: impl Fn(ApiFailure) -> F + Send + Sync + 'static,
    show: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: IntoView + 'static,
    V: IntoView + 'static,
{
    move || match resource.get() {
        None => view! { <PageLoading what /> }.into_any(),
        Some(Err(failure)) => failed(failure).into_any(),
        Some(Ok(data)) => show(data).into_any(),
    }
}

/// `loaded` for a list: `empty` when it has no items, else `show` with them.
pub fn loaded_list<T, E, V>(
    resource: Loadable<Vec<T>>,
    what: &'static str,
    empty: impl Fn() -> E + Send + Sync + 'static,
    show: impl Fn(Vec<T>) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    E: IntoView + 'static,
    V: IntoView + 'static,
{
    loaded(resource, what, move |list: Vec<T>| {
        if list.is_empty() {
            empty().into_any()
        } else {
            show(list).into_any()
        }
    })
}

/// `loaded_list` in the console's list style: the items' rows in one `<ul class="app-list">`.
pub fn loaded_rows<T, E, R>(
    resource: Loadable<Vec<T>>,
    what: &'static str,
    testid: &'static str,
    empty: impl Fn() -> E + Send + Sync + 'static,
    row: impl Fn(T) -> R + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    E: IntoView + 'static,
    R: IntoView + 'static,
{
    loaded_list(resource, what, empty, move |list| {
        rows(testid, list, row.clone())
    })
}

/// The rows of a list in the console's list style.
pub fn rows<T, R: IntoView>(
    testid: &'static str,
    items: impl IntoIterator<Item = T>,
    row: impl FnMut(T) -> R,
) -> impl IntoView {
    view! { <ul class="app-list" data-testid=testid>{items.into_iter().map(row).collect_view()}</ul> }
}

/// The data `fetch` loads for `key` (a team's slug, an app's client id), loaded again whenever
/// `changes` is bumped by an action elsewhere on the page.
pub fn reloaded_for<T, Fut>(
    changes: RwSignal<u32>,
    key: String,
    fetch: impl Fn(String) -> Fut + 'static,
) -> Loadable<T>
where
    T: Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, ApiFailure>> + 'static,
{
    LocalResource::new(move || {
        changes.track();
        fetch(key.clone())
    })
}

/// A list that reloads after each change made from it, and a notice that says what changed.
/// The focus moves to the notice: the row and the button that made the change are gone.
#[derive(Debug, Clone, Copy)]
pub struct Changes {
    count: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
    notice_id: &'static str,
}

impl Changes {
    /// `notice_id` is the notice's element id and test id.
    pub fn new(notice_id: &'static str) -> Changes {
        Changes {
            count: RwSignal::new(0),
            notice: RwSignal::new(None),
            notice_id,
        }
    }

    /// Makes the resource that calls it load again after each change.
    pub fn track(self) {
        self.count.track();
    }

    /// The data `fetch` loads, loaded again after each change.
    pub fn reloading<T, Fut>(self, fetch: impl Fn() -> Fut + 'static) -> Loadable<T>
    where
        T: Send + Sync + 'static,
        Fut: std::future::Future<Output = Result<T, ApiFailure>> + 'static,
    {
        LocalResource::new(move || {
            self.track();
            fetch()
        })
    }

    /// Called with the notice's text after each change.
    pub fn callback(self) -> Callback<String> {
        Callback::new(move |message: String| {
            self.notice.set(Some(message));
            self.count.update(|n| *n += 1);
            crate::dom::focus_soon(self.notice_id.to_owned());
        })
    }

    pub fn notice(self) -> impl IntoView {
        view! {
            <p class="notice" id=self.notice_id tabindex="-1" role="status" data-testid=self.notice_id>
                {move || self.notice.get()}
            </p>
        }
    }
}
