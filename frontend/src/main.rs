//! The Clientele developer console, rendered in the browser.

mod api;
mod app;
mod components;
mod dom;
mod leave_guard;
mod pages;
mod session;
mod submission;
mod webauthn;

fn main() {
    console_error_panic_hook::set_once();
    leave_guard::install();
    leptos::mount::mount_to_body(app::App);
}
