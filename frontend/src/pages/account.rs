//! "Your account" (`/account`): who is signed in, their passkeys, two-factor sign-in, changing
//! the password, and the ways to the browsers signed in to the account and to its activity. A
//! setup-only session (the administrator requires a second factor) is kept on this page until
//! it has one.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::account::change_password::ChangePassword;
use crate::components::account::passkeys::Passkeys;
use crate::components::account::two_factor::TwoFactor;
use crate::components::ui::page_heading::PageHeading;
use crate::session::use_session;

#[component]
pub fn AccountPage() -> impl IntoView {
    let session = use_session();
    let account = session.account();
    let (name, email) = account
        .map(|account| (account.display_name, account.email))
        .unwrap_or_default();
    view! {
        <section class="card narrow">
            <PageHeading text="Your account" />
            <dl class="facts">
                <dt>"Name"</dt>
                <dd>{name}</dd>
                <dt>"Email address"</dt>
                <dd data-testid="account-email">{email}</dd>
            </dl>
            <p>
                <A href="/account/sessions" attr:data-testid="to-sessions">"Signed-in browsers"</A>
                " — where your account is signed in, and signing them out."
            </p>
            <p>
                <A href="/account/activity" attr:data-testid="to-activity">"Account activity"</A>
                " — what was done to your account, when and from where."
            </p>
            <h2>"Passkeys"</h2>
            <Passkeys />
            <h2>"Two-factor sign-in"</h2>
            <TwoFactor />
            <h2>"Change your password"</h2>
            <ChangePassword />
        </section>
    }
}
