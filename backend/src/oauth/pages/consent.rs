use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use shared::scope::{Access, IdentityScope, Resource, ScopeSet};

use super::layout::page;
use crate::apps::records;
use crate::store::apps::AppRow;

pub struct ConsentForm<'a> {
    pub app: &'a AppRow,
    pub scopes: &'a ScopeSet,
    pub user_email: &'a str,
    pub raw_query: &'a str,
    pub csrf_token: &'a str,
    /// The origin (or scheme) the decision redirects to, allowed as a form target.
    pub redirect_target: String,
}

pub fn consent_page(form: &ConsentForm<'_>) -> Response {
    let app = form.app;
    page(
        StatusCode::OK,
        "Authorize app",
        html! {
            div class="app-identity" {
                (icon(app))
                div {
                    h1 data-testid="consent-app-name" { (app.name) }
                    p { a href=(app.website) rel="noopener noreferrer" { (app.website) } }
                }
            }
            p { strong { (app.name) } " wants to access your Clientele account " strong { (form.user_email) } "." }
            h2 { "It will be able to:" }
            ul class="scopes" data-testid="consent-scopes" { (scope_items(form.scopes)) }
            p class="hint" {
                "Read the app's " a href=(app.privacy_policy_url) rel="noopener noreferrer" { "privacy policy" }
                " and " a href=(app.terms_url) rel="noopener noreferrer" { "terms of service" } ". "
                "You can revoke access at any time under Connected apps."
            }
            form method="post" action="/oauth/authorize" class="decision" {
                input type="hidden" name="request" value=(form.raw_query);
                input type="hidden" name="csrf_token" value=(form.csrf_token);
                button type="submit" name="decision" value="deny" { "Deny" }
                button type="submit" name="decision" value="allow" class="primary" { "Allow" }
            }
        },
        &[form.redirect_target.clone()],
    )
}

fn icon(app: &AppRow) -> Markup {
    match records::icon_url(app) {
        Some(url) => {
            html! { img class="app-icon" src=(format!("{url}&size=64")) alt="" width="64" height="64"; }
        }
        None => {
            let initial: String = app
                .name
                .chars()
                .next()
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default();
            html! { span class="app-icon placeholder" aria-hidden="true" { (initial) } }
        }
    }
}

/// The scopes in words, from the shared catalogue the console also uses.
fn scope_items(scopes: &ScopeSet) -> Markup {
    html! {
        @for resource in Resource::ALL {
            @if let Some(access) = scopes.access(resource) {
                li {
                    strong { (resource.title()) }
                    " — "
                    (match access { Access::Read => resource.read_description(), Access::ReadWrite => resource.write_description() })
                }
            }
        }
        @for identity in IdentityScope::ALL {
            @if scopes.has_identity(identity) {
                li { strong { (identity.title()) } " — " (identity.description()) }
            }
        }
    }
}
