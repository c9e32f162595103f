//! A page's `h1`. It names the page in the document title ("My apps · Clientele"), and after
//! an in-app navigation it takes the keyboard focus (it has tabindex=-1): a client-side route
//! change announces nothing by itself, so without this a screen reader stays silent and Tab
//! goes on from wherever the last page left the focus.

use std::cell::RefCell;

use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::dom::set_document_title;

thread_local! {
    /// The path whose heading was shown last; `None` until the first page, which the browser
    /// announces itself as it loads.
    static SHOWN_FOR: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Whether this heading is the first shown since the path changed. A heading that is shown
/// again on the same page (the app reloaded after an action) leaves the focus alone.
fn first_since_navigation(path: String) -> bool {
    SHOWN_FOR.with(|shown| {
        let mut shown = shown.borrow_mut();
        let navigated = shown.as_ref().is_some_and(|last| *last != path);
        *shown = Some(path);
        navigated
    })
}

#[component]
pub fn PageHeading(
    #[prop(into)] text: Signal<String>,
    /// The page's name in the document title, when it is not the heading's text.
    #[prop(optional, into)]
    title: Option<Signal<String>>,
    #[prop(optional)] id: Option<&'static str>,
    #[prop(optional)] testid: Option<&'static str>,
    #[prop(optional)] class: Option<&'static str>,
) -> impl IntoView {
    let heading = NodeRef::<html::H1>::new();
    // The router's path, which is the new one by the time the page renders.
    let path = use_location().pathname;
    Effect::new(move |_| {
        let name = title.unwrap_or(text).get();
        set_document_title(&name);
    });
    heading.on_load(move |heading| {
        if first_since_navigation(path.get_untracked()) {
            request_animation_frame(move || {
                let _ = heading.focus();
            });
        }
    });
    view! {
        <h1 node_ref=heading tabindex="-1" id=id class=class data-testid=testid>{text}</h1>
    }
}
