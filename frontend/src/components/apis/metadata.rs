//! The protected resource metadata (RFC 9728) an API's own server should publish, so clients
//! can find which authorization server issues its tokens and which scopes it knows.

use leptos::prelude::*;
use shared::api::ProtectedResourceMetadata;

use crate::api::{self, ApiFailure};
use crate::components::ui::code_block::CodeBlock;
use crate::components::ui::copy_button::CopyButton;
use crate::components::ui::loaded::loaded;
use crate::components::ui::status::ErrorMessage;

#[component]
pub fn MetadataDocument(id: String, identifier: String, built_in: bool) -> impl IntoView {
    let document = LocalResource::new(move || {
        let id = id.clone();
        async move { api::api_metadata(&id).await }
    });
    let address = well_known_address(&identifier);
    let shown = loaded(document, "the metadata document", |metadata| {
        view! { <Document metadata /> }
    });
    let where_to = if built_in {
        "This server publishes it for its own API at "
    } else {
        "Publish it from your API's server at "
    };
    view! {
        <section class="card" aria-labelledby="metadata-heading">
            <h2 id="metadata-heading">"Protected resource metadata"</h2>
            <p>
                {where_to}<code class="credential" data-testid="metadata-address">{address.clone()}</code>
                <CopyButton text=address what="address" testid="copy-metadata-address" />
            </p>
            <p class="hint">
                "RFC 9728 section 3.1: the well-known path /.well-known/oauth-protected-resource, followed by the identifier's own path. "
                "Clients read it to learn which authorization server issues tokens for the API and which scopes it knows; "
                "answer requests without a valid token with a WWW-Authenticate header whose resource_metadata names this address."
            </p>
            {shown}
        </section>
    }
}

#[component]
fn Document(metadata: ProtectedResourceMetadata) -> impl IntoView {
    let result: Result<String, ApiFailure> = serde_json::to_string_pretty(&metadata)
        .map_err(|err| ApiFailure::Unexpected(err.to_string()));
    match result {
        Ok(json) => view! {
            <CodeBlock text=json.clone() label="Protected resource metadata (JSON)" testid="metadata-document" />
            <p class="buttons">
                <CopyButton text=json what="document" testid="copy-metadata" />
            </p>
        }
        .into_any(),
        Err(failure) => view! { <ErrorMessage failure /> }.into_any(),
    }
}

/// Where RFC 9728 section 3.1 puts the document of the resource `identifier`: the well-known
/// path between the host and the identifier's path (whose terminating slash is dropped).
pub fn well_known_address(identifier: &str) -> String {
    const WELL_KNOWN: &str = "/.well-known/oauth-protected-resource";
    match url::Url::parse(identifier) {
        Ok(url) => {
            let origin = url.origin().ascii_serialization();
            let path = url.path().trim_end_matches('/');
            format!("{origin}{WELL_KNOWN}{path}")
        }
        Err(_) => format!("{}{WELL_KNOWN}", identifier.trim_end_matches('/')),
    }
}
