//! The top bar: where to go, who is signed in, and signing out.
//!
//! Accounts are not split into developers and end users: anyone may register apps, and most
//! people only ever allow apps to use their account. So "Connected apps", what such a person
//! comes to the console for, comes first and shows to everyone (signed out it leads through
//! sign-in); the developer's "My apps", "APIs" and "Teams" show once signed in, and registering an
//! app or an API is a button on those pages rather than a place in the menu. "Admin" shows
//! to administrators only.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::session::{use_session, SessionState};

#[component]
pub fn Header() -> impl IntoView {
    let session = use_session();
    let signed_in = move || matches!(*session.state.read(), SessionState::SignedIn(_));
    let is_admin = move || session.is_admin();
    view! {
        <header class="site-header">
            <A href="/" attr:class="brand">"Clientele"</A>
            <nav aria-label="Main">
                <A href="/" exact=true>"Overview"</A>
                <A href="/connections" attr:data-testid="nav-connections">"Connected apps"</A>
                <Show when=signed_in>
                    <A href="/apps" attr:data-testid="nav-apps">"My apps"</A>
                    <A href="/apis" attr:data-testid="nav-apis">"APIs"</A>
                    <A href="/teams" attr:data-testid="nav-teams">"Teams"</A>
                </Show>
                <Show when=is_admin>
                    <A href="/admin" attr:data-testid="nav-admin">"Admin"</A>
                </Show>
            </nav>
            <div class="account">
                <Show when=signed_in fallback=|| view! { <SignedOutLinks /> }>
                    <AccountMenu />
                </Show>
            </div>
        </header>
    }
}

#[component]
fn SignedOutLinks() -> impl IntoView {
    view! {
        <A href="/sign-in">"Sign in"</A>
        <A href="/sign-up" attr:class="button primary">"Sign up"</A>
    }
}

/// The signed-in person's name and the sign-out button, with the error if signing out fails.
#[component]
fn AccountMenu() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let sign_out = move |_| {
        if !crate::leave_guard::may_leave() {
            return;
        }
        let navigate = navigate.clone();
        busy.set(true);
        spawn_local(async move {
            match api::sign_out().await {
                Ok(()) => {
                    failure.set(None);
                    session.signed_out();
                    navigate("/", Default::default());
                }
                Err(err) => failure.set(Some(format!("Could not sign out: {err}"))),
            }
            busy.set(false);
        });
    };
    let name = move || {
        session
            .account()
            .map(|account| account.display_name)
            .unwrap_or_default()
    };
    view! {
        <A href="/account" attr:data-testid="account-name" attr:title="Your account">{name}</A>
        <button type="button" data-testid="sign-out" on:click=sign_out disabled=busy>
            "Sign out"
        </button>
        {move || failure.get().map(|message| view! { <p class="error" role="alert">{message}</p> })}
    }
}
