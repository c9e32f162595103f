//! An app's credentials (`/apps/:client_id/secrets`): its client secrets, resetting its OAuth
//! values, and the audit log, which every action here adds to.

use leptos::prelude::*;
use shared::api::AppDetail;
use shared::app::ClientType;

use crate::components::apps::audit_log::AuditLog;
use crate::components::apps::icon::AppIcon;
use crate::components::apps::reset::ResetApp;
use crate::components::apps::route::use_route_app;
use crate::components::secrets::SecretList;
use crate::components::ui::page_heading::PageHeading;

/// Below `AppRoute`, which has loaded the app.
#[component]
pub fn AppSecretsPage() -> impl IntoView {
    view! { <Credentials detail=use_route_app() /> }
}

#[component]
fn Credentials(detail: AppDetail) -> impl IntoView {
    // Bumped after every action, so the secret list and the audit log load again.
    let changes = RwSignal::new(0u32);
    let confidential = detail.client_type == ClientType::Confidential;
    let client_id = detail.client_id.clone();
    // A team's viewer sees the secrets' metadata and the log, without the buttons.
    let read_only = !detail.may_change;
    let secrets = if confidential {
        view! { <SecretList client_id=client_id.clone() changes read_only /> }.into_any()
    } else {
        view! {
            <section class="card" aria-labelledby="secrets-heading">
                <h2 id="secrets-heading">"Client secrets"</h2>
                <p>"Public apps have no client secrets: they prove who they are with PKCE (S256) on every authorization."</p>
            </section>
        }
        .into_any()
    };
    let on_reset = Callback::new(move |_: String| changes.update(|n| *n += 1));
    view! {
        <section class="card">
            <div class="title-row">
                <div class="app-title">
                    <AppIcon icon_url=detail.icon_url.clone() name=detail.name.clone() size=64 />
                    <div>
                        <PageHeading text=detail.name.clone() title=format!("Secrets of {}", detail.name) testid="app-name" />
                        <p class="hint">"Client secrets and audit log"</p>
                    </div>
                </div>
                <a href=format!("/apps/{client_id}") data-testid="back-to-app">"Back to the app"</a>
            </div>
        </section>
        {secrets}
        {(!read_only).then(|| view! { <ResetApp client_id=client_id.clone() confidential on_change=on_reset /> })}
        <AuditLog client_id changes />
    }
}
