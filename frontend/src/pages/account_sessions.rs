//! "Signed-in browsers" (`/account/sessions`): every console session of the signed-in person,
//! this one marked, and signing out any other one or all of them.

use leptos::prelude::*;
use shared::api::SessionView;

use crate::api;
use crate::components::account::session_row::SessionRow;
use crate::components::ui::confirmed_action::ConfirmedAction;
use crate::components::ui::loaded::{loaded, rows, Changes};
use crate::components::ui::page_card::PageCard;
use crate::submission::Submission;

#[component]
pub fn SessionsPage() -> impl IntoView {
    // Each sign-out reloads the list.
    let changes = Changes::new("sessions-notice");
    let announce = changes.callback();
    let sessions = changes.reloading(api::sessions);
    let end_others = Submission::new();
    end_others.on_success(move |()| {
        announce.run("Every other browser is signed out of your account.".to_owned());
    });
    let show = move |list: Vec<SessionView>| {
        let others = list.iter().any(|session| !session.current);
        view! {
            {rows("session-list", list, |session| view! { <SessionRow session on_ended=announce /> })}
            <Show when=move || others>
                <ConfirmedAction id="end-other-sessions" opener="Sign out all other sessions…"
                    opener_testid="end-other-sessions" testid="sign-out-others"
                    labels=("Sign out the others", "Signing out…") submission=end_others
                    on_confirm=move |()| end_others.send(api::end_other_sessions())>
                    <p>"Sign out every browser but this one? Whoever uses them must sign in again."</p>
                </ConfirmedAction>
            </Show>
        }
    };
    view! {
        <PageCard heading="Signed-in browsers"
            hint="Where your account is signed in to this console. Sign out any you do not recognise, and change your password.">
            {changes.notice()}
            {loaded(sessions, "your sessions", show)}
        </PageCard>
    }
}
