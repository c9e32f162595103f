//! Headless Chromium driven through chromedriver (WebDriver), one browser per test.
//!
//! Browser tests run one at a time (a 2-core machine runs one Chromium comfortably) and fail
//! when the page logged an error to its console, which also catches CSP violations.

use std::net::TcpListener as StdListener;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use tempfile::TempDir;
use tokio::sync::{Mutex, MutexGuard};

static ONE_BROWSER_AT_A_TIME: Mutex<()> = Mutex::const_new(());

const WAIT: Duration = Duration::from_secs(20);

pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: TempDir,
    /// Shared by the browsers of one test (`another`); the next test's turn comes when all of
    /// them are gone.
    turn: Arc<MutexGuard<'static, ()>>,
}

/// What WebDriver tells of an element's state.
#[derive(Debug, Clone, Copy)]
enum ElementState {
    /// Ticked (a checkbox or radio button).
    Selected,
    /// Usable: not `disabled`.
    Enabled,
    /// Shown on the page.
    Displayed,
}

impl Browser {
    pub async fn start() -> Self {
        // An async lock: a test waiting for its turn does not block its runtime's thread.
        let turn = ONE_BROWSER_AT_A_TIME.lock().await;
        Browser::launch(Arc::new(turn)).await
    }

    /// A second browser for the same test (a person's other computer), with its own profile
    /// and cookies, in this test's turn.
    pub async fn another(&self) -> Self {
        Browser::launch(self.turn.clone()).await
    }

    async fn launch(turn: Arc<MutexGuard<'static, ()>>) -> Self {
        let profile = tempfile::tempdir().expect("creating a browser profile folder");
        let capabilities = capabilities(&profile);
        // The port `free_port` found can be taken by another test's server before chromedriver
        // binds it; chromedriver then exits, and that server answers the session request with
        // something that is not WebDriver. A new chromedriver on a new port is the way out.
        let mut last_failure = String::new();
        for _ in 0..3 {
            let port = free_port();
            let mut driver = spawn_driver(port);
            match connect(&mut driver, port, &capabilities).await {
                Ok(client) => {
                    return Browser {
                        client,
                        driver,
                        _profile: profile,
                        turn,
                    }
                }
                Err(failure) => {
                    stop(&mut driver);
                    last_failure = failure;
                }
            }
        }
        panic!("chromedriver did not start a browser: {last_failure}");
    }

    pub async fn goto(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|err| panic!("opening {url}: {err}"));
    }

    /// Waits for an element and returns it.
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|err| panic!("no element matches `{css}`: {err}"))
    }

    /// The text of the element `css` (waiting for it to exist).
    pub async fn text(&self, css: &str) -> String {
        self.find(css)
            .await
            .text()
            .await
            .unwrap_or_else(|err| panic!("reading the text of `{css}`: {err}"))
    }

    /// Waits until the element's text contains `expected`, and returns the whole text.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> String {
        let started = Instant::now();
        let mut last = String::new();
        while started.elapsed() < WAIT {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                last = element.text().await.unwrap_or_default();
                if last.contains(expected) {
                    return last;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("`{css}` never showed {expected:?}; last text was {last:?}");
    }

    /// Replaces the text of an input with `text`, typing it as a person would.
    pub async fn fill(&self, css: &str, text: &str) {
        let element = self.find(css).await;
        element
            .clear()
            .await
            .unwrap_or_else(|err| panic!("clearing `{css}`: {err}"));
        element
            .send_keys(text)
            .await
            .unwrap_or_else(|err| panic!("typing into `{css}`: {err}"));
    }

    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|err| panic!("clicking `{css}`: {err}"));
    }

    /// Whether a checkbox or radio button is ticked.
    pub async fn is_checked(&self, css: &str) -> bool {
        self.is(css, ElementState::Selected).await
    }

    /// Whether the element `css` (waiting for it to exist) can be used: not `disabled`.
    pub async fn is_enabled(&self, css: &str) -> bool {
        self.is(css, ElementState::Enabled).await
    }

    /// Whether the element `css` (waiting for it to exist) is shown on the page.
    pub async fn is_displayed(&self, css: &str) -> bool {
        self.is(css, ElementState::Displayed).await
    }

    /// Whether the element `css` (waiting for it to exist) is in `state` now.
    async fn is(&self, css: &str, state: ElementState) -> bool {
        let element = self.find(css).await;
        let answer = match state {
            ElementState::Selected => element.is_selected().await,
            ElementState::Enabled => element.is_enabled().await,
            ElementState::Displayed => element.is_displayed().await,
        };
        answer.unwrap_or_else(|err| panic!("reading `{css}`: {err}"))
    }

    /// The attribute `name` of the element `css` (waiting for it to exist); `None` when the
    /// element has no such attribute.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.find(css)
            .await
            .attr(name)
            .await
            .unwrap_or_else(|err| panic!("reading {name} of `{css}`: {err}"))
    }

    /// The current value of an input.
    pub async fn value(&self, css: &str) -> String {
        let element = self.find(css).await;
        element
            .prop("value")
            .await
            .unwrap_or_else(|err| panic!("reading `{css}`: {err}"))
            .unwrap_or_default()
    }

    /// Waits until the page's path (and query) is `path`.
    pub async fn wait_for_path(&self, path: &str) {
        let started = Instant::now();
        let mut last = String::new();
        while started.elapsed() < WAIT {
            if let Ok(url) = self.client.current_url().await {
                last = match url.query() {
                    Some(query) => format!("{}?{query}", url.path()),
                    None => url.path().to_owned(),
                };
                if last == path {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the page never reached {path:?}; it is at {last:?}");
    }

    /// Waits until nothing matches `css`.
    pub async fn wait_until_gone(&self, css: &str) {
        let started = Instant::now();
        while started.elapsed() < WAIT {
            if self
                .client
                .find_all(Locator::Css(css))
                .await
                .map(|found| found.is_empty())
                .unwrap_or(false)
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("`{css}` is still on the page");
    }

    /// How many elements match `css` right now.
    pub async fn count(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map(|found| found.len())
            .unwrap_or(0)
    }

    /// Everything the page logged at level SEVERE (errors, failed loads, CSP violations).
    pub async fn console_errors(&self) -> Vec<String> {
        let entries = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .expect("reading the browser log");
        entries
            .as_array()
            .into_iter()
            .flatten()
            .filter(|entry| entry["level"] == "SEVERE")
            .map(|entry| entry["message"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    pub async fn assert_no_console_errors(&self) {
        let errors = self.console_errors().await;
        assert!(errors.is_empty(), "the page logged errors: {errors:#?}");
    }

    /// Checks that every error the page logged is a refusal the test caused on purpose: Chromium
    /// logs each 4xx answer as an error naming the URL (`url_part` is in it) and the status
    /// (`status` is in the message, e.g. "status of 429").
    pub async fn assert_only_refusals(&self, url_part: &str, status: &str) {
        let errors = self.console_errors().await;
        assert!(
            errors
                .iter()
                .all(|error| error.contains(url_part) && error.contains(status)),
            "the page logged errors: {errors:#?}"
        );
    }

    /// The end of a test that passed through pages: nothing was logged as an error (a CSP
    /// violation, a failed load, a panic), then `close`.
    pub async fn finish(self) {
        self.assert_no_console_errors().await;
        self.close().await;
    }

    /// The end of a test whose page logged only the refusals it caused on purpose (see
    /// `assert_only_refusals`), then `close`.
    pub async fn finish_with_refusals(self, url_part: &str, status: &str) {
        self.assert_only_refusals(url_part, status).await;
        self.close().await;
    }

    /// Ends the session and the driver. Call at the end of every test.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        self.stop_driver();
    }

    /// Kills chromedriver's process group: the driver and every Chromium process it started.
    fn stop_driver(&mut self) {
        stop(&mut self.driver);
    }
}

/// chromedriver on `port`, in a process group of its own, so that stopping it also stops the
/// Chromium it started, even when a test panics before the session is closed.
fn spawn_driver(port: u16) -> Child {
    Command::new(chromedriver_path())
        .arg(format!("--port={port}"))
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting chromedriver (installed by scripts/install-tools.sh)")
}

/// A session with the chromedriver on `port`, waiting for it to listen; an error when it exits
/// or does not answer as WebDriver within `WAIT`.
async fn connect(
    driver: &mut Child,
    port: u16,
    capabilities: &serde_json::Map<String, Value>,
) -> Result<Client, String> {
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    loop {
        if let Ok(Some(status)) = driver.try_wait() {
            return Err(format!("chromedriver on port {port} exited ({status})"));
        }
        // chromedriver listens on plain HTTP on loopback: no TLS needed.
        let attempt = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&url)
            .await;
        match attempt {
            Ok(client) => return Ok(client),
            Err(err) if started.elapsed() >= WAIT => return Err(err.to_string()),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// The headless Chromium every test uses, with its profile in `profile`.
fn capabilities(profile: &TempDir) -> serde_json::Map<String, Value> {
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium_path(),
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.path().display()),
            ],
        },
        "goog:loggingPrefs": { "browser": "ALL" },
    });
    match capabilities {
        Value::Object(map) => map,
        _ => unreachable!(),
    }
}

/// Stops chromedriver and, through its process group, the Chromium it started.
fn stop(driver: &mut Child) {
    if let Ok(None) = driver.try_wait() {
        let group = format!("-{}", driver.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
    }
    let _ = driver.kill();
    let _ = driver.wait();
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Also reached when a test panics before `close`.
        self.stop_driver();
    }
}

/// chromedriver's log endpoint (`POST /session/{id}/se/log`), which fantoccini does not wrap.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": "browser" }).to_string()),
        )
    }
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free port")
}

fn chromedriver_path() -> String {
    std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_owned())
}

fn chromium_path() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned())
}
