//! Client ID Metadata Documents: a client never registered here names itself by the https URL
//! of its metadata document, served by the test over HTTPS with its own CA (`DocumentSite`).

use std::time::Duration;

use clientele_tests::apis::developers_api_draft;
use clientele_tests::browser::Browser;
use clientele_tests::client_site::ClientSite;
use clientele_tests::console_api::ConsoleUser;
use clientele_tests::console_ui::sign_in_through_the_page;
use clientele_tests::document_site::{Answer, DocumentSite};
use clientele_tests::oauth::{location_params, param, ClientApp, Pkce, REDIRECT_URI};
use clientele_tests::steps::Step::{Click, Gone, Shows};
use clientele_tests::{
    assert_contains_all, authorization_ui, spawn_app, spawn_app_with, spawn_configured_app_on,
    TestApp,
};
use reqwest::StatusCode;
use serde_json::{json, Value};

const PATH: &str = "/oauth/client.json";

type Configure = Box<dyn FnOnce(&mut clientele::config::ServeConfig)>;

fn document(client_id: &str) -> Value {
    json!({
        "client_id": client_id,
        "client_name": "Notes Agent",
        "client_uri": "https://notes-agent.example",
        "redirect_uris": [REDIRECT_URI, "http://127.0.0.1/callback"],
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "token_endpoint_auth_method": "none"
    })
}

/// A site serving a valid document at `PATH` (fresh for an hour) and a server trusting it.
async fn site_and_server() -> (DocumentSite, TestApp) {
    let site = DocumentSite::start().await;
    site.serve(PATH, Answer::json(&document(&site.url(PATH)), Some(3600)));
    let app = spawn_app_with(site.trusting()).await;
    (site, app)
}

fn authorize_params<'a>(client_id: &'a str, pkce: &'a Pkce) -> Vec<(&'a str, &'a str)> {
    vec![
        ("response_type", "code"),
        ("client_id", client_id),
        ("redirect_uri", REDIRECT_URI),
        ("scope", "openid files:read"),
        ("state", "xyz"),
        ("code_challenge", pkce.challenge.as_str()),
        ("code_challenge_method", "S256"),
    ]
}

/// `person` asks to authorize the site's document client with [`authorize_params`], but for
/// `changed` (a parameter and its other value): the server's answer.
async fn authorize_changed(
    site: &DocumentSite,
    app: &TestApp,
    person: &ConsoleUser,
    changed: (&str, &str),
) -> reqwest::Response {
    let pkce = Pkce::new();
    let client_id = site.url(PATH);
    let mut params = authorize_params(&client_id, &pkce);
    let at = params.iter().position(|(name, _)| *name == changed.0);
    params[at.expect("a parameter authorize_params sends")] = changed;
    app.authorize(&person.client, &params).await
}

/// The site's document client, which `person@example.com` allowed: (client, its tokens).
async fn consented_client(site: &DocumentSite, app: &TestApp) -> (ClientApp, Value) {
    let client = ClientApp {
        client_id: site.url(PATH),
        client_secret: None,
    };
    let person = app.sign_up("person@example.com").await;
    let tokens = app
        .user_tokens_with_pkce(&person, &client, "openid files:read")
        .await;
    (client, tokens)
}

/// What a browser nobody signed in to gets for an authorization request naming `client_id`:
/// (status, page text). The client is checked before anything else, so a usable one gets the
/// sign-in page (200) and any other an error page.
async fn page_for(app: &TestApp, client_id: &str) -> (StatusCode, String) {
    let pkce = Pkce::new();
    let response = app
        .authorize(&app.new_client(), &authorize_params(client_id, &pkce))
        .await;
    let status = response.status();
    (status, response.text().await.unwrap())
}

/// Asserts that `app` refuses the site's document at `PATH` with an error page (400) that says
/// `message`.
async fn assert_document_refused(app: &TestApp, site: &DocumentSite, message: &str) {
    let (status, page) = page_for(app, &site.url(PATH)).await;
    assert_eq!(status, 400);
    assert!(page.contains(message), "{page}");
}

#[tokio::test]
async fn a_document_client_gets_tokens_with_code_and_pkce_and_refreshes_them() {
    let (site, app) = site_and_server().await;
    let discovery = app
        .get_json("/.well-known/oauth-authorization-server")
        .await;
    assert_eq!(discovery["client_id_metadata_document_supported"], true);
    let client_id = site.url(PATH);
    let person = app.sign_up("person@example.com").await;
    let pkce = Pkce::new();
    let response = app
        .authorize(&person.client, &authorize_params(&client_id, &pkce))
        .await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert!(page.contains("Not registered here"), "{page}");
    assert!(page.contains("localhost"), "the host is shown: {page}");
    assert!(
        page.contains("Notes Agent"),
        "the claimed name is shown: {page}"
    );
    let redirect = app.decide(&person, &page, "allow").await;
    let params = location_params(&redirect);
    let code = param(&params, "code").expect("a code");
    let client = ClientApp {
        client_id: client_id.clone(),
        client_secret: None,
    };
    let tokens = app
        .exchange_with_verifier(&client, &code, &pkce.verifier)
        .await;
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(app.resource(access, "/api/v1/files").await.status(), 200);
    let refreshed = app
        .refreshed(&client, tokens["refresh_token"].as_str().unwrap())
        .await;
    assert!(refreshed["access_token"].is_string());
    // Without the verifier the code is useless (RFC 7636), as for any public client.
    let again = app
        .authorize(&person.client, &authorize_params(&client_id, &pkce))
        .await;
    let code = param(&location_params(&again), "code").unwrap();
    let refused = app.exchange_request(&client, &code).await;
    assert_eq!(refused.status(), 400);
    // Authorize, decide and the second authorization used one fetch.
    assert_eq!(site.hits(PATH), 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM client_documents").await, 1);
    let logged = app
        .count("SELECT COUNT(*) FROM audit_events WHERE event LIKE '%client_document_met%'")
        .await;
    assert_eq!(logged, 1, "the first meeting is in the audit log");
}

#[tokio::test]
async fn only_anyone_apis_scopes_are_offered_to_document_clients() {
    let (site, app) = site_and_server().await;
    let developer = app.sign_up("dev@example.com").await;
    developer
        .register_api(&developers_api_draft(
            "Team API",
            "https://team.example.com",
            &["secrets"],
        ))
        .await;
    let person = app.sign_up("person@example.com").await;
    let response = authorize_changed(&site, &app, &person, ("scope", "secrets:read")).await;
    assert_eq!(response.status(), 303);
    let back = location_params(&response);
    assert_eq!(param(&back, "error").as_deref(), Some("invalid_scope"));
}

#[tokio::test]
async fn documents_that_break_the_rules_are_refused_with_a_clear_page() {
    let site = DocumentSite::start().await;
    let app = spawn_app_with(site.trusting()).await;
    let big = json!({ "client_id": site.url("/big"), "padding": "x".repeat(70 * 1024) });
    let mut redirect = Answer::json(&json!({}), None);
    redirect.status = 302;
    redirect
        .headers
        .push(("location".to_owned(), site.url(PATH)));
    let mut slow = Answer::json(&document(&site.url("/slow")), None);
    slow.delay = Duration::from_secs(7);
    let mut not_json = Answer::json(&json!({}), None);
    not_json.body = b"{\"client_id\": ".to_vec();
    let mut chunked = Answer::json(&big, None);
    chunked.chunked = Some(4096);
    let mut secret = document(&site.url("/secret"));
    secret["client_secret"] = json!("shh");
    let mut jwt = document(&site.url("/jwt"));
    jwt["token_endpoint_auth_method"] = json!("private_key_jwt");
    site.serve(
        "/other-id",
        Answer::json(&document("https://evil.example/c"), None),
    );
    site.serve("/redirect", redirect);
    site.serve("/slow", slow);
    site.serve("/not-json", not_json);
    site.serve("/big", Answer::json(&big, None));
    site.serve("/chunked", chunked);
    site.serve("/secret", Answer::json(&secret, None));
    site.serve("/jwt", Answer::json(&jwt, None));
    let http = format!("http://localhost:{}{PATH}", site.port);
    let missing = site.url("/missing");
    // (client id, words the page must say)
    let table = [
        (site.url("/other-id"), "not the URL it was fetched from"),
        (http, "must use https"),
        (
            site.url("/redirect"),
            "redirect (302), which is not followed",
        ),
        (site.url("/slow"), "did not answer within 5 seconds"),
        (site.url("/not-json"), "not valid JSON client metadata"),
        (site.url("/big"), "larger than 64 KiB"),
        (site.url("/chunked"), "larger than 64 KiB"),
        (site.url("/secret"), "client secret"),
        (site.url("/jwt"), "private_key_jwt is not supported"),
        (missing, "status 404"),
        (format!("{}/a/../b", site.base), "normal form"),
        (format!("{}/c#frag", site.base), "fragment"),
    ];
    for (client_id, words) in table {
        let (status, page) = page_for(&app, &client_id).await;
        assert_eq!(status, 400, "{client_id}: {page}");
        assert!(
            page.contains(words),
            "{client_id}: expected “{words}” in {page}"
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM client_documents").await, 0);
}

#[tokio::test]
async fn a_redirect_uri_the_document_does_not_list_gets_an_error_page_not_a_redirect() {
    let (site, app) = site_and_server().await;
    let person = app.sign_up("person@example.com").await;
    let steal = ("redirect_uri", "https://attacker.example/steal");
    let response = authorize_changed(&site, &app, &person, steal).await;
    assert_eq!(response.status(), 400);
    assert!(response.headers().get("location").is_none());
    let page = response.text().await.unwrap();
    assert!(page.contains("not registered"), "{page}");
    // Loopback redirect URIs match on any port (RFC 8252 section 7.3).
    let loopback = ("redirect_uri", "http://127.0.0.1:49152/callback");
    let response = authorize_changed(&site, &app, &person, loopback).await;
    assert_eq!(response.status(), 200, "the consent page");
}

#[tokio::test]
async fn private_and_loopback_addresses_are_refused_without_the_setting() {
    let site = DocumentSite::start().await;
    let literal = format!("https://127.0.0.1:{}{PATH}", site.port);
    site.serve(PATH, Answer::json(&document(&literal), None));
    let app = spawn_app().await;
    for client_id in [site.url(PATH), literal.clone()] {
        let (status, page) = page_for(&app, &client_id).await;
        assert_eq!(status, 400, "{page}");
        assert!(page.contains("a loopback address"), "{client_id}: {page}");
    }
    assert_eq!(site.hits(PATH), 0, "nothing reached the site");
}

#[tokio::test]
async fn documents_are_reused_as_long_as_their_headers_allow_within_bounds() {
    let (site, app) = site_and_server().await;
    let client_id = site.url(PATH);
    let (_, sign_in) = page_for(&app, &client_id).await;
    assert!(
        sign_in.contains("Sign in to continue to <strong>localhost</strong>"),
        "the sign-in page names the host, not the claimed name: {sign_in}"
    );
    page_for(&app, &client_id).await;
    assert_eq!(site.hits(PATH), 1);
    app.clock.advance(3599);
    page_for(&app, &client_id).await;
    assert_eq!(site.hits(PATH), 1, "fresh for max-age=3600");
    app.clock.advance(1);
    page_for(&app, &client_id).await;
    assert_eq!(site.hits(PATH), 2, "fetched again once stale");

    // A document that asks not to be cached is still reused for five minutes.
    let path = "/no-store";
    let mut answer = Answer::json(&document(&site.url(path)), None);
    answer
        .headers
        .push(("cache-control".to_owned(), "no-store".to_owned()));
    site.serve(path, answer);
    page_for(&app, &site.url(path)).await;
    page_for(&app, &site.url(path)).await;
    assert_eq!(site.hits(path), 1);
    app.clock.advance(300);
    page_for(&app, &site.url(path)).await;
    assert_eq!(site.hits(path), 2);
}

#[tokio::test]
async fn parallel_authorizations_naming_an_uncached_document_fetch_it_once() {
    let site = DocumentSite::start().await;
    let mut slow = Answer::json(&document(&site.url(PATH)), None);
    slow.delay = Duration::from_millis(400);
    site.serve(PATH, slow);
    let app = spawn_app_with(site.trusting()).await;
    let client_id = site.url(PATH);
    let pkce = Pkce::new();
    let params = authorize_params(&client_id, &pkce);
    let browser = app.new_client();
    let requests = (0..40).map(|_| app.authorize(&browser, &params));
    for response in futures::future::join_all(requests).await {
        // Not signed in: the sign-in page, for a client that was found.
        assert_eq!(response.status(), 200);
    }
    assert_eq!(site.hits(PATH), 1);
}

#[tokio::test]
async fn the_hosts_list_and_the_off_switch_refuse_documents() {
    let site = DocumentSite::start().await;
    site.serve(PATH, Answer::json(&document(&site.url(PATH)), None));
    let listed = spawn_app_with(|config| {
        site.trusting()(config);
        config.client_documents.hosts = vec!["tools.example.com".to_owned()];
    })
    .await;
    assert_document_refused(
        &listed,
        &site,
        "does not accept metadata documents from localhost",
    )
    .await;
    let off = spawn_app_with(|config| {
        site.trusting()(config);
        config.client_documents.mode = clientele::config::Switch::Off;
    })
    .await;
    assert_document_refused(
        &off,
        &site,
        "does not accept clients identified by a metadata document URL",
    )
    .await;
    let discovery = off
        .get_json("/.well-known/oauth-authorization-server")
        .await;
    assert_eq!(discovery.get("client_id_metadata_document_supported"), None);
    assert_eq!(site.hits(PATH), 0);
}

#[tokio::test]
async fn administrators_see_document_clients_and_blocking_one_ends_its_tokens() {
    let (site, app) = site_and_server().await;
    let (client, tokens) = consented_client(&site, &app).await;
    let client_id = client.client_id.clone();
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    let refresh = tokens["refresh_token"].as_str().unwrap().to_owned();

    let developer = app.sign_up("dev@example.com").await;
    assert_eq!(
        developer
            .get("/api/v1/admin/client-documents")
            .await
            .status(),
        403
    );
    let admin = app.sign_up_admin("admin@example.com").await;
    let listed: Vec<Value> = admin.get_json("/api/v1/admin/client-documents").await;
    assert_eq!(listed.len(), 1);
    let entry = &listed[0];
    assert_eq!(entry["url"], client_id.as_str());
    assert_eq!(entry["host"], "localhost");
    assert_eq!(entry["claimed_name"], "Notes Agent");
    assert_eq!(entry["consents"], 1);
    assert_eq!(entry["blocked"], false);
    let id = entry["id"].as_str().unwrap();
    let block = format!("/api/v1/admin/client-documents/{id}/block");
    assert_eq!(developer.post(&block, &json!({})).await.status(), 403);
    assert_eq!(app.resource(&access, "/api/v1/files").await.status(), 200);

    let blocked: Value = admin.post_json(&block, &json!({})).await;
    assert_eq!(blocked["blocked"], true);
    assert_eq!(app.resource(&access, "/api/v1/files").await.status(), 401);
    let refused = app.refresh_request(&client, &refresh).await;
    assert_eq!(refused.status(), 400);
    let (status, page) = page_for(&app, &client_id).await;
    assert_eq!(status, 400);
    assert!(page.contains("disabled"), "{page}");
    assert_eq!(site.hits(PATH), 1, "a blocked client is not fetched");
    let logged = app
        .count("SELECT COUNT(*) FROM audit_events WHERE event LIKE '%client_document_blocked%'")
        .await;
    assert_eq!(logged, 1);

    // Unblocking lets it ask again; the tokens it lost stay revoked.
    let unblock = format!("/api/v1/admin/client-documents/{id}/unblock");
    let unblocked: Value = admin.post_json(&unblock, &json!({})).await;
    assert_eq!(unblocked["blocked"], false);
    assert_eq!(app.resource(&access, "/api/v1/files").await.status(), 401);
    let (status, _) = page_for(&app, &client_id).await;
    assert_eq!(status, 200);
    let missing = admin
        .post("/api/v1/admin/client-documents/cmd_nope/block", &json!({}))
        .await;
    assert_eq!(missing.status(), 404);
    // Disabled as an app (the console's app page) it is listed as blocked too.
    let encoded: String = url::form_urlencoded::byte_serialize(client_id.as_bytes()).collect();
    let disabled = admin
        .put(
            &format!("/api/v1/apps/{encoded}/disabled"),
            &json!({ "disabled": true }),
        )
        .await;
    assert_eq!(disabled.status(), 200);
    let listed: Vec<Value> = admin.get_json("/api/v1/admin/client-documents").await;
    assert_eq!(listed[0]["blocked"], true);
}

#[tokio::test]
async fn consenting_to_a_document_client_through_the_browser() {
    let site = DocumentSite::start().await;
    let app = spawn_app_with(site.trusting()).await;
    let client_site = ClientSite::start(&app.address).await;
    site.serve(PATH, Answer::json(&document(&site.url(PATH)), None));
    app.sign_up("person@example.com").await;
    let browser = Browser::start().await;
    let url = authorization_ui::authorize_url(
        &app,
        &site.url(PATH),
        &client_site.redirect_uri(),
        "openid files:read",
        &[],
    );
    browser.goto(&url).await;
    authorization_ui::sign_in_on_the_authorization_page(
        &browser,
        "person@example.com",
        clientele_tests::console_api::PASSWORD,
    )
    .await;
    browser
        .wait_for_text("[data-testid=consent-document-host]", "localhost")
        .await;
    browser
        .wait_for_text(
            "[data-testid=consent-not-registered]",
            "Not registered here",
        )
        .await;
    browser
        .wait_for_text("[data-testid=consent-app-name]", "Notes Agent")
        .await;
    authorization_ui::allow(&browser).await;
    let received = client_site.wait_for_callback(1).await;
    assert!(authorization_ui::param(&received, "code").is_some());
    assert_eq!(authorization_ui::param(&received, "state"), Some("xyz"));
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test]
async fn an_administrator_lists_and_blocks_a_document_client_through_the_browser() {
    let (site, app) = site_and_server().await;
    let (_, tokens) = consented_client(&site, &app).await;
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    app.sign_up_admin("admin@example.com").await;

    let browser = Browser::start().await;
    sign_in_through_the_page(&browser, &app, "admin@example.com").await;
    browser.goto(&app.url("/admin/client-documents")).await;
    let row = browser.shows("client-document-row", "localhost").await;
    assert_contains_all(
        &row,
        &["Notes Agent", "1 person allowed it", "First used", PATH],
    );
    browser
        .steps(&[
            Click("block-client-document"),
            Click("block-client-confirm"),
            Shows("client-documents-notice", "is blocked"),
            Shows("client-document-blocked", "Blocked"),
        ])
        .await;
    assert_eq!(app.resource(&access, "/api/v1/files").await.status(), 401);
    browser
        .steps(&[
            Click("unblock-client-document"),
            Shows("client-documents-notice", "may ask for access again"),
            Gone("client-document-blocked"),
        ])
        .await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test]
async fn a_node_with_documents_off_or_the_host_unlisted_refuses_a_client_met_before_at_the_token_endpoint(
) {
    let (site, app) = site_and_server().await;
    let (client, tokens) = consented_client(&site, &app).await;
    let refresh = tokens["refresh_token"].as_str().unwrap().to_owned();
    // (what the node says, how it is configured)
    let settings: [(&str, Configure); 2] = [
        (
            "does not accept clients identified by a metadata document URL",
            Box::new(|config| config.client_documents.mode = clientele::config::Switch::Off),
        ),
        (
            "does not accept metadata documents from localhost",
            Box::new(|config| config.client_documents.hosts = vec!["tools.example.com".into()]),
        ),
    ];
    for (words, configure) in settings {
        let node = spawn_configured_app_on(
            app.database_url.clone(),
            tempfile::tempdir().unwrap(),
            configure,
        )
        .await;
        let refused = node.refresh_request(&client, &refresh).await;
        assert_eq!(refused.status(), 400);
        let body: Value = refused.json().await.unwrap();
        assert_eq!(body["error"], "unauthorized_client");
        let description = body["error_description"].as_str().unwrap();
        assert!(description.contains(words), "{description}");
    }
    // The node that accepts it still refreshes: the refusals above spent nothing.
    assert!(app.refreshed(&client, &refresh).await["access_token"].is_string());
}

#[tokio::test]
async fn clients_met_that_nobody_allowed_are_cleaned_up_with_unused_registrations() {
    let (site, app) = site_and_server().await;
    let unused = "/unused.json";
    site.serve(unused, Answer::json(&document(&site.url(unused)), None));
    let (status, _) = page_for(&app, &site.url(unused)).await;
    assert_eq!(status, 200);
    consented_client(&site, &app).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM client_documents").await, 2);
    app.clock.advance(31 * 86_400);
    let removed = app
        .state
        .store
        .delete_unused_registrations(app.state.now() - 30 * 86_400)
        .await
        .unwrap();
    assert_eq!(removed, 1);
    let left: Vec<String> = app.scalars("SELECT client_id FROM client_documents").await;
    assert_eq!(left, vec![site.url(PATH)]);
}

#[tokio::test]
async fn one_slow_host_gets_at_most_four_fetches_at_once() {
    let site = DocumentSite::start().await;
    let paths: Vec<String> = (0..8).map(|n| format!("/slow-{n}.json")).collect();
    for path in &paths {
        let mut slow = Answer::json(&document(&site.url(path)), None);
        slow.delay = Duration::from_millis(800);
        site.serve(path, slow);
    }
    let app = spawn_app_with(site.trusting()).await;
    let urls: Vec<String> = paths.iter().map(|path| site.url(path)).collect();
    let pages = urls.iter().map(|url| page_for(&app, url));
    let answers = futures::future::join_all(pages).await;
    let served = answers.iter().filter(|(status, _)| *status == 200).count();
    let busy = answers
        .iter()
        .filter(|(_, page)| page.contains("too many fetches from localhost"))
        .count();
    assert_eq!((served, busy), (4, 4), "{answers:?}");
    let fetched: usize = paths.iter().map(|path| site.hits(path)).sum();
    assert_eq!(fetched, 4);
}
