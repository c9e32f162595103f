//! How long the console takes to show "My apps": headless Chromium (through chromedriver)
//! opens `/apps` as a signed-in user, and a script installed before any page script runs
//! notes `performance.now()` (milliseconds since the navigation started) at the first frame
//! after the first app row is in the page. Cold loads are timed twice: on loopback, and over
//! Chromium's emulated "Fast 3G" (DevTools' preset: 562.5 ms round trip, 1.44 Mbit/s down,
//! 675 kbit/s up), the link issue 21's 2-second target is for.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

/// The row the apps list renders (frontend/src/components/app_row.rs).
const ROW: &str = r#"[data-testid="app-row"]"#;
const WAIT: Duration = Duration::from_secs(30);

/// DevTools' "Fast 3G" (`Network.emulateNetworkConditions`: latency in ms, throughput in bytes
/// per second).
const FAST_3G_LATENCY_MS: f64 = 562.5;
const FAST_3G_DOWN_BYTES: f64 = 1_440_000.0 / 8.0;
const FAST_3G_UP_BYTES: f64 = 675_000.0 / 8.0;

/// Runs in every new document before the page's own scripts.
fn observer_script() -> String {
    format!(
        r#"(() => {{
  const seen = () => {{
    if (window.__benchRowAt !== undefined || !document.querySelector('{ROW}')) return false;
    window.__benchRowAt = performance.now();
    requestAnimationFrame(() => {{ window.__benchShownAt = performance.now(); }});
    return true;
  }};
  new MutationObserver((_, observer) => {{ if (seen()) observer.disconnect(); }})
    .observe(document, {{ childList: true, subtree: true }});
}})();"#
    )
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct LoadTimes {
    /// Milliseconds from navigation to the first frame showing the list, per load.
    pub cold_ms: Vec<f64>,
    pub warm_ms: Vec<f64>,
    /// Cold loads over emulated Fast 3G.
    #[serde(default)]
    pub fast_3g_ms: Vec<f64>,
}

/// `loads` cold loads (HTTP cache off), `loads` warm ones and `loads` cold ones over Fast 3G
/// of `base/apps`, signed in as `email`.
/// On failure, a screenshot of the page goes to `failure_png`.
pub async fn measure(
    base: &str,
    email: &str,
    password: &str,
    loads: usize,
    failure_png: &std::path::Path,
) -> anyhow::Result<LoadTimes> {
    let mut driver = Driver::start().await?;
    let result = async {
        let client = &driver.client;
        sign_in(client, base, email, password).await?;
        cdp(
            client,
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": observer_script() }),
        )
        .await?;
        cdp(client, "Network.enable", json!({})).await?;
        let cold_ms = timed_loads(client, base, loads, false).await?;
        let warm_ms = timed_loads(client, base, loads, true).await?;
        cdp(
            client,
            "Network.emulateNetworkConditions",
            json!({
                "offline": false,
                "latency": FAST_3G_LATENCY_MS,
                "downloadThroughput": FAST_3G_DOWN_BYTES,
                "uploadThroughput": FAST_3G_UP_BYTES,
            }),
        )
        .await?;
        let fast_3g_ms = timed_loads(client, base, loads, false).await?;
        Ok(LoadTimes {
            cold_ms,
            warm_ms,
            fast_3g_ms,
        })
    }
    .await;
    if result.is_err() {
        if let Ok(png) = driver.client.screenshot().await {
            let _ = std::fs::write(failure_png, png);
        }
    }
    driver.close().await;
    result
}

/// Signs in through the console's own form, as a person would (the console also remembers
/// in localStorage that a session may exist).
async fn sign_in(client: &Client, base: &str, email: &str, password: &str) -> anyhow::Result<()> {
    client.goto(&format!("{base}/sign-in")).await?;
    let [email_field, password_field, submit, signed_in] = [
        "input-email",
        "input-password",
        "sign-in-submit",
        "account-name",
    ]
    .map(|id| format!(r#"[data-testid="{id}"]"#));
    let find = |css: String| async move {
        client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&css))
            .await
    };
    find(email_field).await?.send_keys(email).await?;
    find(password_field).await?.send_keys(password).await?;
    find(submit).await?.click().await?;
    find(signed_in).await?;
    Ok(())
}

/// `loads` timed loads of `base/apps`, the HTTP cache off (cold) or on (warm: one untimed
/// load fills it first).
async fn timed_loads(
    client: &Client,
    base: &str,
    loads: usize,
    cached: bool,
) -> anyhow::Result<Vec<f64>> {
    cdp(
        client,
        "Network.setCacheDisabled",
        json!({ "cacheDisabled": !cached }),
    )
    .await?;
    if cached {
        load(client, base).await?; // fills the cache
    }
    let mut times = Vec::with_capacity(loads);
    for _ in 0..loads {
        times.push(load(client, base).await?);
    }
    Ok(times)
}

async fn load(client: &Client, base: &str) -> anyhow::Result<f64> {
    client.goto("about:blank").await?;
    client.goto(&format!("{base}/apps")).await?;
    let started = Instant::now();
    while started.elapsed() < WAIT {
        let shown = client
            .execute("return window.__benchShownAt ?? null;", vec![])
            .await?;
        if let Some(ms) = shown.as_f64() {
            return Ok(ms);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    anyhow::bail!("the apps list never showed a row at {base}/apps")
}

/// A Chrome DevTools Protocol command through chromedriver.
async fn cdp(client: &Client, cmd: &str, params: Value) -> anyhow::Result<Value> {
    Ok(client
        .issue_cmd(Cdp {
            cmd: cmd.to_owned(),
            params,
        })
        .await?)
}

#[derive(Debug)]
struct Cdp {
    cmd: String,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()),
        )
    }
}

struct Driver {
    client: Client,
    process: Child,
    profile: std::path::PathBuf,
}

impl Driver {
    async fn start() -> anyhow::Result<Self> {
        let port = crate::procs::free_address()?.port();
        let chromedriver =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let process = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|err| anyhow::anyhow!("starting chromedriver: {err}"))?;
        let profile =
            std::env::temp_dir().join(format!("clientele-bench-chromium-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.display()),
                ],
            },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        let started = Instant::now();
        let client = loop {
            // chromedriver speaks plain HTTP on loopback.
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break client,
                Err(_) if started.elapsed() < WAIT => {
                    tokio::time::sleep(Duration::from_millis(100)).await
                }
                Err(err) => anyhow::bail!("chromedriver did not start Chromium: {err}"),
            }
        };
        Ok(Driver {
            client,
            process,
            profile,
        })
    }

    async fn close(&mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.process.kill();
        let _ = self.process.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
