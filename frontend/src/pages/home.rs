//! The overview: what server this console manages, fetched from the API, and where to go
//! next (sign in, or the signed-in person's apps).

use leptos::prelude::*;

use crate::api;
use crate::components::ui::page_heading::PageHeading;
use crate::components::ui::status::{ErrorMessage, Loading};
use crate::session::{use_session, SessionState};

#[component]
pub fn HomePage() -> impl IntoView {
    let info = LocalResource::new(api::server_info);
    view! {
        <section class="card">
            <PageHeading text="Overview" />
            {move || match info.get() {
                None => view! { <Loading what="server details" /> }.into_any(),
                Some(Err(failure)) => view! { <ErrorMessage failure /> }.into_any(),
                Some(Ok(info)) => view! {
                    <dl class="facts">
                        <dt>"Server"</dt>
                        <dd data-testid="server-name">{info.name}" "{info.version}</dd>
                        <dt>"Issuer"</dt>
                        <dd data-testid="issuer"><code>{info.issuer}</code></dd>
                    </dl>
                }.into_any(),
            }}
        </section>
        <NextSteps />
    }
}

#[component]
fn NextSteps() -> impl IntoView {
    let session = use_session();
    move || {
        match session.state.get() {
        SessionState::SignedIn(info) => view! {
            <section class="card">
                <h2>{format!("Welcome, {}", info.account.display_name)}</h2>
                <p>"See the apps you allowed to use your account, and revoke their access."</p>
                <p class="buttons">
                    <a href="/connections" class="button primary" data-testid="home-connections">"Connected apps"</a>
                </p>
                <h3 class="subheading">"Building an app?"</h3>
                <p class="buttons">
                    <a href="/apps" class="button">"My apps"</a>
                    <a href="/apps/new" class="button">"Register an app"</a>
                </p>
            </section>
        }
        .into_any(),
        SessionState::Checking => ().into_any(),
        _ => view! {
            <section class="card">
                <h2>"Register OAuth apps"</h2>
                <p>"Sign in to register apps, get their client IDs and secrets, and manage them."</p>
                <p class="buttons">
                    <a href="/sign-in" class="button primary" data-testid="home-sign-in">"Sign in"</a>
                    <a href="/sign-up" class="button" data-testid="home-sign-up">"Create an account"</a>
                </p>
            </section>
        }
        .into_any(),
    }
    }
}
