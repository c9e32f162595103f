//! What a developer pastes into a client library: the discovery URL, the endpoints, what the
//! tokens look like, and configuration snippets. Endpoint paths come from `shared::endpoints`,
//! the list the server routes from.

use leptos::prelude::*;
use shared::api::AppDetail;
use shared::endpoints;

use crate::components::apps::snippets::Snippets;
use crate::components::ui::copy_button::CopyButton;

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
                <dt>"Access tokens"</dt>
                <dd data-testid="integration-token-format">{app.token_format.title()}": "{app.token_format.description()}</dd>
                <dt>"ID token signing algorithm"</dt>
                <dd data-testid="integration-id-token-alg"><code>{app.id_token_alg.as_str()}</code></dd>
            </dl>
            <h3 class="subheading">"Configuration snippets"</h3>
            <Snippets app issuer />
        </section>
    }
}
