//! The `openidconnect` crate as an app uses it: a client configured from the issuer URL alone
//! (discovery), and the start of an authorization (PKCE, state, nonce) it sends a browser to.

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreProviderMetadata, CoreTokenResponse,
};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
};

use crate::oauth::ClientApp;
use crate::TestApp;

/// A client as discovery configures it: authorization endpoint set, token and UserInfo
/// endpoints from the document.
pub type DiscoveredClient = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// An HTTP client that never follows redirects, as the library wants.
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The library's client for `registered`, from the server's discovery document.
pub async fn discovered_client(
    app: &TestApp,
    http: &reqwest::Client,
    registered: &ClientApp,
    redirect_uri: String,
) -> DiscoveredClient {
    let metadata =
        CoreProviderMetadata::discover_async(IssuerUrl::new(app.address.clone()).unwrap(), http)
            .await
            .expect("discovery from the issuer URL");
    CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(registered.client_id.clone()),
        registered.client_secret.clone().map(ClientSecret::new),
    )
    .set_redirect_uri(RedirectUrl::new(redirect_uri).unwrap())
}

/// Where the app sends the browser (code flow with PKCE S256, `openid` and `scopes`), and what
/// it keeps to check the answer.
pub struct AuthorizationStart {
    pub url: url::Url,
    pub csrf: CsrfToken,
    pub nonce: Nonce,
    pub verifier: PkceCodeVerifier,
}

pub fn start_authorization(client: &DiscoveredClient, scopes: &[&str]) -> AuthorizationStart {
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client.authorize_url(
        CoreAuthenticationFlow::AuthorizationCode,
        CsrfToken::new_random,
        Nonce::new_random,
    );
    for scope in scopes {
        request = request.add_scope(Scope::new((*scope).to_owned()));
    }
    let (url, csrf, nonce) = request.set_pkce_challenge(challenge).url();
    AuthorizationStart {
        url,
        csrf,
        nonce,
        verifier,
    }
}

/// The library's code exchange (with the PKCE verifier), which must succeed.
pub async fn exchange(
    client: &DiscoveredClient,
    http: &reqwest::Client,
    code: &str,
    verifier: PkceCodeVerifier,
) -> CoreTokenResponse {
    client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .unwrap()
        .set_pkce_verifier(verifier)
        .request_async(http)
        .await
        .expect("the code exchange succeeds")
}
