//! "My apps": the signed-in person's apps (or, for administrators, everyone's), newest
//! first, searchable by name. Pages come from the server's keyset cursor ("Load more"), so
//! the list stays fast however many apps there are: only loaded rows are rendered.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use shared::api::AppSummary;

use crate::api::{self, ApiFailure, AppQuery};
use crate::components::app_row::AppRow;
use crate::components::require_session::RequireSession;
use crate::components::status::{ErrorMessage, Loading};
use crate::session::use_session;

/// How long typing must pause before the search is sent.
const SEARCH_PAUSE: Duration = Duration::from_millis(250);

#[component]
pub fn AppsPage() -> impl IntoView {
    view! { <RequireSession><AppList /></RequireSession> }
}

#[derive(Debug, Clone, Copy)]
struct ListState {
    items: RwSignal<Vec<AppSummary>>,
    next_cursor: RwSignal<Option<String>>,
    /// `None` until the first page arrives.
    total: RwSignal<Option<u64>>,
    loading: RwSignal<bool>,
    failure: RwSignal<Option<ApiFailure>>,
    /// Bumped by every request, so a slow answer to an older search is dropped.
    generation: StoredValue<u32>,
}

impl ListState {
    fn load(self, name: String, everyone: bool, more: bool) {
        let cursor = if more {
            self.next_cursor.get_untracked()
        } else {
            None
        };
        let query = AppQuery {
            name,
            everyone,
            cursor,
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
                        self.items.update(|items| items.extend(page.items));
                    } else {
                        self.items.set(page.items);
                    }
                    self.next_cursor.set(page.next_cursor);
                    self.total.set(Some(page.total));
                }
                Err(failure) => self.failure.set(Some(failure)),
            }
        });
    }
}

#[component]
fn AppList() -> impl IntoView {
    let is_admin = use_session().is_admin();
    let deleted = use_query_map().with_untracked(|query| query.get("deleted").is_some());
    let typed = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let everyone = RwSignal::new(false);
    let list = ListState {
        items: RwSignal::new(Vec::new()),
        next_cursor: RwSignal::new(None),
        total: RwSignal::new(None),
        loading: RwSignal::new(false),
        failure: RwSignal::new(None),
        generation: StoredValue::new(0),
    };
    Effect::new(move |_| list.load(search.get(), everyone.get(), false));
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
            everyone.get_untracked(),
            !list.items.with_untracked(Vec::is_empty),
        )
    };
    let load_more = move |_| list.load(search.get_untracked(), everyone.get_untracked(), true);
    view! {
        <section class="card">
            <div class="title-row">
                <h1>{move || if everyone.get() { "All apps" } else { "My apps" }}</h1>
                <a href="/apps/new" class="button primary" data-testid="register-app-link">"Register an app"</a>
            </div>
            {deleted.then_some(view! { <p class="notice" role="status" data-testid="notice">"The app was deleted."</p> })}
            <div class="list-controls">
                <div class="field">
                    <label for="app-search">"Search by name"</label>
                    <input id="app-search" type="search" data-testid="app-search" autocomplete="off"
                        prop:value=typed on:input=on_search />
                </div>
                {is_admin.then_some(view! {
                    <label class="check">
                        <input type="checkbox" data-testid="show-all-apps" prop:checked=everyone
                            on:change=move |ev| everyone.set(event_target_checked(&ev)) />
                        "Show every user's apps"
                    </label>
                })}
            </div>
            <ListBody list search everyone />
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
fn ListBody(list: ListState, search: RwSignal<String>, everyone: RwSignal<bool>) -> impl IntoView {
    // Re-render the body only when what it shows changes kind, not on every page loaded.
    let phase = Memo::new(move |_| match list.total.get() {
        None if list.failure.with(Option::is_some) => Phase::Failed,
        None => Phase::FirstLoad,
        Some(0) if search.with(|s| s.trim().is_empty()) => Phase::Empty,
        Some(0) => Phase::NoMatches,
        Some(_) => Phase::Rows,
    });
    move || {
        match phase.get() {
        Phase::Failed => ().into_any(),
        Phase::FirstLoad => view! { <Loading what="your apps" /> }.into_any(),
        Phase::Empty => view! {
            <div class="empty-state" data-testid="empty-state">
                <p>{move || if everyone.get() { "Nobody has registered an app yet." } else { "You have not registered any apps yet." }}</p>
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
                    let total = list.total.get().unwrap_or_default();
                    let noun = if total == 1 { "app" } else { "apps" };
                    if shown >= total { format!("{total} {noun}") } else { format!("Showing {shown} of {total} {noun}") }
                }}
                {move || list.loading.get().then_some(" · Loading…")}
            </p>
            <ul class="app-list" data-testid="app-list">
                // The owner column depends on the toggle, so rows are keyed by both.
                <For each=move || list.items.get()
                    key=move |app| (app.client_id.clone(), everyone.get_untracked())
                    let:app>
                    <AppRow app show_owner=everyone.get_untracked() />
                </For>
            </ul>
        }
        .into_any(),
    }
    }
}
