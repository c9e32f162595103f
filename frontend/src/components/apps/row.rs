//! One app in the list: icon, name, client type, the team that owns it, redirect URL count,
//! scopes, created date, and (in the administrators' list of every app) the owner.

use leptos::prelude::*;
use shared::api::AppSummary;

use crate::components::apps::icon::AppIcon;
use crate::dom::date;

/// The element id of the link to the app `client_id`, which "Load more" focuses.
pub fn link_id(client_id: &str) -> String {
    format!("app-link-{client_id}")
}

#[component]
pub fn AppRow(app: AppSummary, show_owner: bool) -> impl IntoView {
    let href = format!("/apps/{}", app.client_id);
    let uris = match app.redirect_uri_count {
        1 => "1 redirect URL".to_owned(),
        n => format!("{n} redirect URLs"),
    };
    let scopes = app.scopes.to_canonical_string();
    view! {
        <li class="app-row" data-testid="app-row">
            <AppIcon icon_url=app.icon_url.clone() name=app.name.clone() size=32 />
            <div class="app-row-main">
                <a href=href id=link_id(&app.client_id) class="app-name" data-testid="app-link">{app.name.clone()}</a>
                <span class="badge">{app.client_type.title()}</span>
                {app.disabled.then_some(view! { <span class="badge warn">"Disabled"</span> })}
                {app.team.as_ref().map(|slug| view! { <span class="badge" data-testid="app-team">{format!("Team {slug}")}</span> })}
                <div class="app-row-meta">
                    <span data-testid="app-redirect-count">{uris}</span>
                    <span>"Created "<time>{date(app.created_at)}</time></span>
                    {show_owner.then(|| view! { <span data-testid="app-owner">"Owner: "{app.owner_email.clone()}</span> })}
                </div>
                <div class="app-row-scopes"><span class="visually-hidden">"Scopes: "</span><code>{scopes}</code></div>
            </div>
        </li>
    }
}
