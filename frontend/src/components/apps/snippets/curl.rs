//! A token request to try with curl. A confidential app with the client credentials grant
//! gets that request (HTTP Basic authentication); any other app gets the authorization code
//! + PKCE steps and the code exchange, with the secret only when the app has one.

use leptos::prelude::*;
use shared::api::AppDetail;
use shared::app::{ClientType, GrantType};
use shared::endpoints;

use super::machine_scopes;
use crate::components::ui::code_block::CodeBlock;
use crate::components::ui::copy_button::CopyButton;

#[component]
pub fn CurlExample(app: AppDetail, issuer: String) -> impl IntoView {
    let token = endpoints::url(&issuer, endpoints::TOKEN);
    let confidential = app.client_type == ClientType::Confidential;
    if confidential && app.grant_types.contains(&GrantType::ClientCredentials) {
        let scopes = machine_scopes(&app);
        let scope_line = if scopes.is_empty() {
            String::new()
        } else {
            format!(" \\\n  -d scope='{scopes}'")
        };
        let command = format!(
            "curl -X POST '{token}' \\\n  -u '{}:YOUR_CLIENT_SECRET' \\\n  -d grant_type=client_credentials{scope_line}",
            app.client_id
        );
        return view! {
            <p>"Replace YOUR_CLIENT_SECRET with the app's secret (client_secret_basic):"</p>
            <CodeBlock text=command.clone() label="curl command" testid="curl-example" />
            <CopyButton text=command what="curl command" />
        }
        .into_any();
    }
    let authorize = endpoints::url(&issuer, endpoints::AUTHORIZATION);
    let client = if confidential {
        format!("-u '{}:YOUR_CLIENT_SECRET'", app.client_id)
    } else {
        format!("-d client_id='{}'", app.client_id)
    };
    let command = format!(
        "curl -X POST '{token}' \\\n  {client} \\\n  -d grant_type=authorization_code \\\n  -d code=CODE_FROM_THE_REDIRECT \\\n  -d redirect_uri='{}' \\\n  -d code_verifier=YOUR_CODE_VERIFIER",
        app.redirect_uris.first().cloned().unwrap_or_default()
    );
    let intro = if confidential {
        "This app uses the authorization code grant with PKCE (S256); it authenticates with its secret (replace YOUR_CLIENT_SECRET):"
    } else {
        "Public apps use the authorization code grant with PKCE (S256) and no secret:"
    };
    view! {
        <p>{intro}</p>
        <ol class="steps">
            <li>"Make a random code_verifier and its S256 code_challenge."</li>
            <li>"Send the person to "<code>{authorize}</code>" with response_type=code, client_id, redirect_uri, scope, state, code_challenge and code_challenge_method=S256."</li>
            <li>"Exchange the code from the redirect at the token endpoint, with the code_verifier:"</li>
        </ol>
        <CodeBlock text=command.clone() label="curl command" testid="curl-example" />
        <CopyButton text=command what="curl command" />
    }
    .into_any()
}
