//! Warnings before the person leaves something they would lose: unsaved edits (on reload,
//! closing the tab, following a link inside the console, the browser's Back and Forward, and
//! signing out)
//! and a one-time secret that was not yet copied (on reload and closing the tab).
//!
//! The listeners are installed once at start and read counters that the guarded views raise
//! while they hold something to lose, so a guard costs no listener of its own.

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// What the person would lose, and so which ways of leaving warn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtStake {
    /// Unsaved changes: warn on reload and on links inside the console.
    Edits,
    /// A secret shown once: warn on reload and closing; the console's own links out of such
    /// a panel (like "Open the app's settings") are the expected next step.
    Secret,
}

thread_local! {
    static EDITS: Cell<u32> = const { Cell::new(0) };
    static SECRETS: Cell<u32> = const { Cell::new(0) };
    /// The address of the page whose edits are unsaved, to return to when Back is declined.
    static EDITED_PAGE: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn counter(stake: AtStake) -> &'static std::thread::LocalKey<Cell<u32>> {
    match stake {
        AtStake::Edits => &EDITS,
        AtStake::Secret => &SECRETS,
    }
}

fn held(stake: AtStake) -> bool {
    counter(stake).with(|count| count.get() > 0)
}

const LEAVE_QUESTION: &str = "You have unsaved changes. Leave this page and lose them?";

/// Warns before leaving while `active` is true, until the calling view is removed.
pub fn guard(stake: AtStake, active: Signal<bool>) {
    // Shared with the cleanup, which must be Send; the console has one thread.
    let raised = Arc::new(AtomicBool::new(false));
    let set = {
        let raised = raised.clone();
        move |on: bool| {
            if raised.swap(on, Ordering::Relaxed) != on {
                if on && stake == AtStake::Edits {
                    let here = web_sys::window().and_then(|window| window.location().href().ok());
                    EDITED_PAGE.with(|page| *page.borrow_mut() = here);
                }
                counter(stake).with(|count| {
                    count.set(if on {
                        count.get() + 1
                    } else {
                        count.get().saturating_sub(1)
                    })
                });
            }
        }
    };
    Effect::new({
        let set = set.clone();
        move |_| set(active.get())
    });
    on_cleanup(move || set(false));
}

/// Installs the listeners; called once when the console starts, before the router adds its
/// own, which these run ahead of.
/// For leaving by other means than a link (signing out): whether the person agrees to lose
/// unsaved edits, asking only when there are some.
pub fn may_leave() -> bool {
    !held(AtStake::Edits)
        || web_sys::window()
            .and_then(|window| window.confirm_with_message(LEAVE_QUESTION).ok())
            .unwrap_or(true)
}

pub fn install() {
    let Some(window) = web_sys::window() else {
        return;
    };
    // The browser asks "Leave site?" in its own words when the event is cancelled.
    let before_unload = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        if held(AtStake::Edits) || held(AtStake::Secret) {
            event.prevent_default();
            // Older browsers read the legacy returnValue instead.
            let _ = js_sys::Reflect::set(&event, &"returnValue".into(), &"unsaved".into());
        }
    });
    let _ = window
        .add_event_listener_with_callback("beforeunload", before_unload.as_ref().unchecked_ref());
    before_unload.forget();

    // Capturing, so it runs before the router's own click handler, which leaves a click
    // alone once it is cancelled.
    let link_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(|event: web_sys::MouseEvent| {
        if !held(AtStake::Edits) || !is_link_click(&event) {
            return;
        }
        let leave = web_sys::window()
            .and_then(|window| window.confirm_with_message(LEAVE_QUESTION).ok())
            .unwrap_or(true);
        if !leave {
            event.prevent_default();
            event.stop_propagation();
        }
    });
    if let Some(document) = window.document() {
        let _ = document.add_event_listener_with_callback_and_bool(
            "click",
            link_click.as_ref().unchecked_ref(),
            true,
        );
    }
    link_click.forget();

    // Back and Forward have already changed the address when `popstate` arrives, and cannot be
    // cancelled: staying means hiding the event from the router (which then never left the
    // page) and putting the page's address back.
    let history_step = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        if !held(AtStake::Edits) {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(page) = EDITED_PAGE.with(|page| page.borrow().clone()) else {
            return;
        };
        if window.confirm_with_message(LEAVE_QUESTION).unwrap_or(true) {
            return;
        }
        event.stop_immediate_propagation();
        if let Ok(history) = window.history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&page));
        }
    });
    let _ = window.add_event_listener_with_callback_and_bool(
        "popstate",
        history_step.as_ref().unchecked_ref(),
        true,
    );
    history_step.forget();
}

/// A plain click on a link that opens in this tab (not a new tab or window).
fn is_link_click(event: &web_sys::MouseEvent) -> bool {
    if event.button() != 0 || event.ctrl_key() || event.meta_key() || event.shift_key() {
        return false;
    }
    let link = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("a[href]").ok().flatten());
    link.is_some_and(|link| {
        link.get_attribute("target")
            .is_none_or(|target| target.is_empty() || target == "_self")
    })
}
