//! One connected app: icon, name, website, what it may do (the consent screen's words from
//! the shared scope catalogue), when access was granted and last used, and revoking it.

use leptos::prelude::*;
use shared::api::{describe_scope, scope_title, Connection};

use crate::api;
use crate::components::apps::icon::AppIcon;
use crate::components::ui::confirmed_action::ConfirmedAction;
use crate::dom::{date, date_time};
use crate::submission::Submission;

#[component]
pub fn ConnectionRow(
    connection: Connection,
    /// Told what changed once the app's access is revoked.
    on_revoked: Callback<String>,
) -> impl IntoView {
    let Connection {
        client_id,
        app_name,
        icon_url,
        website,
        scopes,
        apis,
        granted_at,
        last_used_at,
    } = connection;
    let revoke = Submission::new();
    revoke.announces(
        on_revoked,
        format!("{app_name} can no longer use your account."),
    );
    // Grouped by API, each named, in the consent screen's words.
    let abilities: Vec<_> = apis
        .iter()
        .flat_map(|api| {
            let granted: Vec<_> = scopes
                .resources()
                .filter(|(resource, _)| api.resources.contains(resource))
                .map(|(resource, access)| {
                    let words = describe_scope(&api.name, resource, access);
                    view! { <li><strong>{scope_title(resource)}": "</strong>{words}</li> }
                        .into_any()
                })
                .collect();
            std::iter::once(
                view! { <li class="api-name" data-testid="connection-api">{api.name.clone()}</li> }
                    .into_any(),
            )
            .chain(granted)
        })
        .chain(scopes.identities().map(|scope| {
            view! { <li><strong>{scope.title()}": "</strong>{scope.description()}</li> }.into_any()
        }))
        .collect();
    let confirm_id = format!("revoke-{client_id}");
    let send = revoke.sender(client_id, |client_id| async move {
        api::revoke_connection(&client_id).await
    });
    let question = format!(
        "Revoke access for {app_name}? It loses every token it holds for your account at once, and must ask you again to use it."
    );
    let last_used = last_used_at.map_or_else(
        || "Not used yet".to_owned(),
        |at| format!("Last used {}", date_time(at)),
    );
    view! {
        <li class="app-row connection-row" data-testid="connection-row">
            <AppIcon icon_url name=app_name.clone() size=32 />
            <div class="app-row-main">
                <span class="app-name" data-testid="connection-name">{app_name.clone()}</span>
                <div class="app-row-meta">
                    <a href=website.clone() rel="noopener noreferrer">{website.clone()}</a>
                    <span>"Allowed "{date(granted_at)}</span>
                    <span>{last_used}</span>
                </div>
                <p class="scope-intro">"It may:"</p>
                <ul class="scope-list" data-testid="connection-scopes">{abilities}</ul>
            </div>
            <ConfirmedAction id=confirm_id opener="Revoke…" opener_label=format!("Revoke access for {app_name}")
                opener_testid="revoke-connection" testid="revoke-access" labels=("Revoke access", "Revoking…")
                submission=revoke on_confirm=send>
                <p>{question.clone()}</p>
            </ConfirmedAction>
        </li>
    }
}
