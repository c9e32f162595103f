//! Minting an initial access token: how many registrations it allows and for how many days,
//! checked by the shared rules as the administrator types and by the server (its messages under
//! the same fields); then the token, shown this once with a copy button.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::api::{MintTokenRequest, MintedToken, TokenDays, TokenUses};
use shared::field_errors::FieldErrors;

use crate::api;
use crate::components::ui::field::TextField;
use crate::components::ui::shown_once::ShownOnce;
use crate::components::ui::submit::{FormFailure, SubmitButton};
use crate::dom::{date, focus_soon};
use crate::submission::Submission;

const PANEL: &str = "minted-token";

/// The request, or each field's message from the shared rules.
fn parse(uses: &str, days: &str) -> Result<MintTokenRequest, FieldErrors> {
    let mut errors = FieldErrors::new();
    let number = |text: &str| text.trim().parse::<i64>().unwrap_or(0);
    let uses = TokenUses::try_from(number(uses))
        .map_err(|err| errors.insert("uses".into(), err.to_string()))
        .ok();
    let days = TokenDays::try_from(number(days))
        .map_err(|err| errors.insert("days".into(), err.to_string()))
        .ok();
    match (uses, days) {
        (Some(uses), Some(days)) => Ok(MintTokenRequest { uses, days }),
        _ => Err(errors),
    }
}

#[component]
pub fn MintToken(on_minted: Callback<()>) -> impl IntoView {
    let uses = RwSignal::new("1".to_owned());
    let days = RwSignal::new("7".to_owned());
    let mint = Submission::<MintedToken>::new();
    let shown = RwSignal::new(None::<MintedToken>);
    let local = Memo::new(move |_| parse(&uses.get(), &days.get()).err().unwrap_or_default());
    let error = move |key: &'static str| {
        Signal::derive(move || {
            local.with(|errors| errors.get(key).cloned()).or_else(|| {
                mint.failure()
                    .and_then(|failure| failure.fields().remove(key))
            })
        })
    };
    mint.on_success(move |minted| {
        shown.set(Some(minted));
        mint.answer.set(None);
        on_minted.run(());
        focus_soon(PANEL.to_owned());
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match parse(&uses.get_untracked(), &days.get_untracked()) {
            Ok(request) => mint.send(async move { api::mint_initial_access_token(&request).await }),
            Err(_) => focus_soon("field-uses".to_owned()),
        }
    };
    let edited = move |field: RwSignal<String>| {
        move |text: String| {
            field.set(text);
            mint.answer.set(None);
        }
    };
    move || {
        match shown.get() {
        Some(minted) => view! { <Minted minted on_done=move |()| shown.set(None) /> }.into_any(),
        None => view! {
            <form class="panel" novalidate=true data-testid="mint-form" on:submit=submit>
                <h2 class="subheading">"Mint an initial access token"</h2>
                <TextField key="uses" label="Registrations it allows" value=uses error=error("uses")
                    hint="From 1 to 1,000 clients." on_input=edited(uses) />
                <TextField key="days" label="Valid for (days)" value=days error=error("days")
                    hint="From 1 to 90 days." on_input=edited(days) />
                <FormFailure failure=mint.failed() fields_apart=true />
                <div class="buttons">
                    <SubmitButton testid="mint-submit" pending=mint.pending labels=("Mint token", "Minting…") />
                </div>
            </form>
        }
        .into_any(),
    }
    }
}

/// The token just minted: shown once; closing the panel drops it from the page.
#[component]
fn Minted(minted: MintedToken, #[prop(into)] on_done: Callback<()>) -> impl IntoView {
    let MintedToken {
        token,
        uses,
        expires_at,
        ..
    } = minted;
    view! {
        <div class="panel" id=PANEL tabindex="-1" data-testid=PANEL>
            <h2 class="subheading">"Your new initial access token"</h2>
            <ShownOnce what="token" label="Token" value=token testids=("minted-token-value", "copy-token")
                advice="It is shown only this once. Give it to whoever registers the clients: they send it as a bearer token to the registration endpoint.".to_owned()>
                <dt>"Registrations"</dt>
                <dd>{uses}</dd>
                <dt>"Expires"</dt>
                <dd>{date(expires_at)}</dd>
            </ShownOnce>
            <button type="button" class="primary" data-testid="close-minted-token"
                on:click=move |_| { on_done.run(()); focus_soon("field-uses".to_owned()); }>
                "Done: I have stored it"
            </button>
        </div>
    }
}
