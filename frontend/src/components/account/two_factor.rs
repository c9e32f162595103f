//! The account page's two-factor part: setting up an authenticator app (a QR code the server
//! draws, and the secret as text) confirmed by a first code, the ten recovery codes shown once,
//! new ones, and turning the app off with a current code.

use std::future::Future;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::api::{RecoveryCodes, TotpCodeRequest, TotpSetup, TwoFactorStatus};
use shared::two_factor::TotpCode;

use super::code_field::{Code, CodeField};
use crate::api::{self, ApiFailure};
use crate::components::ui::copy_button::CopyButton;
use crate::components::ui::loaded::loaded;
use crate::components::ui::submit::{FormEnd, FormFailure};
use crate::session::use_session;
use crate::submission::Submission;

fn six_digits(text: &str) -> Result<(), shared::two_factor::CodeError> {
    TotpCode::try_from(text.to_owned()).map(|_| ())
}

#[component]
pub fn TwoFactor() -> impl IntoView {
    let status = LocalResource::new(api::two_factor_status);
    // Codes just issued, shown once above whatever the status says.
    let shown_codes = RwSignal::new(None::<RecoveryCodes>);
    let changed = Callback::new(move |codes: Option<RecoveryCodes>| {
        shown_codes.set(codes);
        status.refetch();
    });
    view! {
        <div data-testid="two-factor">
            {move || shown_codes.get().map(|codes| view! { <RecoveryCodesShown codes /> })}
            {loaded(status, "your second factors", move |current| view! { <Status current changed /> })}
        </div>
    }
}

#[component]
fn Status(current: TwoFactorStatus, changed: Callback<Option<RecoveryCodes>>) -> impl IntoView {
    let required = current.required.then(|| {
        view! {
            <p class="notice" data-testid="two-factor-required">
                "This server requires a second factor for every developer."
            </p>
        }
    });
    let body = if current.totp {
        view! { <TotpOn left=current.recovery_codes_left changed /> }.into_any()
    } else {
        view! { <TotpSetUp changed /> }.into_any()
    };
    view! { {required} {body} }
}

/// The submit handler of a form with one authenticator code: `request` sends it once it is
/// six digits.
fn send_code<T, Fut>(
    code: Code,
    submission: Submission<T>,
    request: impl Fn(TotpCodeRequest) -> Fut + Copy + 'static,
) -> impl Fn(SubmitEvent) + Copy + 'static
where
    T: Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiFailure>> + 'static,
{
    move |ev: SubmitEvent| {
        ev.prevent_default();
        if let Some(code) = code.submit(|text| TotpCode::try_from(text.to_owned())) {
            submission.send(request(TotpCodeRequest { code }));
        }
    }
}

#[component]
fn TotpOn(left: u32, changed: Callback<Option<RecoveryCodes>>) -> impl IntoView {
    let renew = Submission::new();
    renew.on_success(move |codes| {
        changed.run(Some(codes));
    });
    let code = Code::new();
    let off = Submission::new();
    off.on_answer(code.server_errors, move |()| {
        changed.run(None);
    });
    let turn_off = send_code(code, off, |request| async move {
        api::turn_off_totp(&request).await
    });
    view! {
        <p data-testid="totp-on">
            {format!("An authenticator app is on. Recovery codes left: {left}.")}
        </p>
        <button type="button" data-testid="new-recovery-codes" disabled=renew.pending
            on:click=move |_| renew.send(api::new_recovery_codes())>
            "New recovery codes"
        </button>
        <FormFailure failure=renew.failed() />
        <form on:submit=turn_off novalidate=true data-testid="totp-off-form">
            <CodeField code key="off_code" label="A current code, to turn the app off" rule=six_digits />
            <FormFailure failure=off.failed() fields_apart=true />
            <button type="submit" data-testid="totp-off-submit" disabled=off.pending>"Turn off"</button>
        </form>
    }
}

#[component]
fn TotpSetUp(changed: Callback<Option<RecoveryCodes>>) -> impl IntoView {
    let session = use_session();
    let begin = Submission::<TotpSetup>::new();
    let code = Code::new();
    let confirm = Submission::new();
    confirm.on_answer(code.server_errors, move |codes| {
        // A setup-only session is an ordinary one now.
        session.second_factor_set_up();
        changed.run(Some(codes));
    });
    let submit = send_code(code, confirm, |request| async move {
        api::confirm_totp(&request).await
    });
    let setup = move || {
        begin.answer.get().and_then(Result::ok).map(|setup| {
            view! {
                <ol class="steps">
                    <li>
                        "Scan this QR code with your authenticator app:"
                        <img class="qr" src=setup.qr_image alt="QR code of the authenticator app's secret" width="220" height="220" data-testid="totp-qr" />
                    </li>
                    <li>
                        "Or type this secret into it: "
                        <code class="credential" data-testid="totp-secret">{setup.secret}</code>
                    </li>
                    <li>"Then enter the code it shows."</li>
                </ol>
                <form on:submit=submit novalidate=true data-testid="totp-confirm-form">
                    <CodeField code key="totp_code" label="Code from the app" rule=six_digits />
                    <FormEnd failure=confirm.failed() pending=confirm.pending testid="totp-confirm" labels=("Turn on", "Checking…") />
                </form>
            }
        })
    };
    view! {
        <p>"A code from an authenticator app on your phone, asked for after your password, keeps your account safe if your password is stolen."</p>
        <button type="button" data-testid="totp-begin" disabled=begin.pending
            on:click=move |_| begin.send(api::begin_totp())>
            "Set up an authenticator app"
        </button>
        <FormFailure failure=begin.failed() />
        {setup}
    }
}

/// Ten recovery codes, shown once, with a button that copies them all.
#[component]
fn RecoveryCodesShown(codes: RecoveryCodes) -> impl IntoView {
    let all = codes.codes.join("\n");
    view! {
        <div class="secret-box" data-testid="recovery-codes">
            <p class="warning" role="alert">
                <strong>"Copy your recovery codes now. "</strong>
                "Each works once, instead of a code from your app, if you lose your phone. They are not shown again."
            </p>
            <ul class="recovery-codes">
                {codes.codes.into_iter().map(|code| view! { <li><code data-testid="recovery-code">{code}</code></li> }).collect_view()}
            </ul>
            <CopyButton text=all what="recovery codes" testid="copy-recovery-codes" />
        </div>
    }
}
