//! The console API's OpenAPI document (`/api/v1/openapi.json`) against the live server:
//! schemathesis (an independent OpenAPI fuzzer, installed by scripts/install-tools.sh) sends
//! every operation generated requests, valid and invalid, as a signed-in developer, and fails
//! on any server error and on any answer the document does not describe (status code, body
//! schema, content type, headers).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clientele_tests::apis::api_draft;
use clientele_tests::console_api::{app_draft, spawn_app_with_developer, PASSWORD};
use clientele_tests::teams::link_path;
use clientele_tests::{header_text, json_with_status, send_for_json, spawn_app, tool_dir, TestApp};
use serde_json::{json, Value};

/// A run that takes longer than this is stopped and fails: the whole test command must stay
/// within minutes.
const RUN_LIMIT: Duration = Duration::from_secs(240);

#[tokio::test]
async fn the_document_is_served_as_openapi_3_1_naming_the_session_cookie_and_csrf_header() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(
        header_text(&response, reqwest::header::CONTENT_TYPE),
        "application/json"
    );
    let document = json_with_status(response, 200).await;
    assert_eq!(document["openapi"], "3.1.0");
    let schemes = &document["components"]["securitySchemes"];
    assert_eq!(
        schemes["session"],
        json!({ "type": "apiKey", "in": "cookie", "name": "clientele_session",
                "description": schemes["session"]["description"] })
    );
    assert_eq!(schemes["csrf"]["name"], "x-csrf-token");
    for path in [
        "/api/v1/apps",
        "/api/v1/apps/{client_id}/secrets/{secret_id}",
        "/api/v1/apis/{id}/owner",
        "/api/v1/teams/{slug}/invitations/{id}",
        "/api/v1/invitations/{token}/accept",
        "/api/v1/connections/{client_id}",
        "/api/v1/admin/client-documents/{id}/{action}",
        "/api/v1/built-in-api",
    ] {
        assert!(
            document["paths"][path].is_object(),
            "{path} is not documented"
        );
    }
    assert!(
        document["paths"]["/api/v1/me"].is_null(),
        "the demo resource API takes bearer tokens; it is not the console API"
    );
}

#[tokio::test]
async fn a_path_or_query_string_the_server_cannot_read_is_refused_with_the_json_error_body() {
    let (app, developer) = spawn_app_with_developer().await;
    let refusals: [(&str, u16, &str); 5] = [
        ("/api/v1/apps?limit=ten", 400, "bad_request"),
        ("/api/v1/apps?limit=-1", 400, "bad_request"),
        ("/api/v1/apps/some-app/icon?size=big", 400, "bad_request"),
        ("/api/v1/apps/%FF", 404, "not_found"),
        ("/api/v1/teams/%C0%AF/audit", 404, "not_found"),
    ];
    for (path, status, code) in refusals {
        let response = developer.get(path).await;
        assert_eq!(
            header_text(&response, reqwest::header::CONTENT_TYPE),
            "application/json",
            "{path}"
        );
        assert_eq!(
            json_with_status(response, status).await["error"],
            code,
            "{path}"
        );
    }
    let signed_out = app.get("/api/v1/invitations/%C0%AF").await;
    assert_eq!(
        json_with_status(signed_out, 404).await["error"],
        "not_found"
    );
}

/// A session of its own for schemathesis, signed in through the API: its cookie and CSRF token.
struct Session {
    cookie: String,
    csrf_token: String,
}

async fn sign_in(app: &TestApp, email: &str) -> Session {
    let response = app
        .session_attempt(&reqwest::Client::new(), email, PASSWORD)
        .await;
    let set_cookie = header_text(&response, reqwest::header::SET_COOKIE);
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    let session = json_with_status(response, 200).await;
    Session {
        cookie,
        csrf_token: session["csrf_token"].as_str().unwrap().to_owned(),
    }
}

/// The developer's objects that path parameters name, so operations reach real rows (not only
/// 404); bodies, queries and the rest are generated.
struct Objects {
    client_id: String,
    /// schemathesis.toml, naming them.
    config: String,
}

/// A developer signed up through the API, with an app (and its secret), an API, a team and an
/// invitation.
async fn developer_with_objects(app: &TestApp) -> Objects {
    let developer = app.sign_up("dev@example.com").await;
    let client_id = developer
        .client_app(&app_draft("Fuzzed app"))
        .await
        .client_id;
    let secrets = developer.secrets_of(&client_id).await;
    let secret_id = secrets[0]["id"].as_str().unwrap().to_owned();
    let draft = api_draft("Fuzzed API", "https://fuzzed.example.com", &["notes"]);
    let api_id = developer.api_id(&draft).await;
    let slug = developer.team_slug("Fuzzed team").await;
    let invitation = developer
        .invite(&slug, "invited@example.com", "developer")
        .await;
    let invitation_id = invitation["id"].as_str().unwrap().to_owned();
    let token = link_path(invitation["link"].as_str().unwrap())
        .trim_start_matches("/invitations/")
        .to_owned();
    let config = format!(
        r#"[parameters]
"path.client_id" = "{client_id}"
"path.secret_id" = "{secret_id}"
"path.slug" = "{slug}"
"path.email" = "dev@example.com"
"path.token" = "{token}"

[[operations]]
include-path-regex = "^/api/v1/apis/"
parameters = {{ "path.id" = "{api_id}" }}

[[operations]]
include-path-regex = "^/api/v1/teams/"
parameters = {{ "path.id" = "{invitation_id}" }}
"#
    );
    Objects { client_id, config }
}

/// schemathesis as scripts/install-tools.sh installs it.
fn schemathesis() -> PathBuf {
    let st = tool_dir().join("schemathesis/bin/st");
    assert!(
        st.exists(),
        "schemathesis is missing at {}: run scripts/install-tools.sh --browser",
        st.display()
    );
    st
}

/// Runs schemathesis against the app with `extra` arguments; its exit status and report.
async fn run_schemathesis(
    app: &TestApp,
    objects: &Objects,
    session: &Session,
    extra: &[&str],
) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("schemathesis.toml");
    std::fs::write(&config, &objects.config).unwrap();
    // The output goes to a file (a pipe could fill up while the test waits for the exit).
    let output_path = dir.path().join("output.txt");
    let output = std::fs::File::create(&output_path).unwrap();
    let mut child = std::process::Command::new(schemathesis())
        .current_dir(dir.path())
        .arg("--config-file")
        .arg(&config)
        .arg("--no-color")
        .arg("run")
        .arg(app.url("/api/v1/openapi.json"))
        .args(["--url", &app.address])
        .args([
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,\
             response_headers_conformance,response_schema_conformance",
        ])
        .args(["--phases", "examples,coverage,fuzzing"])
        .args(["--max-examples", "10"])
        .args(["--workers", "2"])
        .args(["--request-timeout", "20"])
        .args(["--suppress-health-check", "all"])
        .args(["--generation-with-security-parameters", "false"])
        .args(["--generation-database", "none"])
        .args(["--header", &format!("Cookie: {}", session.cookie)])
        .args(["--header", &format!("X-CSRF-Token: {}", session.csrf_token)])
        .args(extra)
        .stdout(output.try_clone().unwrap())
        .stderr(output)
        .spawn()
        .expect("starting schemathesis");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "schemathesis ran longer than {RUN_LIMIT:?}:\n{}",
                std::fs::read_to_string(&output_path).unwrap_or_default()
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let report = format!(
        "schemathesis took {:?}\n{}",
        started.elapsed(),
        std::fs::read_to_string(&output_path).unwrap_or_default()
    );
    (status.success(), report)
}

/// Operations that delete the objects the others work on: they run after them.
const DESTRUCTIVE: [&str; 4] = [
    "delete_app",
    "delete_api",
    "delete_team",
    "revoke_invitation",
];

/// `--include-operation-id ID` (or `--exclude-…`) for each of `ids`.
fn operations<'a>(flag: &'a str, ids: &[&'a str]) -> Vec<&'a str> {
    ids.iter().flat_map(|id| [flag, *id]).collect()
}

/// The ids of the operations the document tags `admin`.
async fn administrators_operations(app: &TestApp) -> Vec<String> {
    let document = json_with_status(app.get("/api/v1/openapi.json").await, 200).await;
    let mut ids = Vec::new();
    for item in document["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            if operation["tags"]
                .as_array()
                .unwrap()
                .contains(&json!("admin"))
            {
                ids.push(operation["operationId"].as_str().unwrap().to_owned());
            }
        }
    }
    assert!(ids.len() >= 10, "{ids:?}");
    ids
}

/// Runs schemathesis and fails with its report unless it passed.
async fn passes(app: &TestApp, objects: &Objects, session: &Session, extra: &[&str]) {
    let (passed, report) = run_schemathesis(app, objects, session, extra).await;
    assert!(passed, "{report}");
    println!("{report}");
}

#[tokio::test]
async fn schemathesis_finds_no_server_error_and_no_answer_the_document_does_not_describe() {
    let app = spawn_app().await;
    let objects = developer_with_objects(&app).await;
    let developer = sign_in(&app, "dev@example.com").await;
    let mut first = DESTRUCTIVE.to_vec();
    first.push("sign_out");
    let first = operations("--exclude-operation-id", &first);
    passes(&app, &objects, &developer, &first).await;
    // Then, as an administrator, the administrators' routes (the developer got 403 above) and
    // the operations that delete what the others worked on.
    app.sign_up_admin("admin@example.com").await;
    let admin = sign_in(&app, "admin@example.com").await;
    let mut second = administrators_operations(&app).await;
    second.extend(DESTRUCTIVE.map(String::from));
    let second: Vec<&str> = second.iter().map(String::as_str).collect();
    passes(
        &app,
        &objects,
        &admin,
        &operations("--include-operation-id", &second),
    )
    .await;
    // Signing out ends the session every other request rides on, so it runs on its own, last.
    let last = ["--include-operation-id", "sign_out"];
    passes(&app, &objects, &developer, &last).await;

    let sql = format!(
        "SELECT COUNT(*) FROM apps WHERE client_id = '{}'",
        objects.client_id
    );
    assert_eq!(
        app.count(&sql).await,
        0,
        "schemathesis deleted the app, signed in"
    );
    let session: Value = send_for_json(
        reqwest::Client::new()
            .get(app.url("/api/v1/session"))
            .header("cookie", &developer.cookie),
    )
    .await;
    assert!(session.is_null(), "schemathesis signed the developer out");
}
