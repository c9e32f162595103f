//! Ready-to-paste configuration for the app, chosen from a list: a curl token request, or
//! the setup of a client library in Python, Node.js or Rust, filled with the app's values.

mod curl;
mod text;

use leptos::prelude::*;
use shared::api::AppDetail;
use shared::app::{ClientType, GrantType};
use shared::endpoints;
use shared::scope::IdentityScope;

use crate::components::ui::code_block::CodeBlock;
use crate::components::ui::copy_button::CopyButton;
use curl::CurlExample;
use text::Values;

/// `(value, label)` of each choice; the value names the snippet's `data-testid`.
const CHOICES: [(&str, &str); 4] = [
    ("curl", "curl: a token request"),
    ("python", "Python: Authlib"),
    ("node", "Node.js: openid-client 6"),
    ("rust", "Rust: openidconnect 4"),
];

/// The label of the choice `value`, which names its code block.
fn label_of(value: &str) -> &'static str {
    CHOICES
        .iter()
        .find(|(choice, _)| *choice == value)
        .map_or("Code", |(_, label)| label)
}

/// The app's scopes without the identity scopes, which mean nothing without a person.
fn machine_scopes(app: &AppDetail) -> String {
    let mut scopes = app.scopes.clone();
    for scope in IdentityScope::ALL {
        scopes.set_identity(scope, false);
    }
    scopes.to_canonical_string()
}

fn values(app: &AppDetail, issuer: &str) -> Values {
    let confidential = app.client_type == ClientType::Confidential;
    Values {
        client_id: app.client_id.clone(),
        issuer: issuer.to_owned(),
        discovery: endpoints::url(issuer, endpoints::OPENID_CONFIGURATION),
        token: endpoints::url(issuer, endpoints::TOKEN),
        redirect: app.redirect_uris.first().cloned().unwrap_or_default(),
        scopes: app.scopes.to_canonical_string(),
        machine_scopes: machine_scopes(app),
        confidential,
        // Libraries are mostly for signing people in; client credentials only when it is
        // the app's one way to get tokens.
        code_flow: !confidential || app.grant_types.contains(&GrantType::AuthorizationCode),
    }
}

#[component]
pub fn Snippets(app: AppDetail, issuer: String) -> impl IntoView {
    let chosen = RwSignal::new("curl".to_owned());
    let values = values(&app, &issuer);
    let secret_note = if values.confidential {
        "Replace <your client secret> with the app's secret, read from your server's configuration: never commit it."
    } else {
        "Public apps have no secret: PKCE (S256) protects the authorization code."
    };
    let shown = move || {
        let choice = chosen.get();
        let text = match choice.as_str() {
            "python" => text::python(&values),
            "node" => text::node(&values),
            "rust" => text::rust(&values),
            _ => return view! { <CurlExample app=app.clone() issuer=issuer.clone() /> }.into_any(),
        };
        view! {
            <p>{secret_note}</p>
            <CodeBlock text=text.clone() label=format!("{} configuration", label_of(&choice))
                testid=format!("snippet-{choice}") />
            <CopyButton text what="code" />
        }
        .into_any()
    };
    view! {
        <div class="field snippet-choice">
            <label for="snippet-choice">"Show the configuration for"</label>
            <select id="snippet-choice" data-testid="snippet-choice"
                on:change=move |ev| chosen.set(event_target_value(&ev))>
                {CHOICES.map(|(value, label)| view! { <option value=value>{label}</option> })}
            </select>
        </div>
        {shown}
    }
}
