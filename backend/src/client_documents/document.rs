//! A fetched metadata document read into the console's own `AppSettings`: the same RFC 7591
//! metadata and the same rules as dynamic registration (`oauth::registration::metadata`), plus
//! what section 4 of draft-ietf-oauth-client-id-metadata-document adds: the document names
//! itself, holds no secret, and describes a client without a shared secret.

use serde::Deserialize;
use shared::api::AppSettings;
use shared::app::GrantType;
use shared::scope::ScopeSet;

use super::url::DocumentUrl;
use crate::oauth::registration::metadata::{describe, ClientMetadata};

/// The grants a document client may use: a person is always there.
const DOCUMENT_GRANTS: [GrantType; 2] = [GrantType::AuthorizationCode, GrantType::RefreshToken];

#[derive(Debug, Deserialize)]
struct Document {
    client_id: Option<String>,
    client_secret: Option<serde::de::IgnoredAny>,
    client_secret_expires_at: Option<serde::de::IgnoredAny>,
    #[serde(flatten)]
    metadata: ClientMetadata,
}

/// The settings `body` describes for the client `url`, or why it cannot be used. A document
/// without `scope` may ask for anything `everything` holds (what self-registered clients are
/// offered); the person still consents to each scope.
pub fn settings(
    body: &[u8],
    url: &DocumentUrl,
    everything: &ScopeSet,
) -> Result<AppSettings, String> {
    let document: Document = serde_json::from_slice(body).map_err(|err| {
        format!("The metadata document is not valid JSON client metadata: {err}.")
    })?;
    match document.client_id.as_deref() {
        Some(id) if id == url.as_str() => {}
        Some(id) => {
            return Err(format!(
            "The metadata document says its client_id is “{}”, not the URL it was fetched from.",
            id.chars().take(200).collect::<String>()
        ))
        }
        None => return Err("The metadata document has no client_id.".to_owned()),
    }
    if document.client_secret.is_some() || document.client_secret_expires_at.is_some() {
        return Err(
            "The metadata document contains a client secret, which a public document must never hold."
                .to_owned(),
        );
    }
    let mut metadata = document.metadata;
    match metadata.token_endpoint_auth_method.as_deref() {
        None | Some("none") => {}
        Some("private_key_jwt") => {
            return Err("token_endpoint_auth_method private_key_jwt is not supported for metadata documents here; use none (a public client with PKCE).".to_owned())
        }
        Some(method @ ("client_secret_basic" | "client_secret_post" | "client_secret_jwt")) => {
            return Err(format!(
                "token_endpoint_auth_method {method} needs a shared secret, which a metadata document cannot have; use none."
            ))
        }
        Some(other) => {
            return Err(format!(
                "token_endpoint_auth_method `{other}` is not supported; use none."
            ))
        }
    }
    metadata.token_endpoint_auth_method = Some("none".to_owned());
    let grants = metadata.grant_types.get_or_insert_with(|| {
        DOCUMENT_GRANTS
            .iter()
            .map(|grant| grant.as_str().to_owned())
            .collect()
    });
    if let Some(other) = grants
        .iter()
        .find(|name| !DOCUMENT_GRANTS.iter().any(|grant| grant.as_str() == *name))
    {
        return Err(format!(
            "The grant type `{other}` is not available to metadata document clients; use authorization_code and refresh_token."
        ));
    }
    if metadata.client_name.is_none() {
        metadata.client_name = Some(url.host());
    }
    let no_scope = metadata.scope.is_none();
    let mut draft = metadata
        .draft()
        .map_err(|err| err.description().to_owned())?;
    if no_scope {
        draft.scopes = everything.clone();
    }
    draft.validate().map_err(|fields| describe(&fields))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use shared::app::ClientType;
    use shared::scope::{Access, BuiltIn, IdentityScope};

    const URL: &str = "https://tools.example.com/oauth/client.json";

    fn read(document: serde_json::Value) -> Result<AppSettings, String> {
        let everything = ScopeSet::empty()
            .with_identity(IdentityScope::OpenId)
            .with(BuiltIn::Files, Access::ReadWrite);
        let url = DocumentUrl::try_from(URL).unwrap();
        settings(document.to_string().as_bytes(), &url, &everything)
    }

    fn document() -> serde_json::Value {
        json!({
            "client_id": URL,
            "client_name": "Tool",
            "redirect_uris": ["http://127.0.0.1/callback", "https://tools.example.com/cb"],
            "token_endpoint_auth_method": "none"
        })
    }

    #[test]
    fn a_plain_document_is_a_public_app_for_code_and_refresh() {
        let settings = read(document()).unwrap();
        assert_eq!(settings.client_type, ClientType::Public);
        assert_eq!(settings.name.as_str(), "Tool");
        assert_eq!(
            settings.grant_types.iter().collect::<Vec<_>>(),
            vec![GrantType::AuthorizationCode, GrantType::RefreshToken]
        );
        assert_eq!(
            settings.scopes.to_canonical_string(),
            "files:read files:write openid"
        );
        let mut scoped = document();
        scoped["scope"] = json!("openid");
        assert_eq!(read(scoped).unwrap().scopes.to_canonical_string(), "openid");
        let mut nameless = document();
        nameless.as_object_mut().unwrap().remove("client_name");
        assert_eq!(read(nameless).unwrap().name.as_str(), "tools.example.com");
    }

    #[test]
    fn documents_break_no_rule() {
        let with = |key: &str, value: serde_json::Value| {
            let mut body = document();
            body[key] = value;
            body
        };
        // (what, document, words of the message)
        let table = [
            (
                "another id",
                with("client_id", json!("https://evil.example/c")),
                "not the URL",
            ),
            (
                "no id",
                with("client_id", serde_json::Value::Null),
                "no client_id",
            ),
            (
                "a secret",
                with("client_secret", json!("s")),
                "client secret",
            ),
            (
                "private_key_jwt",
                with("token_endpoint_auth_method", json!("private_key_jwt")),
                "private_key_jwt",
            ),
            (
                "a shared secret",
                with("token_endpoint_auth_method", json!("client_secret_basic")),
                "shared secret",
            ),
            (
                "client credentials",
                with("grant_types", json!(["client_credentials"])),
                "client_credentials",
            ),
            (
                "a fragment",
                with("redirect_uris", json!(["https://x.example/cb#f"])),
                "redirect_uris",
            ),
            (
                "no redirect",
                with("redirect_uris", json!([])),
                "redirect_uris",
            ),
            (
                "a wrong type",
                with("redirect_uris", json!("https://x.example/cb")),
                "not valid JSON",
            ),
            (
                "an invisible name",
                with("client_name", json!("To\u{200D}ol")),
                "name",
            ),
        ];
        for (what, body, words) in table {
            let message = read(body).unwrap_err();
            assert!(message.contains(words), "{what}: {message}");
        }
        assert!(read(json!([1, 2])).unwrap_err().contains("not valid JSON"));
    }
}
