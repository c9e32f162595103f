//! The `openidconnect` crate's client for an app, configured from the issuer's discovery
//! document alone, as an app would be.

use openidconnect::core::{CoreClient, CoreProviderMetadata, CoreTokenResponse};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, EndpointMaybeSet, EndpointNotSet, EndpointSet,
    IssuerUrl, PkceCodeVerifier, RedirectUrl,
};

use crate::oauth::ClientApp;

/// A client whose endpoints come from discovery.
pub type DiscoveredClient = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Discovers `issuer` and sets the app's credentials and `redirect_uri`.
pub async fn discovered_client(
    issuer: &str,
    app: &ClientApp,
    redirect_uri: String,
    http: &reqwest::Client,
) -> DiscoveredClient {
    let metadata =
        CoreProviderMetadata::discover_async(IssuerUrl::new(issuer.to_owned()).unwrap(), http)
            .await
            .expect("discovery from the issuer URL");
    CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(app.client_id.clone()),
        app.client_secret.clone().map(ClientSecret::new),
    )
    .set_redirect_uri(RedirectUrl::new(redirect_uri).unwrap())
}

/// Exchanges the code the app's callback received (`params`) with the PKCE `verifier`.
pub async fn exchange_callback_code(
    client: &DiscoveredClient,
    params: &[(String, String)],
    verifier: PkceCodeVerifier,
    http: &reqwest::Client,
) -> CoreTokenResponse {
    let code = crate::authorization_ui::param(params, "code").expect("a code");
    client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .unwrap()
        .set_pkce_verifier(verifier)
        .request_async(http)
        .await
        .expect("the code exchange succeeds")
}
