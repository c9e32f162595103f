//! An app's client secrets: the list with each secret's use and status, generating a new one
//! and revoking old ones. Rotating without downtime is: generate, deploy the new secret,
//! wait until the old one shows "Safe to revoke", revoke it.

mod new_secret;
pub mod one_time;
mod row;

use leptos::prelude::*;
use shared::api::{SecretMetadata, SecretStatus};

use crate::api;
use crate::components::ui::loaded::{loaded, reloaded_for};
use crate::components::ui::page_card::SectionCard;
use new_secret::NewSecret;
use row::SecretRow;

/// Whether clients can still authenticate with a secret in this state.
fn usable(status: SecretStatus) -> bool {
    matches!(
        status,
        SecretStatus::Active | SecretStatus::SafeToRevoke | SecretStatus::NeverUsed
    )
}

/// The element id of the message saying what the last action did.
pub const NOTICE_ID: &str = "secrets-notice";

/// `changes` is bumped after every change this section makes, which reloads the list here
/// and the audit log elsewhere on the page. `read_only` (a team's viewer) leaves out the
/// buttons.
#[component]
pub fn SecretList(
    client_id: String,
    changes: RwSignal<u32>,
    #[prop(optional)] read_only: bool,
) -> impl IntoView {
    let notice = RwSignal::new(None::<String>);
    let on_change = Callback::new(move |message: String| {
        notice.set(Some(message));
        changes.update(|n| *n += 1);
    });
    let secrets = reloaded_for(changes, client_id.clone(), |client_id| async move {
        api::secrets(&client_id).await
    });
    let rows = {
        let client_id = client_id.clone();
        loaded(secrets, "the secrets", move |list| {
            rows(list, client_id.clone(), read_only, on_change)
        })
    };
    view! {
        <SectionCard id="secrets-heading" heading="Client secrets">
            <p class="hint">
                "An app may have up to five active secrets, so you can rotate without downtime: "
                "generate a new secret, deploy it, then revoke the old one."
            </p>
            {(!read_only).then(|| view! { <NewSecret client_id on_change /> })}
            <p class="notice" id=NOTICE_ID tabindex="-1" role="status" data-testid="secrets-notice">{move || notice.get()}</p>
            {rows}
            <p class="hint" data-testid="status-hint">
                <strong>"Safe to revoke"</strong>
                ": the newest secret has been used since this one was last used, so nothing seems to depend on it any more. "
                <strong>"Never used"</strong>
                ": no client has authenticated with it yet."
            </p>
        </SectionCard>
    }
}

fn rows(
    list: Vec<SecretMetadata>,
    client_id: String,
    read_only: bool,
    on_change: Callback<String>,
) -> impl IntoView {
    if list.is_empty() {
        return view! {
            <p class="empty-state" data-testid="no-secrets">
                "This app has no secrets, so it cannot authenticate. Generate one to continue."
            </p>
        }
        .into_any();
    }
    let usable_count = list.iter().filter(|secret| usable(secret.status)).count();
    view! {
        <ul class="app-list" data-testid="secret-list">
            {list
                .into_iter()
                .map(|secret| {
                    let last_usable = usable_count == 1 && usable(secret.status);
                    view! { <SecretRow secret client_id=client_id.clone() last_usable read_only on_change /> }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
