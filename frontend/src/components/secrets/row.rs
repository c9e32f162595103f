//! One secret in the list: its prefix, label, dates, last use and status, and revoking it
//! after a confirmation that warns when it is the app's last usable secret.

use leptos::prelude::*;
use shared::api::{SecretMetadata, SecretStatus};

use crate::api;
use crate::components::secrets::NOTICE_ID;
use crate::components::ui::confirmed_action::ConfirmedAction;
use crate::dom::{date_time, focus_soon};
use crate::submission::Submission;

fn badge_class(status: SecretStatus) -> &'static str {
    match status {
        SecretStatus::Active => "badge ok",
        SecretStatus::SafeToRevoke => "badge warn",
        SecretStatus::Expired => "badge danger",
        SecretStatus::NeverUsed | SecretStatus::Revoked => "badge",
    }
}

fn last_use(secret: &SecretMetadata) -> String {
    let Some(at) = secret.last_used_at else {
        return "Never used".to_owned();
    };
    let from = secret
        .last_used_ip
        .as_ref()
        .map(|ip| format!(" from {ip}"))
        .unwrap_or_default();
    let uses = if secret.use_count == 1 { "use" } else { "uses" };
    format!(
        "Last used {}{from} ({} {uses})",
        date_time(at),
        secret.use_count
    )
}

#[component]
pub fn SecretRow(
    secret: SecretMetadata,
    client_id: String,
    /// Revoking it would leave the app unable to authenticate.
    last_usable: bool,
    /// A team's viewer: no revoke button.
    read_only: bool,
    on_change: Callback<String>,
) -> impl IntoView {
    let shown_prefix = format!("{}…", secret.prefix);
    let revoke = Submission::new();
    revoke.on_success({
        let shown_prefix = shown_prefix.clone();
        move |_| {
            on_change.run(format!("Revoked secret {shown_prefix}"));
            // The list is about to be rebuilt without this row's buttons; the message
            // saying what happened is the place to continue from.
            focus_soon(NOTICE_ID.to_owned());
        }
    });
    let confirm_id = format!("revoke-{}", secret.id);
    let send = {
        let secret_id = secret.id.clone();
        move |()| {
            let (client_id, secret_id) = (client_id.clone(), secret_id.clone());
            revoke.send(async move { api::revoke_secret(&client_id, &secret_id).await });
        }
    };
    let expiry = match (secret.expires_at, secret.status) {
        (None, _) => "Never expires".to_owned(),
        (Some(at), SecretStatus::Expired) => format!("Expired {}", date_time(at)),
        (Some(at), _) => format!("Expires {}", date_time(at)),
    };
    let revocable = secret.revoked_at.is_none() && !read_only;
    let question = format!(
        "Revoke {shown_prefix}? Clients still using it fail to authenticate at once. This cannot be undone."
    );
    view! {
        <li class="app-row" data-testid="secret-row">
            <div class="app-row-main">
                <code class="credential" data-testid="secret-prefix">{shown_prefix.clone()}</code>" "
                <span class="app-name" data-testid="secret-label">{secret.label.clone().unwrap_or_else(|| "No label".to_owned())}</span>
                <span class=badge_class(secret.status) data-testid="secret-status">{secret.status.title()}</span>
                <div class="app-row-meta">
                    <span>"Created "{date_time(secret.created_at)}</span>
                    <span>{expiry}</span>
                    <span data-testid="secret-last-use">{last_use(&secret)}</span>
                    {secret.revoked_at.map(|at| view! { <span>"Revoked "{date_time(at)}</span> })}
                </div>
            </div>
            {revocable.then(|| view! {
                <ConfirmedAction id=confirm_id opener="Revoke…" opener_label=format!("Revoke secret {shown_prefix}")
                    opener_testid="revoke-secret" testid="revoke" labels=("Revoke secret", "Revoking…")
                    submission=revoke on_confirm=send>
                    <p>{question.clone()}</p>
                    {last_usable.then_some(view! {
                        <p class="warning" data-testid="last-secret-warning">
                            "This is the app's last active secret: once it is revoked, the app will no longer be "
                            "able to authenticate until you generate a new secret."
                        </p>
                    })}
                </ConfirmedAction>
            })}
        </li>
    }
}
