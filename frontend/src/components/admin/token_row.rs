//! One initial access token in the list: when it was minted and by whom, when it expires, how
//! many registrations it has left (never the token itself), and revoking it.

use leptos::prelude::*;
use shared::api::InitialAccessToken;

use crate::api;
use crate::components::ui::confirmed_action::ConfirmedAction;
use crate::dom::{date, date_time};
use crate::submission::Submission;

#[component]
pub fn TokenRow(token: InitialAccessToken, now: i64, on_revoked: Callback<()>) -> impl IntoView {
    let InitialAccessToken {
        id,
        created_at,
        expires_at,
        uses_left,
        created_by,
    } = token;
    let revoke = Submission::new();
    revoke.on_success(move |()| {
        on_revoked.run(());
    });
    let status = if expires_at <= now {
        "Expired".to_owned()
    } else if uses_left == 0 {
        "Used up".to_owned()
    } else {
        format!("{uses_left} registration(s) left")
    };
    let confirm_id = format!("revoke-{id}");
    let send = revoke.sender(id.clone(), |id| async move {
        api::revoke_initial_access_token(&id).await
    });
    view! {
        <li class="app-row" data-testid="token-row">
            <div class="app-row-main">
                <span class="app-name" data-testid="token-status">{status}</span>
                <div class="app-row-meta">
                    <span>"Minted "{date_time(created_at)}" by "{created_by.unwrap_or_else(|| "a deleted account".to_owned())}</span>
                    <span>"Expires "{date(expires_at)}</span>
                    <code>{id.clone()}</code>
                </div>
            </div>
            <ConfirmedAction id=confirm_id opener="Revoke…" opener_testid="revoke-token" testid="revoke-token"
                labels=("Revoke token", "Revoking…") submission=revoke on_confirm=send>
                <p>"Revoke this token? No client can register with it any more. Clients that already registered with it stay."</p>
            </ConfirmedAction>
        </li>
    }
}
