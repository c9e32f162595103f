//! Wraps the admin pages: a signed-in administrator sees them; anyone else signed in is told
//! the area is for administrators only (the server answers 403 to them anyway), and nobody
//! signed in is sent to the sign-in page first.

use leptos::prelude::*;

use crate::components::shell::require_session::RequireSession;
use crate::components::ui::page_heading::PageHeading;
use crate::session::use_session;

#[component]
pub fn RequireAdmin(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let is_admin = Memo::new(move |_| session.is_admin());
    view! {
        <RequireSession>
            {
                let children = children.clone();
                move || {
                    if is_admin.get() {
                        children().into_any()
                    } else {
                        view! { <AdminOnly /> }.into_any()
                    }
                }
            }
        </RequireSession>
    }
}

#[component]
fn AdminOnly() -> impl IntoView {
    view! {
        <section class="card" data-testid="admin-only">
            <PageHeading text="Administrators only" />
            <p>"This area is for the server's administrators. Your account is not one of them."</p>
            <p class="buttons"><a href="/apps" class="button">"Go to my apps"</a></p>
        </section>
    }
}
