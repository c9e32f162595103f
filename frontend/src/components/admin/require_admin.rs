//! Wraps the admin pages: a signed-in administrator sees them; anyone else signed in is told
//! the area is for administrators only (the server answers 403 to them anyway), and nobody
//! signed in is sent to the sign-in page first. The route table wraps the pages (`admins_only`).

use leptos::prelude::*;

use crate::components::shell::require_session::RequireSession;
use crate::components::ui::page_heading::PageHeading;
use crate::session::use_session;

/// The view of a route for administrators only: `page` inside `RequireAdmin`.
pub fn admins_only<V: IntoView + 'static>(page: fn() -> V) -> impl Fn() -> AnyView + Send + Clone {
    move || view! { <RequireAdmin>{page()}</RequireAdmin> }.into_any()
}

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
