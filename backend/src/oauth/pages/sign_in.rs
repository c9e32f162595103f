use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::layout::{page_with_script, PASSKEY_SCRIPT_PATH};

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
    /// Where the passkey form posts, when this page offers signing in with a passkey.
    pub passkey_action: Option<&'a str>,
}

/// Where the passkey script asks for a sign-in challenge (the console API's own step).
const PASSKEY_OPTIONS: &str = "/api/v1/session/passkey/options";

pub fn sign_in_page(status: StatusCode, form: &SignInForm<'_>) -> Response {
    let sign_up = format!(
        "/sign-up?{}",
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("next", &form.resume)
            .finish()
    );
    page_with_script(
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
            @if let Some(action) = form.passkey_action {
                // Shown by the script where the browser can use passkeys; the two hidden
                // fields carry the challenge and the browser's answer.
                form id="passkey-form" method="post" action=(action) data-options=(PASSKEY_OPTIONS) hidden {
                    input type="hidden" name="continue" value=(form.continue_query);
                    input type="hidden" name="challenge_id" value="";
                    input type="hidden" name="credential" value="";
                    p class="hint" { "Or, without typing anything:" }
                    button id="passkey-sign-in" type="button" data-testid="passkey-sign-in" { "Sign in with a passkey" }
                    p id="passkey-error" class="error" role="alert" data-testid="passkey-error" hidden {}
                }
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
        form.passkey_action.map(|_| PASSKEY_SCRIPT_PATH),
    )
}
