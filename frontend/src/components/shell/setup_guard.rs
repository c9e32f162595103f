//! Under the administrator's policy, a person without a second factor gets a setup-only session
//! (the server answers 403 `second_factor_setup_required` to everything else): the console
//! takes them to the account page, where they set one up, before anything else.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::session::use_session;

pub const SETUP_PAGE: &str = "/account";

#[component]
pub fn SetupGuard() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.setup_required() && location.pathname.get() != SETUP_PAGE {
            navigate(
                SETUP_PAGE,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
}
