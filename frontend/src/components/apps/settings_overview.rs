//! Every setting of a saved app, as a list of facts.

use leptos::prelude::*;
use shared::api::AppDetail;
use shared::scope::Access;

use crate::components::ui::copy_button::ClientIdFact;
use crate::dom::date_time;

#[component]
pub fn SettingsOverview(app: AppDetail) -> impl IntoView {
    let client_id = app.client_id.clone();
    let optional = |text: String| {
        if text.is_empty() {
            "None".to_owned()
        } else {
            text
        }
    };
    let list = |items: Vec<String>, testid: &'static str| {
        if items.is_empty() {
            view! { <span data-testid=testid>"None"</span> }.into_any()
        } else {
            view! {
                <ul class="plain" data-testid=testid>
                    {items.into_iter().map(|item| view! { <li><code>{item}</code></li> }).collect_view()}
                </ul>
            }
            .into_any()
        }
    };
    let resources: Vec<_> = app
        .scopes
        .resources()
        .map(|(resource, access)| {
            let level = if access == Access::ReadWrite {
                "read and write"
            } else {
                "read"
            };
            view! { <li>{format!("{}: {level}", shared::api::scope_title(resource))}</li> }
        })
        .collect();
    let identities: Vec<_> = app
        .scopes
        .identities()
        .map(|scope| view! { <li>{scope.title()}" ("<code>{scope.as_str()}</code>")"</li> })
        .collect();
    let grants = app
        .grant_types
        .iter()
        .map(|g| g.title())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <section class="card" aria-labelledby="settings-heading">
            <h2 id="settings-heading">"Settings"</h2>
            <dl class="facts">
                <ClientIdFact client_id />
                <dt>"Client type"</dt>
                <dd data-testid="detail-client-type">{app.client_type.title()}": "{app.client_type.description()}</dd>
                <dt>"Website"</dt>
                <dd data-testid="detail-website"><code>{app.website.clone()}</code></dd>
                <dt>"Description"</dt>
                <dd data-testid="detail-description" class="multiline">{optional(app.description.clone())}</dd>
                <dt>"Redirect URLs"</dt>
                <dd>{list(app.redirect_uris.clone(), "detail-redirect-uris")}</dd>
                <dt>"Allowed origins"</dt>
                <dd>{list(app.allowed_origins.clone(), "detail-allowed-origins")}</dd>
                <dt>"Access scopes"</dt>
                <dd data-testid="detail-scopes">
                    <ul class="plain">{resources}{identities}</ul>
                    <code>{app.scopes.to_canonical_string()}</code>
                </dd>
                <dt>"Grant types"</dt>
                <dd data-testid="detail-grants">{grants}</dd>
                <dt>"Access token format"</dt>
                <dd>{app.token_format.title()}</dd>
                <dt>"ID token signing algorithm"</dt>
                <dd><code>{app.id_token_alg.as_str()}</code></dd>
                <dt>"Privacy policy"</dt>
                <dd><code>{app.privacy_policy_url.clone()}</code></dd>
                <dt>"Terms of service"</dt>
                <dd><code>{app.terms_url.clone()}</code></dd>
                <dt>"Owner"</dt>
                <dd>{app.owner_email.clone()}</dd>
                <dt>"Created"</dt>
                <dd>{date_time(app.created_at)}</dd>
                <dt>"Last changed"</dt>
                <dd>{date_time(app.updated_at)}</dd>
            </dl>
        </section>
    }
}
