//! The second step of signing in, shown in place of the password form: a code from the
//! authenticator app or a recovery code (`shared::two_factor::SecondFactorProof::read`, the
//! rule the authorization pages apply too), or one of the account's passkeys.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::api::{SecondFactorChallenge, SecondFactorRequest, SessionInfo};
use shared::two_factor::{SecondFactorMethod, SecondFactorProof};

use super::code_field::{Code, CodeField};
use crate::api;
use crate::components::ui::submit::{FormFailure, SubmitButton};
use crate::submission::Submission;
use crate::webauthn;

fn rule(text: &str) -> Result<(), shared::two_factor::CodeError> {
    SecondFactorProof::read(text).map(|_| ())
}

#[component]
pub fn SecondFactorStep(
    challenge: SecondFactorChallenge,
    #[prop(into)] on_signed_in: Callback<SessionInfo>,
) -> impl IntoView {
    let code = Code::new();
    let prove = Submission::new();
    prove.on_answer(code.server_errors, move |info| {
        on_signed_in.run(info);
    });
    let codes = challenge.methods.iter().any(|method| {
        matches!(
            method,
            SecondFactorMethod::Totp | SecondFactorMethod::RecoveryCode
        )
    });
    let passkey = challenge.methods.contains(&SecondFactorMethod::Passkey) && webauthn::available();
    let pending = challenge.pending;
    let with_passkey = {
        let pending = pending.clone();
        move |_| {
            let pending = pending.clone();
            prove.send(async move { api::prove_second_factor_with_passkey(pending).await });
        }
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if let Some(proof) = code.submit(SecondFactorProof::read) {
            let request = SecondFactorRequest {
                pending: pending.clone(),
                proof,
            };
            prove.send(async move { api::prove_second_factor(&request).await });
        }
    };
    view! {
        <div data-testid="second-factor-step">
            <p>{if codes {
                "Your account is protected by a second factor. Enter the 6-digit code your authenticator app shows, or one of your recovery codes."
            } else {
                "Your account is protected by a passkey. Use it to finish signing in."
            }}</p>
            <FormFailure failure=prove.failed() fields_apart=true />
            {codes.then(|| view! {
                <form on:submit=submit novalidate=true data-testid="second-factor-form">
                    <CodeField code key="code" label="Code" rule />
                    <SubmitButton testid="second-factor-submit" pending=prove.pending labels=("Continue", "Checking…") />
                </form>
            })}
            {passkey.then(|| view! {
                <button type="button" class=(!codes).then_some("primary") data-testid="passkey-second-factor"
                    disabled=prove.pending on:click=with_passkey>
                    "Use a passkey"
                </button>
            })}
        </div>
    }
}
