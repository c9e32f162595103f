//! The authorization pages' second step (`oauth/second_factor.rs`): after a correct password,
//! a code from the authenticator app or a recovery code, in one field, without script.

use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::layout::page;

pub struct CodeForm<'a> {
    /// The pending sign-in (`accounts::two_factor::pending`), secret like a CSRF token.
    pub pending: &'a str,
    /// Where to go once signed in: the authorization request or the device page.
    pub location: &'a str,
    pub error: Option<&'a str>,
    /// As the sign-in page's: the app's origin, which the redirects after this form may reach.
    pub form_target: String,
}

/// Where the code form posts.
pub const SECOND_FACTOR: &str = "/oauth/second-factor";

pub fn code_page(status: StatusCode, form: &CodeForm<'_>) -> Response {
    page(
        status,
        "Two-factor sign-in",
        html! {
            h1 { "Enter a code" }
            p { "Your account is protected by a second factor. Enter the 6-digit code your authenticator app shows, or one of your recovery codes." }
            @if let Some(error) = form.error {
                p class="error" role="alert" data-testid="code-error" { (error) }
            }
            form method="post" action=(SECOND_FACTOR) {
                input type="hidden" name="pending" value=(form.pending);
                input type="hidden" name="continue" value=(form.location);
                label for="code" { "Code" }
                input id="code" type="text" name="code" inputmode="text" autocomplete="one-time-code" maxlength="64" required autofocus;
                button type="submit" class="primary" { "Continue" }
            }
        },
        std::slice::from_ref(&form.form_target),
    )
}
