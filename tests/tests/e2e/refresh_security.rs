//! Refresh tokens under attack: reuse revokes the whole family, another client's token is
//! refused, scopes only narrow, and parallel uses of one token give exactly one new pair.

use clientele_tests::console_api::{app_draft, app_draft_with_scopes};
use clientele_tests::oauth::error_of;
use clientele_tests::oauth::spawn_with_app_and_user;

use super::oauth_security::setup;

#[tokio::test]
async fn reusing_a_refresh_token_revokes_its_whole_family() {
    let (app, client, user) = setup().await;
    let first = app.user_tokens(&user, &client, "files:read").await;
    let old_refresh = first["refresh_token"].as_str().unwrap();
    let second = app.refreshed(&client, old_refresh).await;

    let replay = app.refresh_request(&client, old_refresh).await;
    assert_eq!(error_of(replay).await, "invalid_grant");
    assert!(
        !app.is_active(&client, second["access_token"].as_str().unwrap())
            .await
    );
    let successor = app
        .refresh_request(&client, second["refresh_token"].as_str().unwrap())
        .await;
    assert_eq!(
        error_of(successor).await,
        "invalid_grant",
        "the rotated token is revoked too"
    );
}

#[tokio::test]
async fn a_refresh_token_of_another_client_is_refused() {
    let (app, developer, client, user) = spawn_with_app_and_user(&app_draft("Example Sync")).await;
    let other = developer.client_app(&app_draft("Other App")).await;
    let pair = app.user_tokens(&user, &client, "files:read").await;
    let response = app
        .refresh_request(&other, pair["refresh_token"].as_str().unwrap())
        .await;
    assert_eq!(error_of(response).await, "invalid_grant");
}

#[tokio::test]
async fn a_refresh_may_narrow_the_scope_but_never_widen_it() {
    let (app, client, user) = setup().await;
    let pair = app
        .user_tokens(&user, &client, "files:read accounts.self:read")
        .await;
    let refresh = pair["refresh_token"].as_str().unwrap();
    let wider = app
        .token_request(
            &client,
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh),
                ("scope", "files:write"),
            ],
        )
        .await;
    assert_eq!(error_of(wider).await, "invalid_scope");
    let narrower = app
        .tokens(
            &client,
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh),
                ("scope", "files:read"),
            ],
        )
        .await;
    assert_eq!(narrower["scope"], "files:read");
}

#[tokio::test]
async fn narrowing_the_apps_scopes_narrows_what_a_refresh_returns() {
    let (app, developer, client, user) = spawn_with_app_and_user(&app_draft("Example Sync")).await;
    let pair = app
        .user_tokens(&user, &client, "files:write accounts.self:read")
        .await;
    let narrowed = app_draft_with_scopes("Example Sync", "files:read");
    assert_eq!(
        developer
            .put(&format!("/api/v1/apps/{}", client.client_id), &narrowed)
            .await
            .status(),
        200
    );
    let refreshed = app
        .refreshed(&client, pair["refresh_token"].as_str().unwrap())
        .await;
    assert_eq!(refreshed["scope"], "files:read");
}

#[tokio::test]
async fn many_concurrent_uses_of_one_refresh_token_give_exactly_one_new_pair() {
    let (app, client, user) = setup().await;
    let pair = app.user_tokens(&user, &client, "files:read").await;
    let refresh = pair["refresh_token"].as_str().unwrap();
    // Enough at once that several land in one group commit of the token writer.
    let form = [("grant_type", "refresh_token"), ("refresh_token", refresh)];
    let attempts = (0..8).map(|_| app.token_request(&client, &form));
    let responses = futures::future::join_all(attempts).await;
    let successes = responses
        .iter()
        .filter(|response| response.status() == 200)
        .count();
    assert_eq!(
        successes,
        1,
        "{:?}",
        responses.iter().map(|r| r.status()).collect::<Vec<_>>()
    );
}
