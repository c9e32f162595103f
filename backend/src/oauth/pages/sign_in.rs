use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::layout::page;

pub struct SignInForm<'a> {
    pub app_name: &'a str,
    /// The authorization request to continue with afterwards.
    pub continue_query: &'a str,
    pub email: &'a str,
    pub error: Option<&'a str>,
}

pub fn sign_in_page(status: StatusCode, form: &SignInForm<'_>) -> Response {
    page(
        status,
        "Sign in",
        html! {
            h1 { "Sign in to continue to " strong { (form.app_name) } }
            @if let Some(error) = form.error {
                p class="error" role="alert" data-testid="sign-in-error" { (error) }
            }
            form method="post" action="/oauth/sign-in" {
                input type="hidden" name="continue" value=(form.continue_query);
                label for="email" { "Email" }
                input id="email" type="email" name="email" value=(form.email) autocomplete="username" required autofocus;
                label for="password" { "Password" }
                input id="password" type="password" name="password" autocomplete="current-password" required;
                button type="submit" class="primary" { "Sign in" }
            }
            p class="hint" { "You sign in to Clientele, not to the app: it never sees your password." }
        },
        &[],
    )
}
