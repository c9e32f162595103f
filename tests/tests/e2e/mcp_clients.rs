//! The proof with a real MCP client: the official MCP TypeScript SDK's OAuth client (npm
//! `@modelcontextprotocol/sdk`, run by Node.js from `tests/mcp/mcp_client.mjs`) meets a protected
//! MCP server it was never registered with (`clientele_tests::mcp_server`: RFC 9728 metadata
//! pointing at Clientele, an audience check by introspection), registers itself (RFC 7591) or
//! names its client ID metadata document (served over HTTPS by the test, with its own CA), and
//! the person signs in and consents in the real browser.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use clientele::config::{RegistrationMode, ServeConfig};
use clientele_tests::apis::{api_draft, credentials_of};
use clientele_tests::authorization_ui::{
    allow, consent_names_the_api, sign_in_on_the_authorization_page,
};
use clientele_tests::browser::Browser;
use clientele_tests::console_api::PASSWORD;
use clientele_tests::document_site::{Answer, DocumentSite};
use clientele_tests::resource_server::ResourceServer;
use clientele_tests::serving::free_port;
use clientele_tests::{assert_contains_all, spawn_app_with, tool_dir, TestApp};
use tokio::sync::mpsc;

/// The SDK as `scripts/install-tools.sh` installs it.
fn sdk_dir() -> PathBuf {
    let dir = tool_dir().join("node_modules/@modelcontextprotocol/sdk");
    assert!(
        dir.join("package.json").exists(),
        "the MCP SDK is missing at {}: run scripts/install-tools.sh",
        dir.display()
    );
    dir
}

/// The SDK client, started against `mcp_url`; its stdout lines are its events (read on a
/// thread of their own, so the test's runtime never blocks on the pipe).
struct SdkClient {
    child: Child,
    lines: mpsc::UnboundedReceiver<String>,
}

impl SdkClient {
    fn start(mcp_url: &str, metadata_url: Option<&str>) -> SdkClient {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("mcp/mcp_client.mjs");
        let mut command = Command::new("node");
        command
            .arg(script)
            .env("MCP_URL", mcp_url)
            .env("CALLBACK_PORT", free_port().to_string())
            .env("SDK_DIR", sdk_dir())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(url) = metadata_url {
            command.env("CLIENT_METADATA_URL", url);
        }
        let mut child = command.spawn().expect("starting node");
        let stdout = child.stdout.take().unwrap();
        let (sender, lines) = mpsc::unbounded_channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        SdkClient { child, lines }
    }

    /// The rest of the next line that starts with `event `.
    async fn next(&mut self, event: &str) -> String {
        let prefix = format!("{event} ");
        let wait = async {
            while let Some(line) = self.lines.recv().await {
                if let Some(rest) = line.strip_prefix(&prefix) {
                    return Some(rest.to_owned());
                }
            }
            None
        };
        match tokio::time::timeout(Duration::from_secs(60), wait).await {
            Ok(Some(rest)) => rest,
            outcome => {
                let _ = self.child.kill();
                panic!(
                    "the SDK client never said {event} ({outcome:?}); its stderr:\n{}",
                    self.stderr()
                );
            }
        }
    }

    fn stderr(&mut self) -> String {
        let mut text = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            let _ = stderr.read_to_string(&mut text);
        }
        text
    }

    /// Waits (off the runtime) for the script to end, and checks that it succeeded.
    async fn succeeds(mut self) {
        let (status, stderr) = tokio::task::spawn_blocking(move || {
            let stderr = self.stderr();
            (self.child.wait().unwrap(), stderr)
        })
        .await
        .unwrap();
        assert!(status.success(), "the SDK client failed: {stderr}");
    }
}

impl Drop for SdkClient {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Clientele with dynamic registration open (and whatever `configure` adds), a developer's MCP
/// server registered as an API anyone's apps may use, and a person with an account.
async fn world(
    configure: impl FnOnce(&mut ServeConfig) + Send + 'static,
) -> (TestApp, ResourceServer, String) {
    let app = spawn_app_with(|config| {
        config.registration.mode = RegistrationMode::Open;
        configure(config);
    })
    .await;
    let developer = app.sign_up("dev@example.com").await;
    let mcp = ResourceServer::start(&app.address).await;
    let mut draft = api_draft("Notes MCP", &mcp.identifier, &["notes"]);
    draft["visibility"] = "anyone".into();
    mcp.use_credentials(credentials_of(&developer.register_api(&draft).await));
    let person = app.sign_up("person@example.com").await;
    let person_id = person.account["id"].as_str().unwrap().to_owned();
    (app, mcp, person_id)
}

/// The person's part: sign in and allow on the page the SDK sent the browser to.
async fn person_allows(url: &str, expect_on_consent: &[&str]) {
    let browser = Browser::start().await;
    browser.goto(url).await;
    sign_in_on_the_authorization_page(&browser, "person@example.com", PASSWORD).await;
    consent_names_the_api(&browser, "Notes MCP").await;
    let page = browser.text("body").await;
    assert_contains_all(&page, expect_on_consent);
    allow(&browser).await;
    browser.wait_for_text("h1", "Authorized").await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// The whole journey: the SDK client starts against the MCP server, the person allows in the
/// browser, the tool answers with the person's id, once more after a refresh. Returns the
/// client id the SDK used.
async fn sdk_reaches_the_mcp_server(
    app: &TestApp,
    mcp: &ResourceServer,
    person_id: &str,
    metadata_url: Option<&str>,
    expect_on_consent: &[&str],
) -> String {
    let mut sdk = SdkClient::start(&format!("{}/mcp", mcp.identifier), metadata_url);
    let client_id = sdk.next("CLIENT").await;
    let authorize = sdk.next("AUTHORIZE").await;
    assert!(
        authorize.starts_with(&app.url("/oauth/authorize?")),
        "{authorize}"
    );
    let resource = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("resource", &mcp.identifier)
        .finish();
    assert!(authorize.contains(&resource), "RFC 8707: {authorize}");
    person_allows(&authorize, expect_on_consent).await;

    assert_eq!(sdk.next("TOOLS").await, "whoami");
    let expected = format!("signed in as {person_id}");
    assert_eq!(sdk.next("TOOL").await, expected);
    assert_eq!(
        sdk.next("TOOL-AFTER-REFRESH").await,
        expected,
        "the refreshed token is still for the MCP server"
    );
    sdk.succeeds().await;

    let audiences: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT audience FROM tokens WHERE client_id = $1 AND kind = 'access'",
    )
    .bind(&client_id)
    .fetch_all(app.state.store.pool())
    .await
    .unwrap();
    assert_eq!(
        audiences.len(),
        1,
        "both access tokens for the one API: {audiences:?}"
    );
    assert!(
        audiences[0].starts_with("api_"),
        "bound to the registered API: {audiences:?}"
    );
    client_id
}

async fn registration_of(app: &TestApp, client_id: &str) -> (String, String) {
    sqlx::query_as("SELECT owner_id, registration FROM apps WHERE client_id = $1")
        .bind(client_id)
        .fetch_one(app.state.store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_mcp_sdk_registers_itself_and_reaches_the_mcp_server_for_the_person_through_the_browser(
) {
    let (app, mcp, person_id) = world(|_| {}).await;
    let client_id =
        sdk_reaches_the_mcp_server(&app, &mcp, &person_id, None, &["SDK Test Client"]).await;
    assert_eq!(
        registration_of(&app, &client_id).await,
        ("usr_self_registered".to_owned(), "dynamic".to_owned()),
        "a self-registered client (RFC 7591)"
    );
}

#[tokio::test]
async fn the_mcp_sdk_names_its_metadata_document_and_reaches_the_mcp_server_through_the_browser() {
    let site = DocumentSite::start().await;
    let url = site.url("/mcp/client.json");
    let document = serde_json::json!({
        "client_id": url,
        "client_name": "SDK Test Client",
        "redirect_uris": ["http://127.0.0.1/callback"],
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "token_endpoint_auth_method": "none"
    });
    site.serve("/mcp/client.json", Answer::json(&document, Some(3600)));
    let (app, mcp, person_id) = world(site.trusting()).await;
    let client_id = sdk_reaches_the_mcp_server(
        &app,
        &mcp,
        &person_id,
        Some(&url),
        &["Not registered here", "localhost", "SDK Test Client"],
    )
    .await;
    assert_eq!(client_id, url, "the document's URL is the client id");
    assert_eq!(
        registration_of(&app, &client_id).await,
        ("usr_self_registered".to_owned(), "document".to_owned()),
        "a client met through its document, not registered"
    );
    assert_eq!(
        site.hits("/mcp/client.json"),
        1,
        "fetched once, then cached"
    );
}
