//! Minting codes and tokens in advance through each server's real endpoints: the
//! authorization endpoint (with its sign-in and consent steps, followed like a browser with a
//! cookie jar), then the token endpoint.

use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use reqwest::{header, StatusCode};
use serde_json::Value;
use sha2::{Digest, Sha256};

pub const REDIRECT_URI: &str = "https://example.com/callback";
pub const SCOPE: &str = "files:read files:write accounts.self:read";
/// One PKCE pair for every code: the exchange still hashes and compares it each time.
pub const VERIFIER: &str = "bench-verifier-0123456789-0123456789-0123456789";

pub fn challenge() -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(VERIFIER.as_bytes()))
}

/// A browser-like client: its own cookie jar, redirects followed by hand.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("building an HTTP client")
}

/// Where a server's authorization endpoint is and which client asks.
#[derive(Clone)]
pub struct Authorize {
    pub base: String,
    pub path: String,
    pub client_id: String,
    /// Mint every code in a browser of its own (sign-in and consent each time), so that every
    /// code starts a grant of its own, as each Clientele code starts its own token family.
    /// oidc-provider otherwise puts every code of a user and client in one grant (a new grant
    /// in the same session revokes the last), and its in-memory adapter walks all of a grant's
    /// tokens on every write: thousands of codes in one grant, which no real user makes, slow
    /// it down to tens of requests per second.
    pub session_per_code: bool,
}

impl Authorize {
    fn first_url(&self) -> String {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("response_type", "code"),
                ("client_id", self.client_id.as_str()),
                ("redirect_uri", REDIRECT_URI),
                ("scope", SCOPE),
                ("state", "bench"),
                ("code_challenge", challenge().as_str()),
                ("code_challenge_method", "S256"),
            ])
            .finish();
        format!("{}{}?{query}", self.base, self.path)
    }

    /// One code: follows redirects, and submits Clientele's consent form when it is shown.
    /// Once the user has consented, both servers answer the first request with the code.
    pub async fn code(&self, browser: &reqwest::Client) -> anyhow::Result<String> {
        let own;
        let browser = if self.session_per_code {
            own = self::browser();
            &own
        } else {
            browser
        };
        let mut url = self.first_url();
        for _ in 0..10 {
            let response = browser.get(&url).send().await?;
            let status = response.status();
            if status.is_redirection() {
                let location = response
                    .headers()
                    .get(header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                let next = url::Url::parse(&url)?.join(location)?;
                if next.as_str().starts_with(REDIRECT_URI) {
                    let code = next
                        .query_pairs()
                        .find(|(k, _)| k == "code")
                        .map(|(_, v)| v.into_owned());
                    return code
                        .ok_or_else(|| anyhow::anyhow!("redirected without a code: {next}"));
                }
                url = next.to_string();
            } else if status == StatusCode::OK {
                let page = response.text().await?;
                let (Some(request), Some(csrf)) = (
                    hidden_field(&page, "request"),
                    hidden_field(&page, "csrf_token"),
                ) else {
                    anyhow::bail!("the authorization endpoint showed a page without a consent form (not signed in?)");
                };
                let response = browser
                    .post(format!("{}{}", self.base, self.path))
                    .header(header::ORIGIN, &self.base)
                    .form(&[
                        ("request", request.as_str()),
                        ("csrf_token", csrf.as_str()),
                        ("decision", "allow"),
                    ])
                    .send()
                    .await?;
                let location = response
                    .headers()
                    .get(header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                let next = url::Url::parse(location)?;
                let code = next
                    .query_pairs()
                    .find(|(k, _)| k == "code")
                    .map(|(_, v)| v.into_owned());
                return code.ok_or_else(|| {
                    anyhow::anyhow!("consent did not redirect with a code: {location}")
                });
            } else {
                anyhow::bail!(
                    "authorization answered {status}: {}",
                    response.text().await.unwrap_or_default()
                );
            }
        }
        anyhow::bail!("too many redirects minting a code")
    }

    /// `count` codes, minted by `parallel` tasks after a first one (which records consent).
    pub async fn codes(
        &self,
        browser: &reqwest::Client,
        count: usize,
        parallel: usize,
    ) -> anyhow::Result<Vec<String>> {
        let mut codes = vec![self.code(browser).await?];
        let remaining = count.saturating_sub(1);
        let mut tasks = Vec::new();
        for task in 0..parallel {
            let share = remaining / parallel + usize::from(task < remaining % parallel);
            let (this, browser) = (self.clone(), browser.clone());
            tasks.push(tokio::spawn(async move {
                let mut mine = Vec::with_capacity(share);
                for _ in 0..share {
                    mine.push(this.code(&browser).await?);
                }
                anyhow::Ok(mine)
            }));
        }
        for task in tasks {
            codes.extend(task.await??);
        }
        Ok(codes)
    }
}

/// `POST` to a token endpoint with `client_secret_basic`; the answer's JSON.
pub async fn token(
    url: &str,
    client_id: &str,
    secret: &str,
    form: &[(&str, &str)],
) -> anyhow::Result<Value> {
    let response = reqwest::Client::new()
        .post(url)
        .basic_auth(client_id, Some(secret))
        .form(form)
        .send()
        .await?;
    let status = response.status();
    let body: Value = response.json().await?;
    anyhow::ensure!(status == StatusCode::OK, "{url} answered {status}: {body}");
    Ok(body)
}

/// Refresh tokens to start rotation chains from, one code exchanged for each.
pub async fn refresh_tokens(
    url: &str,
    client_id: &str,
    secret: &str,
    codes: &[String],
) -> anyhow::Result<Vec<String>> {
    let mut tokens = Vec::new();
    for code in codes {
        let form = [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT_URI),
            ("code_verifier", VERIFIER),
        ];
        let body = token(url, client_id, secret, &form).await?;
        let refresh = body["refresh_token"]
            .as_str()
            .ok_or_else(|| anyhow::anyhow!("no refresh token from {url}: {body}"))?;
        tokens.push(refresh.to_owned());
    }
    Ok(tokens)
}

/// The value of a hidden form field in a server-rendered page.
fn hidden_field(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = start + html[start..].find('"')?;
    let raw = &html[start..end];
    Some(
        raw.replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#39;", "'")
            .replace("&amp;", "&"),
    )
}
