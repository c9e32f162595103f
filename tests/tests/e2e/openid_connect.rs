//! OpenID Connect with an off-the-shelf client: the `openidconnect` crate configured from the
//! issuer URL alone, through the real sign-in and consent pages.

use clientele_tests::authorization_ui::{allow, param, sign_in_on_the_authorization_page};
use clientele_tests::browser::Browser;
use clientele_tests::client_site::ClientSite;
use clientele_tests::console_api::{app_draft, app_draft_with_scopes, PASSWORD};
use clientele_tests::jwks::{es256_key_from_jwks, header_of};
use clientele_tests::oauth::{location_params, REDIRECT_URI};
use clientele_tests::oauth::{spawn_with_app, spawn_with_app_and_user};
use clientele_tests::oidc::{
    discovered_client, exchange, http_client, start_authorization, AuthorizationStart,
};
use clientele_tests::spawn_app;
use clientele_tests::texts_of;
use jwt_simple::prelude::{ECDSAP256PublicKeyLike, JWTClaims, VerificationOptions};
use openidconnect::core::{CoreJwsSigningAlgorithm, CoreUserInfoClaims};
use openidconnect::{AccessTokenHash, Nonce, OAuth2TokenResponse, TokenResponse};
use serde_json::{json, Value};
use shared::app::IdTokenAlg;

/// For each ID-token algorithm an app can choose: the `openidconnect` crate, configured from
/// the discovery document alone, builds the authorization URL; a person signs in and consents in
/// the browser; the library exchanges the code with PKCE, verifies the ID token (signature
/// against the JWKS, nonce, at_hash), calls UserInfo and refreshes. The JWT access token is
/// verified with `jwt-simple`, which the server does not use.
#[tokio::test]
async fn an_openid_client_library_signs_a_person_in_through_the_browser_with_every_id_token_algorithm(
) {
    let app = spawn_app().await;
    let site = ClientSite::start(&app.address).await;
    let developer = app.sign_up("dev@example.com").await;
    app.sign_up("user@example.com").await;
    let http = http_client();
    let browser = Browser::start().await;

    for (round, alg) in IdTokenAlg::ALL.into_iter().enumerate() {
        let mut draft = app_draft_with_scopes(
            &format!("OIDC Client {}", alg.as_str()),
            "openid profile email files:read",
        );
        draft["id_token_alg"] = json!(alg.as_str());
        draft["token_format"] = json!("jwt");
        let registered = developer.client_app(&draft).await;

        let client = discovered_client(&app, &http, &registered, site.redirect_uri()).await;
        let AuthorizationStart {
            url: authorize_url,
            csrf,
            nonce,
            verifier,
        } = start_authorization(&client, &["profile", "email"]);

        browser.goto(authorize_url.as_str()).await;
        if round == 0 {
            sign_in_on_the_authorization_page(&browser, "user@example.com", PASSWORD).await;
        }
        allow(&browser).await;
        let params = site.wait_for_callback(round + 1).await;
        assert_eq!(param(&params, "state"), Some(csrf.secret().as_str()));

        let code = param(&params, "code").unwrap();
        let tokens = exchange(&client, &http, code, verifier).await;
        let id_token = tokens.id_token().expect("an ID token for the openid scope");
        assert_eq!(
            *id_token.signing_alg().unwrap(),
            alg_of(alg),
            "signed with the app's algorithm"
        );
        // The verifier accepts only the algorithm this app registered (RS256 by default).
        let id_verifier = client.id_token_verifier().set_allowed_algs([alg_of(alg)]);
        let claims = id_token
            .claims(&id_verifier, &nonce)
            .expect("the ID token verifies against the JWKS, with our nonce");
        let expected_hash = claims.access_token_hash().expect("at_hash is present");
        let actual_hash = AccessTokenHash::from_token(
            tokens.access_token(),
            id_token.signing_alg().unwrap(),
            id_token.signing_key(&id_verifier).unwrap(),
        )
        .unwrap();
        assert_eq!(&actual_hash, expected_hash);
        assert_eq!(claims.email().unwrap().as_str(), "user@example.com");
        assert_eq!(
            claims.name().unwrap().get(None).unwrap().as_str(),
            "Test Developer"
        );
        let subject = claims.subject().as_str().to_owned();
        assert!(
            subject.starts_with("usr_"),
            "sub is the stable id, not the email"
        );
        assert!(claims.auth_time().is_some());

        // The JWT access token, as an API would check it with another library.
        let access = tokens.access_token().secret();
        let key = es256_key_from_jwks(&app, header_of(access)["kid"].as_str().unwrap()).await;
        let options = VerificationOptions {
            allowed_issuers: Some([app.address.clone()].into()),
            ..Default::default()
        };
        let access_claims: JWTClaims<Value> = key
            .verify_token(access, Some(options))
            .expect("the access token verifies");
        assert_eq!(access_claims.subject.as_deref(), Some(subject.as_str()));

        let userinfo: CoreUserInfoClaims = client
            .user_info(tokens.access_token().clone(), None)
            .unwrap()
            .request_async(&http)
            .await
            .expect("userinfo answers");
        assert_eq!(userinfo.subject().as_str(), subject);
        assert_eq!(userinfo.email().unwrap().as_str(), "user@example.com");

        let refreshed = client
            .exchange_refresh_token(tokens.refresh_token().unwrap())
            .unwrap()
            .request_async(&http)
            .await
            .expect("the refresh succeeds");
        let refreshed_id = refreshed
            .id_token()
            .expect("a refresh with openid returns an ID token");
        let refreshed_claims = refreshed_id
            .claims(&id_verifier, |_: Option<&Nonce>| Ok(()))
            .unwrap();
        assert_eq!(refreshed_claims.subject().as_str(), subject);
    }
    browser.finish().await;
}

fn alg_of(alg: IdTokenAlg) -> CoreJwsSigningAlgorithm {
    match alg {
        IdTokenAlg::Rs256 => CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        IdTokenAlg::Es256 => CoreJwsSigningAlgorithm::EcdsaP256Sha256,
    }
}

#[tokio::test]
async fn the_discovery_document_and_jwks_describe_every_key_and_capability() {
    let app = spawn_app().await;
    let discovery: Value = app.get_json("/.well-known/openid-configuration").await;
    let oauth: Value = app
        .get_json("/.well-known/oauth-authorization-server")
        .await;
    for field in [
        "issuer",
        "authorization_endpoint",
        "token_endpoint",
        "introspection_endpoint",
        "revocation_endpoint",
    ] {
        assert_eq!(discovery[field], oauth[field], "{field}");
    }
    assert_eq!(discovery["subject_types_supported"], json!(["public"]));
    assert_eq!(
        discovery["id_token_signing_alg_values_supported"],
        json!(["RS256", "ES256"])
    );
    for scope in ["openid", "profile", "email", "files:read"] {
        assert!(
            discovery["scopes_supported"]
                .as_array()
                .unwrap()
                .contains(&json!(scope)),
            "{scope}"
        );
    }
    let jwks: Value = reqwest::get(discovery["jwks_uri"].as_str().unwrap())
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let keys = jwks["keys"].as_array().unwrap();
    let algs = texts_of(keys, "alg");
    assert_eq!(algs.len(), 3);
    for alg in ["RS256", "ES256", "EdDSA"] {
        assert!(algs.contains(&alg), "{alg} missing in {algs:?}");
    }
    for key in keys {
        assert_eq!(key["use"], "sig");
        assert!(key["kid"].is_string());
        assert!(key.get("d").is_none(), "no private part is published");
    }
}

#[tokio::test]
async fn prompt_none_answers_login_required_or_consent_required_instead_of_a_page() {
    let (app, _, client) = spawn_with_app(&app_draft("Silent Client")).await;
    let params = [
        ("response_type", "code"),
        ("client_id", client.client_id.as_str()),
        ("redirect_uri", REDIRECT_URI),
        ("prompt", "none"),
        ("state", "q"),
    ];

    let anonymous = app.authorize(&app.new_client(), &params).await;
    assert_eq!(
        param(&location_params(&anonymous), "error"),
        Some("login_required")
    );

    let user = app.sign_up("user@example.com").await;
    let no_consent = app.authorize(&user.client, &params).await;
    assert_eq!(
        param(&location_params(&no_consent), "error"),
        Some("consent_required")
    );

    app.authorization_code(
        &user,
        &client,
        "files:read accounts.self:read files:write openid",
        None,
    )
    .await;
    let silent = app.authorize(&user.client, &params).await;
    assert!(
        param(&location_params(&silent), "code").is_some(),
        "with consent, prompt=none returns a code"
    );
}

#[tokio::test]
async fn max_age_forces_a_fresh_sign_in() {
    let (app, _, client, user) = spawn_with_app_and_user(&app_draft("Strict Client")).await;
    app.authorization_code(&user, &client, "files:read", None)
        .await;
    app.clock.advance(600);
    let page = app
        .authorize_code(
            &user,
            &client.client_id,
            REDIRECT_URI,
            &[("scope", "files:read"), ("max_age", "300")],
        )
        .await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Sign in to continue"));
}
