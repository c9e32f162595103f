//! What a developer pastes into a client library: the discovery URL, the endpoints, and a
//! token request to try with curl. Endpoint paths come from `shared::endpoints`, the list
//! the server routes from.

use leptos::prelude::*;
use shared::api::AppDetail;
use shared::app::{ClientType, GrantType};
use shared::endpoints;
use shared::scope::IdentityScope;

use crate::components::copy_button::CopyButton;

#[component]
pub fn Integration(app: AppDetail, issuer: String) -> impl IntoView {
    let discovery = endpoints::url(&issuer, endpoints::OPENID_CONFIGURATION);
    let rows = [
        ("Issuer", issuer.clone()),
        (
            "OAuth metadata (RFC 8414)",
            endpoints::url(&issuer, endpoints::OAUTH_METADATA),
        ),
        (
            "Authorization endpoint",
            endpoints::url(&issuer, endpoints::AUTHORIZATION),
        ),
        ("Token endpoint", endpoints::url(&issuer, endpoints::TOKEN)),
        (
            "Revocation endpoint",
            endpoints::url(&issuer, endpoints::REVOCATION),
        ),
        (
            "Introspection endpoint",
            endpoints::url(&issuer, endpoints::INTROSPECTION),
        ),
        (
            "UserInfo endpoint",
            endpoints::url(&issuer, endpoints::USERINFO),
        ),
        ("JSON Web Key Set", endpoints::url(&issuer, endpoints::JWKS)),
    ];
    let auth_methods = app.client_type.auth_methods().join(", ");
    view! {
        <section class="card" aria-labelledby="integration-heading">
            <h2 id="integration-heading">"Connect a client library"</h2>
            <dl class="facts">
                <dt>"Discovery URL"</dt>
                <dd>
                    <code data-testid="discovery-url">{discovery.clone()}</code>
                    <CopyButton text=discovery what="discovery URL" />
                </dd>
                {rows.into_iter().map(|(label, url)| view! { <dt>{label}</dt><dd><code>{url}</code></dd> }).collect_view()}
                <dt>"Token endpoint authentication"</dt>
                <dd><code>{auth_methods}</code></dd>
            </dl>
            <h3 class="subheading">"Try a token request"</h3>
            <TokenExample app issuer />
        </section>
    }
}

/// A confidential app: client credentials with HTTP Basic authentication. A public app has
/// no secret, so it gets the authorization code + PKCE steps instead.
#[component]
fn TokenExample(app: AppDetail, issuer: String) -> impl IntoView {
    let token = endpoints::url(&issuer, endpoints::TOKEN);
    match app.client_type {
        ClientType::Confidential => {
            // Identity scopes mean nothing without a person signing in; leave them out.
            let mut scopes = app.scopes.clone();
            for scope in IdentityScope::ALL {
                scopes.set_identity(scope, false);
            }
            let scope_line = if scopes.is_empty() {
                String::new()
            } else {
                format!(" \\\n  -d scope='{scopes}'")
            };
            let command = format!(
                "curl -X POST '{token}' \\\n  -u '{}:YOUR_CLIENT_SECRET' \\\n  -d grant_type=client_credentials{scope_line}",
                app.client_id
            );
            let enabled = app.grant_types.contains(&GrantType::ClientCredentials);
            view! {
                <p>"Replace YOUR_CLIENT_SECRET with the app's secret (client_secret_basic):"</p>
                <pre data-testid="curl-example"><code>{command.clone()}</code></pre>
                <CopyButton text=command what="curl command" />
                {(!enabled).then_some(view! {
                    <p class="hint">"This app does not have the client credentials grant yet; tick it on the edit page to use this request."</p>
                })}
            }
            .into_any()
        }
        ClientType::Public => {
            let authorize = endpoints::url(&issuer, endpoints::AUTHORIZATION);
            let command = format!(
                "curl -X POST '{token}' \\\n  -d grant_type=authorization_code \\\n  -d client_id='{}' \\\n  -d code=CODE_FROM_THE_REDIRECT \\\n  -d redirect_uri='{}' \\\n  -d code_verifier=YOUR_CODE_VERIFIER",
                app.client_id,
                app.redirect_uris.first().cloned().unwrap_or_default()
            );
            view! {
                <p>"Public apps use the authorization code grant with PKCE (S256) and no secret:"</p>
                <ol class="steps">
                    <li>"Make a random code_verifier and its S256 code_challenge."</li>
                    <li>"Send the person to "<code>{authorize}</code>" with response_type=code, client_id, redirect_uri, scope, state, code_challenge and code_challenge_method=S256."</li>
                    <li>"Exchange the code from the redirect at the token endpoint, with the code_verifier:"</li>
                </ol>
                <pre data-testid="curl-example"><code>{command.clone()}</code></pre>
                <CopyButton text=command what="curl command" />
            }
            .into_any()
        }
    }
}
