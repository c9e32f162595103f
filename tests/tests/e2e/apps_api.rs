//! Registering, listing, reading, editing and deleting apps through the console API.

use clientele_tests::console_api::{
    app_draft, app_draft_with_scopes, public_draft, spawn_app_with_developer,
};
use clientele_tests::fixtures::{png_base64, svg_base64};
use clientele_tests::{json_with_status, spawn_app, texts_of};
use reqwest::header;
use serde_json::{json, Value};

#[tokio::test]
async fn registering_an_app_shows_its_client_id_and_first_secret_once() {
    let (app, user) = spawn_app_with_developer().await;

    let created = user.register_app(&app_draft("Example Sync")).await;
    let client_id = created["app"]["client_id"].as_str().unwrap().to_owned();
    let secret = created["client_secret"].as_str().unwrap().to_owned();
    assert_eq!(client_id.len(), 43);
    assert!(secret.starts_with("cs_"), "{secret}");
    assert_eq!(
        created["app"]["scopes"],
        "accounts.self:read files:read files:write openid"
    );

    let detail: Value = user.get_json(&format!("/api/v1/apps/{client_id}")).await;
    assert_eq!(detail["name"], "Example Sync");
    assert!(
        !detail.to_string().contains(&secret),
        "the secret is never shown again"
    );

    let stored: Vec<(String, String)> =
        sqlx::query_as("SELECT secret_hash, prefix FROM client_secrets WHERE client_id = $1")
            .bind(&client_id)
            .fetch_all(app.state.store.pool())
            .await
            .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].0, secret, "only a hash is stored");
    assert!(secret.starts_with(&stored[0].1));
}

#[tokio::test]
async fn a_public_app_gets_no_secret() {
    let (app, user) = spawn_app_with_developer().await;
    let draft = public_draft("Example Mobile");
    let created = user.register_app(&draft).await;
    assert!(created["client_secret"].is_null());
    assert_eq!(app.count("SELECT COUNT(*) FROM client_secrets").await, 0);
}

#[tokio::test]
async fn a_public_app_cannot_have_the_client_credentials_grant_on_registering_or_editing() {
    let (app, user) = spawn_app_with_developer().await;
    let mut draft = public_draft("Example Mobile");
    draft["grant_types"] = json!(["authorization_code", "refresh_token", "client_credentials"]);
    let error = user.refused_registration(&draft).await;
    assert_eq!(
        error["fields"]["grant_types"],
        "Public apps cannot use client credentials: they have no secret to authenticate with."
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM apps").await, 0);

    draft["grant_types"] = json!(["authorization_code", "refresh_token"]);
    let created = user.register_app(&draft).await;
    let client_id = created["app"]["client_id"].as_str().unwrap();
    draft["grant_types"] = json!(["authorization_code", "client_credentials"]);
    let response = user.put(&format!("/api/v1/apps/{client_id}"), &draft).await;
    let error = json_with_status(response, 422).await;
    assert!(
        error["fields"]["grant_types"]
            .as_str()
            .is_some_and(|m| m.starts_with("Public apps cannot use client credentials")),
        "{error}"
    );
}

#[tokio::test]
async fn every_invalid_field_is_reported_at_once_and_nothing_is_stored() {
    let (app, user) = spawn_app_with_developer().await;
    let mut draft = app_draft("x");
    draft["website"] = json!("ftp://example.com");
    draft["redirect_uris"] = json!(["https://example.com/cb", "http://example.com/cb"]);
    draft["allowed_origins"] = json!(["https://example.com/path"]);
    draft["privacy_policy_url"] = json!("");

    let error = user.refused_registration(&draft).await;
    for field in [
        "name",
        "website",
        "redirect_uris.1",
        "allowed_origins.0",
        "privacy_policy_url",
    ] {
        assert!(
            error["fields"][field]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{field} missing in {error}"
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM apps").await, 0);
}

#[tokio::test]
async fn a_draft_breaking_one_rule_is_refused_on_that_field_and_nothing_is_stored() {
    let (app, user) = spawn_app_with_developer().await;
    let eleven: Vec<String> = (0..11)
        .map(|n| format!("https://example.com/cb{n}"))
        .collect();
    // (what, field, value, what the message under the field says)
    let table = [
        (
            "eleven redirect URLs",
            "redirect_uris",
            json!(eleven),
            "at most 10 redirect URLs",
        ),
        (
            "an unknown scope",
            "scopes",
            json!("files:write admin:everything"),
            "admin:everything",
        ),
    ];
    for (what, field, value, message) in table {
        let mut draft = app_draft(what);
        draft[field] = value;
        let error = user.refused_registration(&draft).await;
        assert!(
            error["fields"][field]
                .as_str()
                .is_some_and(|m| m.contains(message)),
            "{what}: {error}"
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM apps").await, 0);
}

#[tokio::test]
async fn apps_need_a_session_and_a_csrf_token() {
    let app = spawn_app().await;
    let anonymous = app.get("/api/v1/apps").await;
    assert_eq!(anonymous.status(), 401);

    let user = app.sign_up("dev@example.com").await;
    let no_csrf = app
        .post_from(&user.client, "/api/v1/apps", &app_draft("No Token"))
        .await;
    assert_eq!(no_csrf.status(), 403);
    assert_eq!(app.count("SELECT COUNT(*) FROM apps").await, 0);
}

#[tokio::test]
async fn another_users_app_is_not_found_for_reading_editing_and_deleting() {
    let app = spawn_app().await;
    let owner = app.sign_up("owner@example.com").await;
    let stranger = app.sign_up("stranger@example.com").await;
    let created = owner.register_app(&app_draft("Owner App")).await;
    let path = format!(
        "/api/v1/apps/{}",
        created["app"]["client_id"].as_str().unwrap()
    );

    assert_eq!(stranger.get(&path).await.status(), 404);
    assert_eq!(
        stranger.put(&path, &app_draft("Taken Over")).await.status(),
        404
    );
    assert_eq!(stranger.delete(&path).await.status(), 404);
    let list: Value = stranger.get_json("/api/v1/apps").await;
    assert_eq!(list["total"], 0);

    let detail: Value = owner.get_json(&path).await;
    assert_eq!(detail["name"], "Owner App");
}

/// The names of the apps on a page of the list, in its order.
fn names_on(page: &Value) -> Vec<&str> {
    texts_of(page["items"].as_array().expect("a page of apps"), "name")
}

#[tokio::test]
async fn the_app_list_pages_newest_first_and_searches_by_name() {
    let (app, user) = spawn_app_with_developer().await;
    for n in 0..5 {
        user.register_app(&app_draft(&format!("App number {n}")))
            .await;
        app.clock.advance(1);
    }
    user.register_app(&app_draft("Special 100% Tool")).await;

    let first: Value = user.get_json("/api/v1/apps?limit=4").await;
    assert_eq!(first["total"], 6);
    let names = names_on(&first);
    assert_eq!(
        names,
        [
            "Special 100% Tool",
            "App number 4",
            "App number 3",
            "App number 2"
        ]
    );
    let cursor = first["next_cursor"].as_str().unwrap();

    let second: Value = user
        .get_json(&format!("/api/v1/apps?limit=4&cursor={cursor}"))
        .await;
    let names = names_on(&second);
    assert_eq!(names, ["App number 1", "App number 0"]);
    assert!(second["next_cursor"].is_null());

    let found: Value = user.get_json("/api/v1/apps?q=NUMBER%203").await;
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["name"], "App number 3");
    assert_eq!(found["items"][0]["redirect_uri_count"], 2);

    let literal: Value = user.get_json("/api/v1/apps?q=100%25").await;
    assert_eq!(literal["total"], 1, "% is searched literally");
}

#[tokio::test]
async fn an_admin_lists_every_app_and_can_disable_one_but_a_developer_cannot() {
    let (app, developer) = spawn_app_with_developer().await;
    let client_id = developer
        .client_app(&app_draft("Developer App"))
        .await
        .client_id;
    let admin = app.sign_up_admin("admin@example.com").await;

    let all: Value = admin.get_json("/api/v1/apps?owner=all").await;
    assert_eq!(all["total"], 1);
    assert_eq!(all["items"][0]["owner_email"], "dev@example.com");
    assert_eq!(developer.get("/api/v1/apps?owner=all").await.status(), 403);

    let path = format!("/api/v1/apps/{client_id}/disabled");
    assert_eq!(
        developer
            .put(&path, &json!({"disabled": true}))
            .await
            .status(),
        403
    );
    let disabled: Value = admin
        .put(&path, &json!({"disabled": true}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(disabled["disabled"], true);
    let seen: Value = developer
        .get_json(&format!("/api/v1/apps/{client_id}"))
        .await;
    assert_eq!(seen["disabled"], true);
}

#[tokio::test]
async fn editing_an_app_narrows_its_settings_at_once() {
    let (_app, user) = spawn_app_with_developer().await;
    let created = user.register_app(&app_draft("Editable")).await;
    let path = format!(
        "/api/v1/apps/{}",
        created["app"]["client_id"].as_str().unwrap()
    );

    let mut draft = app_draft_with_scopes("Edited name", "files:read");
    draft["redirect_uris"] = json!(["https://example.com/callback"]);
    let response = user.put(&path, &draft).await;
    assert_eq!(response.status(), 200);
    let detail: Value = user.get_json(&path).await;
    assert_eq!(detail["name"], "Edited name");
    assert_eq!(detail["scopes"], "files:read");
    assert_eq!(
        detail["redirect_uris"],
        json!(["https://example.com/callback"])
    );

    let mut public = app_draft("Edited name");
    public["client_type"] = json!("public");
    let refused = user.put(&path, &public).await;
    let error = json_with_status(refused, 422).await;
    assert!(error["fields"]["client_type"].is_string());
}

#[tokio::test]
async fn deleting_an_app_removes_it_with_its_secrets_and_icon() {
    let (app, user) = spawn_app_with_developer().await;
    let created = user
        .register_app_with_icon("Short-lived", &png_base64(64, 64))
        .await;
    let path = format!(
        "/api/v1/apps/{}",
        created["app"]["client_id"].as_str().unwrap()
    );

    assert_eq!(user.delete(&path).await.status(), 204);
    assert_eq!(user.get(&path).await.status(), 404);
    assert_eq!(app.count("SELECT COUNT(*) FROM apps").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM client_secrets").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM app_icons").await, 0);
}

#[tokio::test]
async fn a_png_icon_is_served_as_32_and_64_pixel_png() {
    let (app, user) = spawn_app_with_developer().await;
    let created = user
        .register_app_with_icon("With Icon", &png_base64(200, 180))
        .await;
    let icon_url = created["app"]["icon_url"].as_str().unwrap().to_owned();

    for (size, expected) in [(32, 32), (64, 64)] {
        let response = app.get(&format!("{icon_url}&size={size}")).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "image/png");
        assert_eq!(
            response.headers()[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff"
        );
        let image = image::load_from_memory(&response.bytes().await.unwrap()).unwrap();
        assert_eq!((image.width(), image.height()), (expected, expected));
    }
}

#[tokio::test]
async fn icons_of_the_wrong_size_or_kind_are_refused_on_the_icon_field() {
    let (app, user) = spawn_app_with_developer().await;
    let too_deep = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg">{}{}</svg>"#,
        "<g>".repeat(100),
        "</g>".repeat(100)
    );
    for icon in [
        png_base64(31, 31),
        png_base64(32, 100),
        svg_base64(&too_deep),
    ] {
        let mut draft = app_draft("Bad Icon");
        draft["icon"] = json!(icon);
        let error = user.refused_registration(&draft).await;
        assert!(error["fields"]["icon"].is_string(), "{error}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM apps").await, 0);
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_413() {
    let (_app, user) = spawn_app_with_developer().await;
    let mut draft = app_draft("Huge");
    draft["description"] = json!("x".repeat(3 * 1024 * 1024));
    let response = user.post("/api/v1/apps", &draft).await;
    let error = json_with_status(response, 413).await;
    assert_eq!(error["error"], "payload_too_large");
}

#[tokio::test]
async fn app_names_that_would_display_as_something_else_are_refused_on_the_name_field() {
    let (app, user) = spawn_app_with_developer().await;
    let table = [
        (
            "Goo\u{200D}gle",
            "invisible characters such as zero-width joiners (U+200D)",
        ),
        (
            "Pay\u{200B}Pal",
            "invisible characters such as zero-width joiners (U+200B)",
        ),
        ("Evil\u{202E}ppA", "text-direction controls (U+202E)"),
        ("\u{2066}Bank\u{2069}", "text-direction controls (U+2066)"),
        ("\u{200B}\u{200D}\u{FEFF}", "Enter a name for the app."),
        ("\u{3164}\u{3164}\u{3164}", "Enter a name for the app."),
    ];
    for (name, message) in table {
        let response = user.post("/api/v1/apps", &app_draft(name)).await;
        assert_eq!(response.status(), 422, "{name:?}");
        let error: Value = response.json().await.unwrap();
        let field = error["fields"]["name"].as_str().unwrap_or_default();
        assert!(field.contains(message), "{name:?}: {error}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM apps").await, 0);
}

#[tokio::test]
async fn look_alike_hosts_are_accepted_as_typed_and_shown_in_punycode() {
    let (_app, user) = spawn_app_with_developer().await;
    let mut draft = app_draft("Apple Sync");
    draft["website"] = json!("https://аррӏе.com/");
    draft["redirect_uris"] = json!(["https://аррӏе.com/callback"]);
    let created = user.register_app(&draft).await;
    let website = created["app"]["website"].as_str().unwrap();
    let redirect = created["app"]["redirect_uris"][0].as_str().unwrap();
    // What the consent page shows for them (shared::url_text::display_host).
    for url in [website, redirect] {
        assert_eq!(
            shared::url_text::display_host_of(url).as_deref(),
            Some("xn--80ak6aa92e.com"),
            "{url}"
        );
    }
}
