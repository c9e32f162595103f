//! "Account activity" (`/account/activity`): the signed-in person's own log (password changes
//! and resets, re-authentications), newest first, what happened, when, and from which address
//! and browser; a page at a time (the server's keyset cursor), older pages on request.

use leptos::prelude::*;
use shared::api::{AccountLogEntry, AccountLogPage};

use crate::api;
use crate::components::ui::loaded::{loaded, rows};
use crate::components::ui::page_card::PageCard;
use crate::dom::date_time;

#[component]
pub fn ActivityPage() -> impl IntoView {
    // The cursors of the pages before this one (to go back) and of this one.
    let earlier = RwSignal::new(Vec::<Option<String>>::new());
    let cursor = RwSignal::new(None::<String>);
    let page = LocalResource::new(move || api::account_log(cursor.get()));
    let older = move |next: String| {
        earlier.update(|pages| pages.push(cursor.get_untracked()));
        cursor.set(Some(next));
    };
    let newer = move || {
        let previous = earlier.try_update(Vec::pop).flatten().flatten();
        cursor.set(previous);
    };
    let show = move |page: AccountLogPage| {
        let AccountLogPage { items, next_cursor } = page;
        let list = if items.is_empty() {
            view! { <p data-testid="activity-empty">"Nothing has happened to your account yet."</p> }.into_any()
        } else {
            rows("activity-list", items, |entry| view! { <Entry entry /> }).into_any()
        };
        let has_newer = !earlier.with_untracked(Vec::is_empty);
        view! {
            {list}
            <div class="buttons">
                <Show when=move || has_newer>
                    <button type="button" data-testid="activity-newer" on:click=move |_| newer()>
                        "Newer entries"
                    </button>
                </Show>
                {next_cursor.map(|next| view! {
                    <button type="button" data-testid="activity-older" on:click=move |_| older(next.clone())>
                        "Older entries"
                    </button>
                })}
            </div>
        }
    };
    view! {
        <PageCard heading="Account activity"
            hint="What was done to your account, newest first. If you do not recognise something, change your password and sign out the other browsers.">
            {loaded(page, "your account's activity", show)}
        </PageCard>
    }
}

#[component]
fn Entry(entry: AccountLogEntry) -> impl IntoView {
    let AccountLogEntry {
        at,
        event,
        actor_email,
        address,
        browser,
        ..
    } = entry;
    let from = match (address, browser) {
        (Some(address), Some(browser)) => format!("{browser} at {address}"),
        (Some(address), None) => address,
        (None, Some(browser)) => browser,
        (None, None) => "an unknown place".to_owned(),
    };
    let by = actor_email.map(|email| format!(" · by {email}"));
    view! {
        <li class="app-row" data-testid="activity-entry">
            <div class="app-row-main">
                <strong data-testid="activity-what">{event.sentence()}</strong>
                <span class="hint" data-testid="activity-when-where">
                    {format!("{} · from {from}", date_time(at))}{by}
                </span>
            </div>
        </li>
    }
}
