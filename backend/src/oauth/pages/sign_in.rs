use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::layout::page;

pub struct SignInForm<'a> {
    pub app_name: &'a str,
    /// What to continue with afterwards: the authorization request (its query) for
    /// `/oauth/sign-in`, the user code for `/device/sign-in`.
    pub continue_query: &'a str,
    /// Where the form posts: `/oauth/sign-in` or `/device/sign-in`.
    pub action: &'a str,
    /// Where the person comes back to after creating an account instead.
    pub resume: String,
    pub email: &'a str,
    pub error: Option<&'a str>,
    /// The origin (or scheme) of the app's redirect URI: signing in may end in a redirect
    /// straight back to the app (consent given earlier), and Chromium applies the page's
    /// `form-action` to every redirect that follows the form's submission.
    pub redirect_target: String,
    /// Whether an SMTP server can mail a password-reset link (`/forgot-password`).
    pub reset_by_mail: bool,
}

pub fn sign_in_page(status: StatusCode, form: &SignInForm<'_>) -> Response {
    let sign_up = format!(
        "/sign-up?{}",
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("next", &form.resume)
            .finish()
    );
    page(
        status,
        "Sign in",
        html! {
            h1 { "Sign in to continue to " strong { (form.app_name) } }
            @if let Some(error) = form.error {
                p class="error" role="alert" data-testid="sign-in-error" { (error) }
            }
            form method="post" action=(form.action) {
                input type="hidden" name="continue" value=(form.continue_query);
                label for="email" { "Email" }
                input id="email" type="email" name="email" value=(form.email) autocomplete="username" required autofocus[form.email.is_empty()];
                label for="password" { "Password" }
                input id="password" type="password" name="password" autocomplete="current-password" required autofocus[!form.email.is_empty()];
                button type="submit" class="primary" { "Sign in" }
            }
            @if form.reset_by_mail {
                p { a href="/forgot-password" data-testid="forgot-password-link" { "Forgot your password?" } }
            } @else {
                p class="hint" data-testid="forgot-password" {
                    "Forgot your password? The administrator of this Clientele server can set a new one for you."
                }
            }
            p { "New here? " a href=(sign_up) data-testid="sign-up-link" { "Create an account" } " and come back to this app." }
            p class="hint" { "You sign in to Clientele, not to the app: it never sees your password." }
        },
        std::slice::from_ref(&form.redirect_target),
    )
}
