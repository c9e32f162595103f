//! "My apps": the signed-in person's apps and their teams' (narrowed by the team switcher to
//! their own or one team's; for administrators, everyone's), newest first, searchable by name.
//! Pages come from the server's keyset cursor ("Load more"), so
//! the list stays fast however many apps there are: only loaded rows are rendered. The
//! search, the switch and the pages loaded live in the address, so Back restores them.

mod address;

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use shared::api::AppSummary;

use crate::api::{self, ApiFailure, AppQuery, Whose};
use crate::components::apps::row::{link_id, AppRow};
use crate::components::teams::switcher::TeamSwitcher;
use crate::components::ui::page_heading::PageHeading;
use crate::components::ui::status::{ErrorMessage, Loading};
use crate::dom::focus_soon;
use crate::session::use_session;
use address::{ListAddress, PAGE_SIZE};

/// How long typing must pause before the search is sent.
const SEARCH_PAUSE: Duration = Duration::from_millis(250);

#[derive(Debug, Clone, Copy)]
struct ListState {
    items: RwSignal<Vec<AppSummary>>,
    next_cursor: RwSignal<Option<String>>,
    /// `None` until the first page arrives.
    /// How many apps match, and whether there are more than that (counting stopped).
    total: RwSignal<Option<(u64, bool)>>,
    /// How many pages of `PAGE_SIZE` are loaded.
    pages: RwSignal<u32>,
    loading: RwSignal<bool>,
    failure: RwSignal<Option<ApiFailure>>,
    /// Bumped by every request, so a slow answer to an older search is dropped.
    generation: StoredValue<u32>,
}

impl ListState {
    /// Loads the first `pages` pages, or (`more`) the next page.
    fn load(self, name: String, whose: Whose, more: bool, pages: u32) {
        let cursor = if more {
            self.next_cursor.get_untracked()
        } else {
            None
        };
        let query = AppQuery {
            name,
            whose,
            cursor,
            limit: Some(pages * PAGE_SIZE),
        };
        self.generation.update_value(|g| *g += 1);
        let mine = self.generation.get_value();
        self.loading.set(true);
        self.failure.set(None);
        spawn_local(async move {
            let result = api::list_apps(&query).await;
            // The page may have been left, or a newer search started.
            if self.generation.try_get_value() != Some(mine) {
                return;
            }
            self.loading.set(false);
            match result {
                Ok(page) => {
                    if more {
                        // The keyboard goes on with the first new app: the button it was on
                        // is last in the list, and gone after the last page.
                        if let Some(first) = page.items.first() {
                            focus_soon(link_id(&first.client_id));
                        }
                        self.items.update(|items| items.extend(page.items));
                    } else {
                        self.items.set(page.items);
                    }
                    self.next_cursor.set(page.next_cursor);
                    self.total.set(Some((page.total, page.more_than_total)));
                    let loaded = self.items.with_untracked(Vec::len) as u32;
                    self.pages.set(loaded.div_ceil(PAGE_SIZE).max(1));
                }
                Err(failure) => self.failure.set(Some(failure)),
            }
        });
    }
}

#[component]
pub fn AppsPage() -> impl IntoView {
    let is_admin = use_session().is_admin();
    let navigate = use_navigate();
    let (deleted, start) = use_query_map()
        .with_untracked(|query| (query.get("deleted").is_some(), ListAddress::read(query)));
    let typed = RwSignal::new(start.search.clone());
    let search = RwSignal::new(start.search);
    let whose = RwSignal::new(match start.whose {
        Whose::Everyone if !is_admin => Whose::Seen,
        whose => whose,
    });
    let everyone = Memo::new(move |_| whose.with(|whose| *whose == Whose::Everyone));
    let list = ListState {
        items: RwSignal::new(Vec::new()),
        next_cursor: RwSignal::new(None),
        total: RwSignal::new(None),
        pages: RwSignal::new(1),
        loading: RwSignal::new(false),
        failure: RwSignal::new(None),
        generation: StoredValue::new(0),
    };
    // The first load shows as many pages as the address says; a new search starts at one.
    let restored_pages = StoredValue::new(start.pages);
    Effect::new(move |_| {
        let (search, whose) = (search.get(), whose.get());
        let pages = restored_pages.try_update_value(|pages| std::mem::replace(pages, 1));
        list.load(search, whose, false, pages.unwrap_or(1));
    });
    // Each change replaces the list's history entry, so Back comes back to the last state
    // and not to every keystroke.
    Effect::new(move |written: Option<String>| {
        let href = ListAddress {
            search: search.get(),
            whose: whose.get(),
            pages: list.pages.get(),
        }
        .href();
        if written.is_some_and(|written| written != href) {
            let options = NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            };
            navigate(&href, options);
        }
        href
    });
    let on_search = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        typed.set(text.clone());
        set_timeout(
            move || {
                if typed.try_get_untracked().as_ref() == Some(&text) {
                    search.set(text);
                }
            },
            SEARCH_PAUSE,
        );
    };
    let retry = move |_| {
        list.load(
            search.get_untracked(),
            whose.get_untracked(),
            !list.items.with_untracked(Vec::is_empty),
            1,
        )
    };
    let load_more = move |_| list.load(search.get_untracked(), whose.get_untracked(), true, 1);
    let heading = Signal::derive(move || {
        if everyone.get() {
            "All apps"
        } else {
            "My apps"
        }
        .to_owned()
    });
    view! {
        <section class="card">
            <div class="title-row">
                <PageHeading text=heading />
                <a href="/apps/new" class="button primary" data-testid="register-app-link">"Register an app"</a>
            </div>
            {deleted.then_some(view! { <p class="notice" role="status" data-testid="notice">"The app was deleted."</p> })}
            <div class="list-controls">
                <div class="field">
                    <label for="app-search">"Search by name"</label>
                    <input id="app-search" type="search" data-testid="app-search" autocomplete="off"
                        prop:value=typed on:input=on_search />
                </div>
                <Show when=move || !everyone.get()>
                    <TeamSwitcher whose what="apps" />
                </Show>
                {is_admin.then_some(view! {
                    <label class="check">
                        <input type="checkbox" data-testid="show-all-apps" prop:checked=everyone
                            on:change=move |ev| whose.set(if event_target_checked(&ev) { Whose::Everyone } else { Whose::Seen }) />
                        "Show every user's apps"
                    </label>
                })}
            </div>
            <ListBody list search whose />
            {move || list.failure.get().map(|failure| view! {
                <ErrorMessage failure />
                <button type="button" on:click=retry>"Try again"</button>
            })}
            <Show when=move || list.next_cursor.with(Option::is_some)>
                <button type="button" class="load-more" data-testid="load-more" on:click=load_more
                    disabled=move || list.loading.get()>
                    {move || if list.loading.get() { "Loading…" } else { "Load more" }}
                </button>
            </Show>
        </section>
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    FirstLoad,
    Failed,
    Empty,
    NoMatches,
    Rows,
}

#[component]
fn ListBody(list: ListState, search: RwSignal<String>, whose: RwSignal<Whose>) -> impl IntoView {
    // Read when rows are made: the owner column depends on the switch, so rows are keyed by it.
    let everyone = move || whose.with_untracked(|whose| *whose == Whose::Everyone);
    // Re-render the body only when what it shows changes kind, not on every page loaded.
    let phase = Memo::new(move |_| match list.total.get() {
        None if list.failure.with(Option::is_some) => Phase::Failed,
        None => Phase::FirstLoad,
        Some((0, _)) if search.with(|s| s.trim().is_empty()) => Phase::Empty,
        Some((0, _)) => Phase::NoMatches,
        Some(_) => Phase::Rows,
    });
    move || match phase.get() {
        Phase::Failed => ().into_any(),
        Phase::FirstLoad => view! { <Loading what="your apps" /> }.into_any(),
        Phase::Empty => view! {
            <div class="empty-state" data-testid="empty-state">
                <p>{move || match whose.get() {
                    Whose::Everyone => "Nobody has registered an app yet.",
                    Whose::Team(_) => "This team has no apps yet.",
                    Whose::Seen | Whose::Mine => "You have not registered any apps yet.",
                }}</p>
                <p>"Register one to get a client ID for your OAuth or OpenID Connect client."</p>
                <a href="/apps/new" class="button primary">"Register your first app"</a>
            </div>
        }
        .into_any(),
        Phase::NoMatches => view! {
            <p class="empty-state" data-testid="no-matches">
                {move || format!("No apps have a name containing “{}”.", search.get().trim())}
            </p>
        }
        .into_any(),
        Phase::Rows => view! {
            <p class="hint" role="status" data-testid="app-count">
                {move || {
                    let shown = list.items.with(Vec::len) as u64;
                    let (total, more) = list.total.get().unwrap_or_default();
                    let noun = if total == 1 && !more { "app" } else { "apps" };
                    match (shown >= total, more) {
                        (true, false) => format!("{total} {noun}"),
                        (false, false) => format!("Showing {shown} of {total} {noun}"),
                        (_, true) => format!("Showing {shown} of more than {total} {noun}"),
                    }
                }}
                {move || list.loading.get().then_some(" · Loading…")}
            </p>
            <ul class="app-list" data-testid="app-list">
                <For each=move || list.items.get()
                    key=move |app| (app.client_id.clone(), everyone())
                    let:app>
                    <AppRow app show_owner=everyone() />
                </For>
            </ul>
        }
        .into_any(),
    }
}
