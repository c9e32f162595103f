//! The authorization pages' second step (`oauth/second_factor.rs`): after a correct password,
//! a code from the authenticator app or a recovery code, in one field, without script; and for
//! an account with a passkey, the passkey form `passkey.js` fills (the sign-in page's).

use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use shared::two_factor::SecondFactorMethod;

use super::layout::{page_with_script, PASSKEY_SCRIPT_PATH};

pub struct CodeForm<'a> {
    /// The pending sign-in (`accounts::two_factor::pending`), secret like a CSRF token.
    pub pending: &'a str,
    /// Where to go once signed in: the authorization request or the device page.
    pub location: &'a str,
    pub error: Option<&'a str>,
    /// As the sign-in page's: the app's origin, which the redirects after this form may reach.
    pub form_target: String,
    /// The account's second factors: which forms to show.
    pub methods: &'a [SecondFactorMethod],
}

/// Where the code form posts.
pub const SECOND_FACTOR: &str = "/oauth/second-factor";

/// Where the passkey script asks for a challenge (the console API's passkey sign-in step).
const PASSKEY_OPTIONS: &str = "/api/v1/session/passkey/options";

pub fn code_page(status: StatusCode, form: &CodeForm<'_>) -> Response {
    let codes = form.methods.iter().any(|method| {
        matches!(
            method,
            SecondFactorMethod::Totp | SecondFactorMethod::RecoveryCode
        )
    });
    let passkey = form.methods.contains(&SecondFactorMethod::Passkey);
    page_with_script(
        status,
        "Two-factor sign-in",
        html! {
            @if codes {
                h1 { "Enter a code" }
                p { "Your account is protected by a second factor. Enter the 6-digit code your authenticator app shows, or one of your recovery codes." }
            } @else {
                h1 { "Use your passkey" }
                p { "Your account is protected by a passkey. Use it to finish signing in." }
            }
            @if let Some(error) = form.error {
                p class="error" role="alert" data-testid="code-error" { (error) }
            }
            @if codes {
                form method="post" action=(SECOND_FACTOR) {
                    input type="hidden" name="pending" value=(form.pending);
                    input type="hidden" name="continue" value=(form.location);
                    label for="code" { "Code" }
                    input id="code" type="text" name="code" inputmode="text" autocomplete="one-time-code" maxlength="64" required autofocus;
                    button type="submit" class="primary" { "Continue" }
                }
            }
            @if passkey {
                // Shown by the script where the browser can use passkeys.
                form id="passkey-form" method="post" action=(SECOND_FACTOR) data-options=(PASSKEY_OPTIONS) hidden {
                    input type="hidden" name="pending" value=(form.pending);
                    input type="hidden" name="continue" value=(form.location);
                    input type="hidden" name="challenge_id" value="";
                    input type="hidden" name="credential" value="";
                    button id="passkey-sign-in" type="button" class=[(!codes).then_some("primary")] data-testid="passkey-second-factor" { "Use a passkey" }
                    p id="passkey-error" class="error" role="alert" data-testid="passkey-error" hidden {}
                }
            }
        },
        std::slice::from_ref(&form.form_target),
        passkey.then_some(PASSKEY_SCRIPT_PATH),
    )
}
