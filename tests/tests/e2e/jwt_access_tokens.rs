//! JWT access tokens (RFC 9068): verified offline with an independent JWT library against the
//! published JWKS, refused once revoked, surviving key rotation until they expire, and every
//! kind of forgery refused with `invalid_token`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use clientele::keys::Algorithm;
use clientele::oauth::jwt::{sign_access_token, AccessClaims, AudienceClaim};
use clientele_tests::console_api::app_draft;
use clientele_tests::jwks::{es256_key_from_jwks, header_of};
use clientele_tests::oauth::ClientApp;
use clientele_tests::oauth::{
    spawn_with_app, spawn_with_app_and_user, spawn_with_user_tokens, USER_PASSWORD_GRANT,
};
use clientele_tests::{header_text, text_at, TestApp};
use jwt_simple::prelude::{
    ECDSAP256KeyPairLike, ECDSAP256PublicKeyLike, ES256KeyPair, JWTClaims, VerificationOptions,
};
use reqwest::header;
use serde_json::{json, Value};

fn jwt_draft(name: &str) -> Value {
    let mut draft = app_draft(name);
    draft["token_format"] = json!("jwt");
    draft["grant_types"] = json!([
        "authorization_code",
        "refresh_token",
        "client_credentials",
        "password"
    ]);
    draft
}

/// The scopes the users of these tests allow.
const SCOPE: &str = "accounts.self:read files:read";

#[tokio::test]
async fn a_jwt_access_token_verifies_offline_against_the_jwks_and_opens_the_api() {
    let (app, _, client, _, tokens) = spawn_with_user_tokens(&jwt_draft("JWT App"), SCOPE).await;
    let access = tokens["access_token"].as_str().unwrap();

    let header = header_of(access);
    assert_eq!(header["typ"], "at+jwt");
    assert_eq!(header["alg"], "ES256");
    let key = es256_key_from_jwks(&app, header["kid"].as_str().unwrap()).await;
    let options = VerificationOptions {
        allowed_issuers: Some([app.address.clone()].into()),
        allowed_audiences: Some([format!("{}/api/v1", app.address)].into()),
        ..Default::default()
    };
    let claims: JWTClaims<Value> = key
        .verify_token(access, Some(options))
        .expect("verifies with the published key");
    assert!(claims.subject.unwrap().starts_with("usr_"));
    assert!(claims.jwt_id.is_some());
    assert_eq!(claims.custom["client_id"], client.client_id.as_str());
    assert_eq!(claims.custom["scope"], "accounts.self:read files:read");

    assert_eq!(app.resource(access, "/api/v1/me").await.status(), 200);
    assert!(app.is_active(&client, access).await);
}

/// The API refuses `token` (401) and introspection by `client` calls it inactive.
async fn token_is_refused(app: &TestApp, client: &ClientApp, token: &str) {
    assert_eq!(app.resource(token, "/api/v1/me").await.status(), 401);
    assert!(!app.is_active(client, token).await);
}

#[tokio::test]
async fn a_jwt_of_a_deleted_app_or_a_revoked_consent_is_refused() {
    let (app, developer, kept) = spawn_with_app(&jwt_draft("Kept")).await;
    let doomed = developer.client_app(&jwt_draft("Doomed")).await;
    let user = app.sign_up("user@example.com").await;

    let consent_token = app.user_access_token(&user, &kept, SCOPE).await;
    assert_eq!(
        user.delete(&format!("/api/v1/connections/{}", kept.client_id))
            .await
            .status(),
        204
    );
    token_is_refused(&app, &kept, &consent_token).await;

    let deleted_token = app.user_access_token(&user, &doomed, SCOPE).await;
    assert_eq!(developer.delete_app(&doomed.client_id).await.status(), 204);
    token_is_refused(&app, &kept, &deleted_token).await;
}

#[tokio::test]
async fn a_token_signed_before_rotation_still_verifies_until_it_expires_and_new_ones_use_the_new_key(
) {
    let (app, _, client, user) = spawn_with_app_and_user(&jwt_draft("Rotating Keys")).await;
    let before = app.user_access_token(&user, &client, SCOPE).await;
    let old_kid = header_of(&before)["kid"].as_str().unwrap().to_owned();

    use clientele::clock::Clock;
    clientele::keys::rotate(&app.state.store, app.clock.now())
        .await
        .unwrap();
    app.state
        .keys
        .reload(&app.state.store, app.clock.now())
        .await
        .unwrap();

    assert_eq!(
        app.resource(&before, "/api/v1/me").await.status(),
        200,
        "the old key is still accepted"
    );
    let jwks: Value = app.get_json("/oauth/jwks.json").await;
    assert_eq!(
        jwks["keys"].as_array().unwrap().len(),
        6,
        "old and new keys are both published"
    );
    let after = app.user_access_token(&user, &client, SCOPE).await;
    assert_ne!(header_of(&after)["kid"], old_kid.as_str());

    app.clock.advance(3601);
    assert_eq!(
        app.resource(&before, "/api/v1/me").await.status(),
        401,
        "it expires like any token"
    );
    app.clock.advance(600);
    app.state
        .keys
        .reload(&app.state.store, app.clock.now())
        .await
        .unwrap();
    let jwks: Value = app.get_json("/oauth/jwks.json").await;
    assert_eq!(
        jwks["keys"].as_array().unwrap().len(),
        3,
        "a retired key leaves the JWKS once its tokens expired"
    );
}

#[tokio::test]
async fn tampered_unsigned_foreign_expired_and_misaddressed_jwts_are_all_invalid_tokens() {
    let (app, _, client, user) = spawn_with_app_and_user(&jwt_draft("Target")).await;
    let genuine = app.user_access_token(&user, &client, SCOPE).await;
    let parts: Vec<&str> = genuine.split('.').collect();
    let mut payload: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();

    payload["scope"] = json!("accounts.self:read files:read files:write");
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(payload.to_string()),
        parts[2]
    );

    let none_header = URL_SAFE_NO_PAD.encode(
        json!({"alg": "none", "typ": "at+jwt", "kid": header_of(&genuine)["kid"]}).to_string(),
    );
    let unsigned = format!("{none_header}.{}.", parts[1]);

    let foreign_key =
        ES256KeyPair::generate().with_key_id(header_of(&genuine)["kid"].as_str().unwrap());
    let foreign_claims =
        jwt_simple::prelude::Claims::create(jwt_simple::prelude::Duration::from_hours(1))
            .with_issuer(&app.address)
            .with_audience(format!("{}/api/v1", app.address))
            .with_subject("usr_someone");
    let foreign = foreign_key.sign(foreign_claims).unwrap();

    use clientele::clock::Clock;
    let now = app.clock.now();
    let claims = |aud: String, exp: i64| AccessClaims {
        iss: app.address.clone(),
        sub: user.account["id"].as_str().unwrap().to_owned(),
        aud: AudienceClaim::One(aud),
        client_id: client.client_id.clone(),
        scope: "accounts.self:read".into(),
        exp,
        iat: now - 10,
        jti: "never-issued".into(),
        auth_time: None,
    };
    let expired = sign_access_token(
        &app.state.keys,
        Algorithm::Es256,
        &claims(format!("{}/api/v1", app.address), now - 1),
    )
    .unwrap();
    let misaddressed = sign_access_token(
        &app.state.keys,
        Algorithm::Es256,
        &claims("https://other.example/api".into(), now + 600),
    )
    .unwrap();

    for (name, token) in [
        ("tampered", tampered),
        ("alg none", unsigned),
        ("foreign key", foreign),
        ("expired", expired),
        ("other audience", misaddressed),
    ] {
        let response = app.resource(&token, "/api/v1/me").await;
        assert_eq!(response.status(), 401, "{name}");
        assert!(
            header_text(&response, header::WWW_AUTHENTICATE).contains("invalid_token"),
            "{name}"
        );
        assert!(!app.is_active(&client, &token).await, "{name}");
    }
}

#[tokio::test]
async fn is_jwt_on_an_existing_pair_returns_only_a_jwt_and_leaves_the_refresh_token_alone() {
    let mut draft = jwt_draft("Legacy JWT");
    draft["token_format"] = json!("opaque");
    let (app, _, client) = spawn_with_app(&draft).await;
    app.sign_up("user@example.com").await;
    let password_grant = USER_PASSWORD_GRANT;

    let pair = app.tokens(&client, &password_grant).await;
    let opaque = pair["access_token"].as_str().unwrap();
    let refresh = pair["refresh_token"].as_str().unwrap();
    assert!(opaque.starts_with("cat_"));

    let mut with_jwt = password_grant.to_vec();
    with_jwt.push(("is_jwt", "true"));
    let jwt_only = app.tokens(&client, &with_jwt).await;
    assert!(text_at(&jwt_only, "/access_token").starts_with("eyJ"));
    assert!(
        jwt_only.get("refresh_token").is_none(),
        "the refresh token is not returned again"
    );
    assert!(
        app.is_active(&client, opaque).await,
        "the existing pair stays valid"
    );

    let refreshed_jwt = app
        .tokens(
            &client,
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh),
                ("is_jwt", "true"),
            ],
        )
        .await;
    assert!(text_at(&refreshed_jwt, "/access_token").starts_with("eyJ"));
    assert!(refreshed_jwt.get("refresh_token").is_none());
    let rotated = app.refreshed(&client, refresh).await;
    assert!(
        rotated["refresh_token"].is_string(),
        "is_jwt did not spend the refresh token"
    );
}
