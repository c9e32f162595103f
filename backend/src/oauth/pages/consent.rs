use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use shared::api::{describe_scope, scope_title};
use shared::scope::{Access, IdentityScope, ScopeSet};
use shared::url_text::display_host_of;

use super::layout::page;
use crate::apis::Catalogue;
use crate::apps::views;
use crate::oauth::switch_account::SWITCH_ACCOUNT;
use crate::store::apps::AppRow;
use crate::store::binding::Binding;

pub struct ConsentForm<'a> {
    pub app: &'a AppRow,
    pub scopes: &'a ScopeSet,
    /// The APIs the request named with `resource` (RFC 8707), empty when none.
    pub resources: &'a Binding,
    pub catalogue: &'a Catalogue,
    pub user_email: &'a str,
    pub csrf_token: &'a str,
    pub flow: Flow<'a>,
}

/// Which flow asks: where the decision is posted, and where the person goes afterwards.
pub enum Flow<'a> {
    /// An authorization request (RFC 6749 section 4.1): the decision goes back to the app.
    Authorize {
        raw_query: &'a str,
        /// The redirect URI the decision goes back to.
        redirect_uri: &'a str,
        /// The origin (or scheme) the decision redirects to, allowed as a form target.
        redirect_target: String,
    },
    /// A device's request (RFC 8628 section 3.3): the person stays here; the device polls.
    Device { user_code: &'a str },
}

pub fn consent_page(form: &ConsentForm<'_>) -> Response {
    let app = form.app;
    // Hosts as browsers show them: look-alikes (`аррӏе.com`) in their `xn--` form.
    let website_host = display_host_of(&app.website).filter(|host| !host.is_empty());
    // The link in its parsed form too (hosts in ASCII), so nothing on the page spells the
    // look-alike.
    let website_href =
        url::Url::parse(&app.website).map_or_else(|_| app.website.clone(), String::from);
    // A client known only by its metadata document's URL (`client_documents`).
    let document_host = crate::client_documents::names_a_document(&app.client_id)
        .then(|| crate::client_documents::shown_name(app));
    let (return_host, form_targets) = match &form.flow {
        Flow::Authorize {
            redirect_uri,
            redirect_target,
            ..
        } => (
            display_host_of(redirect_uri).filter(|host| !host.is_empty()),
            vec![redirect_target.clone()],
        ),
        Flow::Device { .. } => (None, Vec::new()),
    };
    page(
        StatusCode::OK,
        "Authorize app",
        html! {
            div class="app-identity" {
                (icon(app))
                div {
                    @if let Some(host) = &document_host {
                        // Only the host is known: the document was fetched from it. The name
                        // is whatever the document says, so it is marked as such.
                        h1 class="host" data-testid="consent-document-host" { (host) }
                        p data-testid="consent-app-name" {
                            "Calls itself “" (app.name) "” " span class="hint" { "(a name the app claims, not checked)" }
                        }
                    } @else {
                        h1 data-testid="consent-app-name" { (app.name) }
                        p data-testid="consent-website" {
                            a href=(website_href) rel="noopener noreferrer" class="host" { (website_host.as_deref().unwrap_or(&app.website)) }
                        }
                    }
                }
            }
            @if let Some(host) = &document_host {
                p class="notice" data-testid="consent-not-registered" {
                    strong { "Not registered here." } " This app was never registered with this server: it describes itself in a document on "
                    strong class="host" { (host) } ". Allow it only if you trust " strong class="host" { (host) } "."
                }
            }
            p data-testid="consent-account" {
                strong { (document_host.as_deref().unwrap_or(&app.name)) } " wants to access your Clientele account " strong { (form.user_email) } ". "
            }
            @if let Some(host) = &return_host {
                p class="hint" data-testid="consent-return" {
                    "Whatever you choose, you go back to " strong class="host" { (host) } "."
                }
            }
            @if let Flow::Authorize { raw_query, .. } = &form.flow {
                form method="post" action=(SWITCH_ACCOUNT) class="inline" {
                    input type="hidden" name="request" value=(raw_query);
                    input type="hidden" name="csrf_token" value=(form.csrf_token);
                    button type="submit" class="link" data-testid="not-you" { "Not you? Use another account" }
                }
            }
            @if let Flow::Device { user_code } = &form.flow {
                p data-testid="consent-device" {
                    "Allow only if your device shows the code " strong class="user-code" { (user_code) } "."
                }
            }
            p data-testid="consent-apis" {
                "It will reach " (api_names(form)) "."
            }
            h2 { "It will be able to:" }
            div class="scopes" data-testid="consent-scopes" { (scope_groups(form.catalogue, form.scopes)) }
            p class="hint" {
                "Read the app's " a href=(app.privacy_policy_url) rel="noopener noreferrer" { "privacy policy" }
                " and " a href=(app.terms_url) rel="noopener noreferrer" { "terms of service" } ". "
                "You can revoke access at any time under "
                a href="/connections" data-testid="connected-apps-link" { "Connected apps" } "."
            }
            form method="post" action=(decision_action(&form.flow)) class="decision" {
                @match &form.flow {
                    Flow::Authorize { raw_query, .. } => input type="hidden" name="request" value=(raw_query);,
                    Flow::Device { user_code } => input type="hidden" name="user_code" value=(user_code);,
                }
                input type="hidden" name="csrf_token" value=(form.csrf_token);
                button type="submit" name="decision" value="deny" { "Deny" }
                button type="submit" name="decision" value="allow" class="primary" { "Allow" }
            }
        },
        &form_targets,
    )
}

fn decision_action(flow: &Flow<'_>) -> &'static str {
    match flow {
        Flow::Authorize { .. } => shared::endpoints::AUTHORIZATION,
        Flow::Device { .. } => shared::endpoints::DEVICE_VERIFICATION,
    }
}

fn icon(app: &AppRow) -> Markup {
    match views::icon_url(app) {
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

/// The APIs the app will reach: those it named with `resource`, else those its scopes are of
/// (the built-in API for identity scopes alone), by name and host.
fn api_names(form: &ConsentForm<'_>) -> Markup {
    let catalogue = form.catalogue;
    let mut apis: Vec<_> = form
        .resources
        .ids()
        .filter_map(|id| catalogue.by_id(id))
        .collect();
    if apis.is_empty() {
        apis = catalogue.apis_of(form.scopes);
    }
    if apis.is_empty() {
        apis.push(catalogue.built_in());
    }
    html! {
        @for (index, api) in apis.iter().enumerate() {
            @if index > 0 { ", " }
            strong { (api.name) }
            " (" span class="host" { (display_host_of(api.identifier.as_str()).unwrap_or_default()) } ")"
        }
    }
}

/// The scopes in words, grouped by API, with the wording the console also uses (`shared::api`).
fn scope_groups(catalogue: &Catalogue, scopes: &ScopeSet) -> Markup {
    let has_identity = IdentityScope::ALL
        .iter()
        .any(|identity| scopes.has_identity(*identity));
    html! {
        @for api in catalogue.apis_of(scopes) {
            h3 class="api-name" data-testid="consent-api" { (api.name) }
            ul {
                @for (resource, access) in scopes.resources().filter(|(resource, _)| api.resources.contains(resource)) {
                    li {
                        strong { (scope_title(resource)) }
                        // Write implies read (the shared `Access`): say so, so nobody expects a
                        // write-only grant.
                        (match access { Access::Read => " (read only)", Access::ReadWrite => " (read and write, which includes read)" })
                        " — "
                        (describe_scope(&api.name, resource, access))
                    }
                }
            }
        }
        @if has_identity {
            h3 class="api-name" { "Your identity" }
            ul {
                @for identity in IdentityScope::ALL {
                    @if scopes.has_identity(identity) {
                        li { strong { (identity.title()) } " — " (identity.description()) }
                    }
                }
            }
        }
    }
}
