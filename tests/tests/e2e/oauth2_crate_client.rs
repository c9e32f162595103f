//! An independently written client library, the `oauth2` crate, configured from nothing but the
//! RFC 8414 metadata document, a client id and a secret.

use clientele_tests::console_api::draft_with_client_credentials;
use clientele_tests::oauth::spawn_with_app_and_user;
use clientele_tests::oauth::{granted_scopes, param, REDIRECT_URI};
use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, PkceCodeChallenge, RedirectUrl,
    Scope, TokenResponse, TokenUrl,
};
use serde_json::Value;

#[tokio::test]
async fn the_oauth2_crate_completes_code_refresh_and_client_credentials_from_the_metadata_alone() {
    let (app, _, registered, user) =
        spawn_with_app_and_user(&draft_with_client_credentials("Library Client")).await;

    // Everything the library needs comes from the issuer's metadata document.
    let metadata: Value = app
        .get_json("/.well-known/oauth-authorization-server")
        .await;
    let client = BasicClient::new(ClientId::new(registered.client_id.clone()))
        .set_client_secret(ClientSecret::new(registered.client_secret.clone().unwrap()))
        .set_auth_uri(
            AuthUrl::new(
                metadata["authorization_endpoint"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            )
            .unwrap(),
        )
        .set_token_uri(
            TokenUrl::new(metadata["token_endpoint"].as_str().unwrap().to_owned()).unwrap(),
        )
        .set_redirect_uri(RedirectUrl::new(REDIRECT_URI.to_owned()).unwrap());
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (authorize_url, csrf) = client
        .authorize_url(CsrfToken::new_random)
        .add_scope(Scope::new("files:write".into()))
        .add_scope(Scope::new("accounts.self:read".into()))
        .set_pkce_challenge(challenge)
        .url();

    let params = app.allow_at(&user, authorize_url.as_str()).await;
    assert_eq!(
        param(&params, "state").as_deref(),
        Some(csrf.secret().as_str())
    );
    let code = param(&params, "code").unwrap();

    let tokens = client
        .exchange_code(AuthorizationCode::new(code))
        .set_pkce_verifier(verifier)
        .request_async(&http)
        .await
        .expect("the code exchange succeeds");
    let scopes = granted_scopes(&tokens);
    assert_eq!(scopes, ["accounts.self:read", "files:read", "files:write"]);
    let me = app
        .resource(tokens.access_token().secret(), "/api/v1/me")
        .await;
    assert_eq!(me.status(), 200);

    let refreshed = client
        .exchange_refresh_token(tokens.refresh_token().unwrap())
        .request_async(&http)
        .await
        .expect("the refresh succeeds");
    assert_ne!(
        refreshed.refresh_token().unwrap().secret(),
        tokens.refresh_token().unwrap().secret()
    );

    let machine = client
        .exchange_client_credentials()
        .add_scope(Scope::new("files:read".into()))
        .request_async(&http)
        .await
        .expect("client credentials succeed");
    assert!(machine.access_token().secret().starts_with("cat_"));
}
