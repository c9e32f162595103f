//! `/api/v1/apis`: registering APIs (resource servers) through the console API, who sees them,
//! and which apps may ask for their scopes.

use serde_json::{json, Value};

use clientele_tests::apis::{api_draft, developers_api_draft};
use clientele_tests::console_api::{app_draft_with_scopes, spawn_app_with_developer};
use clientele_tests::{assert_contains_all, spawn_app, text_at, texts_of};

#[tokio::test]
async fn a_registered_api_is_listed_after_the_built_in_one_with_its_scopes_and_credentials() {
    let (app, developer) = spawn_app_with_developer().await;
    let created = developer
        .register_api(&api_draft(
            "Calendar API",
            "https://calendar.example.com",
            &["calendar", "events"],
        ))
        .await;
    let api = &created["api"];
    assert!(text_at(api, "/id").starts_with("api_"));
    assert_eq!(api["mine"], true);
    assert_eq!(api["owner_email"], "dev@example.com");
    let secret = created["client_secret"].as_str().unwrap();
    assert!(secret.starts_with("ras_"));

    let listed: Value = developer.get("/api/v1/apis").await.json().await.unwrap();
    assert_eq!(listed[0]["id"], "builtin");
    assert_eq!(listed[0]["built_in"], true);
    assert_eq!(
        listed[0]["resources"],
        json!(["accounts.self", "accounts", "files", "rooms"])
    );
    assert_eq!(listed[1]["identifier"], "https://calendar.example.com");
    assert_eq!(listed[1]["resources"], json!(["calendar", "events"]));
    assert!(
        !listed.to_string().contains(secret),
        "the secret is shown once, at creation"
    );

    // Stored as a hash, never in clear.
    let stored: String = app.scalar("SELECT secret_hash FROM apis").await;
    assert_ne!(stored, secret);
    let resources: Vec<String> = app
        .scalars("SELECT name FROM api_resources ORDER BY position")
        .await;
    assert_eq!(resources, ["calendar", "events"]);

    let id = api["id"].as_str().unwrap();
    let metadata: Value = developer
        .get(&format!("/api/v1/apis/{id}/metadata"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        metadata,
        json!({
            "resource": "https://calendar.example.com",
            "authorization_servers": [app.address],
            "scopes_supported": ["calendar:read", "calendar:write", "events:read", "events:write"],
            "bearer_methods_supported": ["header"],
            "resource_name": "Calendar API"
        })
    );
}

#[tokio::test]
async fn bad_registrations_are_refused_per_field_with_the_shared_messages() {
    let (app, developer) = spawn_app_with_developer().await;
    developer
        .register_api(&api_draft(
            "Calendar API",
            "https://calendar.example.com",
            &["calendar"],
        ))
        .await;
    let long_identifier = format!("https://api.example.com/{}", "x".repeat(5000));
    let many: Vec<String> = (0..21).map(|n| format!("r{n}")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    // (what, draft, field, message)
    let table: Vec<(&str, Value, &str, &str)> = vec![
        (
            "plain http",
            api_draft("Notes", "http://notes.example.com", &["notes"]),
            "identifier",
            "URLs must use https, except http on 127.0.0.1, [::1] or localhost.",
        ),
        (
            "a fragment",
            api_draft("Notes", "https://notes.example.com/#api", &["notes"]),
            "identifier",
            "Identifiers may not contain a fragment (#…).",
        ),
        (
            "a huge identifier",
            api_draft("Notes", &long_identifier, &["notes"]),
            "identifier",
            "URLs may be at most 2,000 characters long.",
        ),
        (
            "the identifier of another API",
            api_draft("Notes", "https://calendar.example.com", &["notes"]),
            "identifier",
            "Another API already uses this identifier.",
        ),
        (
            "the built-in API's identifier",
            api_draft("Notes", &format!("{}/api/v1", app.address), &["notes"]),
            "identifier",
            "Another API already uses this identifier.",
        ),
        (
            "a look-alike letter (Cyrillic а)",
            api_draft("Notes", "https://notes.example.com", &["nоtes"]),
            "resources.0",
            "Resource names may contain only lowercase letters a-z, digits, '.', '-' and '_'; \"о\" is not allowed.",
        ),
        (
            "a built-in resource's name",
            api_draft("Notes", "https://notes.example.com", &["files"]),
            "resources.0",
            "\"files\" is already a resource of Clientele API; scope names must be unique, so choose another name.",
        ),
        (
            "another API's resource name",
            api_draft("Notes", "https://notes.example.com", &["notes", "calendar"]),
            "resources.1",
            "\"calendar\" is already a resource of Calendar API; scope names must be unique, so choose another name.",
        ),
        (
            "the same name twice",
            api_draft("Notes", "https://notes.example.com", &["notes", "notes"]),
            "resources.1",
            "\"notes\" is listed twice.",
        ),
        (
            "no resources",
            api_draft("Notes", "https://notes.example.com", &[]),
            "resources",
            "Add at least one resource.",
        ),
        (
            "too many resources",
            api_draft("Notes", "https://notes.example.com", &many),
            "resources",
            "An API may declare at most 20 resources.",
        ),
        (
            "an identity scope's name",
            api_draft("Notes", "https://notes.example.com", &["openid"]),
            "resources.0",
            "\"openid\" is an OpenID Connect scope; choose another name.",
        ),
        (
            "a name too short",
            api_draft("N", "https://notes.example.com", &["notes"]),
            "name",
            "API names must be at least 3 characters long.",
        ),
        (
            "a lifetime of a second",
            {
                let mut draft = api_draft("Notes", "https://notes.example.com", &["notes"]);
                draft["token_lifetime"] = json!(1);
                draft
            },
            "token_lifetime",
            "Token lifetimes are between 60 seconds and 86,400 seconds (one day).",
        ),
    ];
    for (what, draft, field, message) in table {
        let response = developer.post("/api/v1/apis", &draft).await;
        assert_eq!(response.status(), 422, "{what}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["fields"][field], message, "{what}: {body}");
    }
    let count: i64 = app.scalar("SELECT COUNT(*) FROM apis").await;
    assert_eq!(count, 1, "nothing more was stored");
}

#[tokio::test]
async fn private_apis_are_hidden_from_other_developers_and_their_scopes_refused_like_unknown_ones()
{
    let app = spawn_app().await;
    let alice = app.sign_up("alice@example.com").await;
    let bob = app.sign_up("bob@example.com").await;
    let private = alice
        .register_api(&api_draft("Diary", "https://diary.example.com", &["diary"]))
        .await;
    alice
        .register_api(&developers_api_draft(
            "Weather",
            "https://weather.example.com",
            &["weather"],
        ))
        .await;

    let seen: Value = bob.get("/api/v1/apis").await.json().await.unwrap();
    let names = texts_of(seen.as_array().unwrap(), "name");
    assert_eq!(names, ["Clientele API", "Weather"]);
    assert_eq!(seen[1]["mine"], false);
    assert_eq!(
        seen[1]["client_id"],
        Value::Null,
        "others never see credentials"
    );
    let private_id = private["api"]["id"].as_str().unwrap();
    assert_eq!(
        bob.get(&format!("/api/v1/apis/{private_id}"))
            .await
            .status(),
        404
    );
    assert_eq!(
        bob.delete(&format!("/api/v1/apis/{private_id}"))
            .await
            .status(),
        404
    );
    assert_eq!(
        bob.delete("/api/v1/apis/builtin").await.status(),
        403,
        "the built-in API cannot be deleted"
    );

    // (scopes Bob's app asks for, expected status, message under `scopes`)
    let table = [
        (
            "diary:read",
            422,
            Some("\"diary:read\" is not a scope this server offers."),
        ),
        (
            "nothing:write",
            422,
            Some("\"nothing:read\" is not a scope this server offers."),
        ),
        ("weather:write files:read", 201, None),
    ];
    for (scopes, status, message) in table {
        let draft = app_draft_with_scopes("Bob's app", scopes);
        let response = bob.post("/api/v1/apps", &draft).await;
        assert_eq!(response.status(), status, "{scopes}");
        if let Some(message) = message {
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["fields"]["scopes"], message, "{scopes}");
        }
    }
    // Alice's own apps may use her private API.
    let draft = app_draft_with_scopes("Alice's app", "diary:write");
    assert_eq!(alice.post("/api/v1/apps", &draft).await.status(), 201);
}

#[tokio::test]
async fn two_developers_racing_for_one_resource_name_get_one_api_between_them() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice@example.com").await;
    let bob = app.sign_up("bob@example.com").await;
    let mut attempts = Vec::new();
    for round in 0..6 {
        let name = format!("tasks{round}");
        let for_alice = api_draft("Tasks", &format!("https://a{round}.example.com"), &[&name]);
        let for_bob = api_draft("Tasks", &format!("https://b{round}.example.com"), &[&name]);
        let (first, second) = tokio::join!(
            alice.post("/api/v1/apis", &for_alice),
            bob.post("/api/v1/apis", &for_bob),
        );
        attempts.push((first.status().as_u16(), second.status().as_u16()));
    }
    for (round, (first, second)) in attempts.iter().enumerate() {
        let mut statuses = [*first, *second];
        statuses.sort();
        assert_eq!(statuses, [201, 422], "round {round}");
    }
    let stored: i64 = app.scalar("SELECT COUNT(*) FROM api_resources").await;
    assert_eq!(stored, 6);
}

#[tokio::test]
async fn a_consent_page_names_the_api_and_groups_its_scopes() {
    let (app, developer) = spawn_app_with_developer().await;
    developer
        .register_api(&api_draft(
            "Tasks API",
            "https://tasks.example.com",
            &["tasks"],
        ))
        .await;
    let draft = app_draft_with_scopes("Planner", "tasks:write files:read openid");
    let client = developer.client_app(&draft).await;
    let person = app.sign_up("person@example.com").await;
    let page = app
        .authorize(
            &person.client,
            &[
                ("response_type", "code"),
                ("client_id", &client.client_id),
                ("redirect_uri", clientele_tests::oauth::REDIRECT_URI),
                ("scope", "tasks:write files:read openid"),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    assert_contains_all(
        &page,
        &[
            "It will reach <strong>Clientele API</strong>",
            "<strong>Tasks API</strong> (<span class=\"host\">tasks.example.com</span>)",
            "<h3 class=\"api-name\" data-testid=\"consent-api\">Tasks API</h3>",
            "View, create, change and delete your tasks in Tasks API.",
            "<h3 class=\"api-name\">Your identity</h3>",
        ],
    );
}
