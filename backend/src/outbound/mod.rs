//! The one way this server fetches a URL someone else named (a client's metadata document):
//! https only, no redirects, a size limit enforced while the body streams in, one timeout for
//! the whole exchange, a bounded number of fetches at once, and no connection to an address
//! the public Internet could not reach (`addresses.rs`). The address check runs on the
//! addresses DNS returned, inside the resolver the connection itself uses (`resolver.rs`), so a
//! name that changes between a check and the connection cannot slip through; hosts written as
//! IP literals skip DNS and are checked here.

pub mod addresses;
mod resolver;

use std::net::IpAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;
use url::{Host, Url};

pub use resolver::AddressRefused;

/// The most one response may carry.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// The whole exchange: connecting, TLS, the request and the body.
pub const TIMEOUT: Duration = Duration::from_secs(5);
/// Fetches running at once; more wait up to `TIMEOUT` for a turn, then give up.
pub const MAX_CONCURRENT: usize = 16;
/// Fetches from one host at once (waiting ones included), so one slow host cannot hold every
/// turn; more are refused at once.
pub const MAX_PER_HOST: usize = 4;

/// Why a fetch gave nothing; the text is meant for the person or client who named the URL.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FetchError {
    #[error("only https URLs are fetched")]
    NotHttps,
    #[error("{host} is {reason}, which this server does not connect to")]
    Refused { host: String, reason: &'static str },
    #[error("{0} could not be reached")]
    Unreachable(String),
    #[error("the server answered with a redirect ({0}), which is not followed")]
    Redirect(u16),
    #[error("the server answered with status {0}")]
    Status(u16),
    #[error("the answer is larger than {} KiB", MAX_BODY_BYTES / 1024)]
    TooLarge,
    #[error("the server did not answer within {} seconds", TIMEOUT.as_secs())]
    Timeout,
    #[error("too many fetches are running; try again shortly")]
    Busy,
    #[error("too many fetches from {0} are running; try again shortly")]
    HostBusy(String),
}

/// A successful answer: its body and how long it may be reused (RFC 9111), if it says.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub body: Vec<u8>,
    /// Seconds from Cache-Control (`max-age`, 0 for `no-store`/`no-cache`) or Expires.
    pub fresh_for: Option<i64>,
}

/// The guarded client; one per server.
pub struct Outbound {
    client: reqwest::Client,
    allow_private: bool,
    slots: Semaphore,
    /// Fetches in flight per host; a host leaves the map when its last one ends.
    per_host: std::sync::Mutex<std::collections::HashMap<String, usize>>,
}

/// One fetch's place in `per_host`, given back when dropped.
struct HostTurn<'a> {
    per_host: &'a std::sync::Mutex<std::collections::HashMap<String, usize>>,
    host: String,
}

impl Drop for HostTurn<'_> {
    fn drop(&mut self) {
        let mut per_host = self
            .per_host
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(count) = per_host.get_mut(&self.host) {
            *count -= 1;
            if *count == 0 {
                per_host.remove(&self.host);
            }
        }
    }
}

impl Outbound {
    /// `allow_private` lets private and loopback addresses through (tests, intranets); `ca_file`
    /// holds extra PEM certificates trusted for outgoing HTTPS.
    pub fn new(allow_private: bool, ca_file: Option<&Path>) -> anyhow::Result<Outbound> {
        let mut builder = reqwest::Client::builder()
            .https_only(true)
            .redirect(reqwest::redirect::Policy::none())
            // A proxy from the environment would resolve names itself, past the check.
            .no_proxy()
            .timeout(TIMEOUT)
            .connect_timeout(TIMEOUT)
            .user_agent(concat!("Clientele/", env!("CARGO_PKG_VERSION")))
            .dns_resolver(Arc::new(resolver::GuardedResolver { allow_private }));
        if let Some(path) = ca_file {
            let pem = std::fs::read(path)
                .map_err(|err| anyhow::anyhow!("reading {}: {err}", path.display()))?;
            let certificates = reqwest::Certificate::from_pem_bundle(&pem).map_err(|err| {
                anyhow::anyhow!("{} holds no PEM certificates: {err}", path.display())
            })?;
            if certificates.is_empty() {
                anyhow::bail!("{} holds no PEM certificates", path.display());
            }
            for certificate in certificates {
                builder = builder.add_root_certificate(certificate);
            }
        }
        Ok(Outbound {
            client: builder.build()?,
            allow_private,
            slots: Semaphore::new(MAX_CONCURRENT),
            per_host: Default::default(),
        })
    }

    /// `GET url` with `Accept: application/json`, under every guard above.
    pub async fn fetch_json(&self, url: &Url) -> Result<Fetched, FetchError> {
        if url.scheme() != "https" {
            return Err(FetchError::NotHttps);
        }
        let literal = match url.host() {
            Some(Host::Ipv4(ip)) => Some(IpAddr::V4(ip)),
            Some(Host::Ipv6(ip)) => Some(IpAddr::V6(ip)),
            Some(Host::Domain(_)) => None,
            None => return Err(FetchError::Unreachable(url.to_string())),
        };
        if let Some(ip) = literal {
            if let Some(reason) = resolver::refused(ip, self.allow_private) {
                return Err(FetchError::Refused {
                    host: ip.to_string(),
                    reason,
                });
            }
        }
        let _turn = self.host_turn(url.host_str().unwrap_or_default())?;
        let deadline = tokio::time::Instant::now() + TIMEOUT;
        let Ok(Ok(_slot)) = tokio::time::timeout_at(deadline, self.slots.acquire()).await else {
            return Err(FetchError::Busy);
        };
        tokio::time::timeout_at(deadline, self.exchange(url))
            .await
            .unwrap_or(Err(FetchError::Timeout))
    }

    fn host_turn(&self, host: &str) -> Result<HostTurn<'_>, FetchError> {
        let mut per_host = self
            .per_host
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let count = per_host.entry(host.to_owned()).or_default();
        if *count >= MAX_PER_HOST {
            return Err(FetchError::HostBusy(host.to_owned()));
        }
        *count += 1;
        Ok(HostTurn {
            per_host: &self.per_host,
            host: host.to_owned(),
        })
    }

    async fn exchange(&self, url: &Url) -> Result<Fetched, FetchError> {
        let host = url.host_str().unwrap_or_default().to_owned();
        let mut response = self
            .client
            .get(url.clone())
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|err| failure(&host, &err))?;
        let status = response.status();
        if status.is_redirection() {
            return Err(FetchError::Redirect(status.as_u16()));
        }
        if !status.is_success() {
            return Err(FetchError::Status(status.as_u16()));
        }
        if response
            .content_length()
            .is_some_and(|length| length > MAX_BODY_BYTES as u64)
        {
            return Err(FetchError::TooLarge);
        }
        let fresh_for = freshness(response.headers());
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|err| failure(&host, &err))? {
            if body.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(FetchError::TooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched { body, fresh_for })
    }
}

/// The refusal the resolver gave, if that is why the request failed; else what went wrong.
fn failure(host: &str, err: &reqwest::Error) -> FetchError {
    if err.is_timeout() {
        return FetchError::Timeout;
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(current) = source {
        if let Some(refused) = current.downcast_ref::<AddressRefused>() {
            return FetchError::Refused {
                host: host.to_owned(),
                reason: refused.reason,
            };
        }
        source = current.source();
    }
    tracing::info!(error = ?err, host, "an outgoing request failed");
    FetchError::Unreachable(host.to_owned())
}

/// How long an answer stays fresh (RFC 9111 sections 5.2.2 and 5.3): `no-store` and `no-cache`
/// make it 0, `max-age` wins over `Expires`.
fn freshness(headers: &reqwest::header::HeaderMap) -> Option<i64> {
    let directives: Vec<String> = headers
        .get_all(reqwest::header::CACHE_CONTROL)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|directive| directive.trim().to_ascii_lowercase())
        .collect();
    if directives
        .iter()
        .any(|directive| directive == "no-store" || directive == "no-cache")
    {
        return Some(0);
    }
    if let Some(seconds) = directives.iter().find_map(|directive| {
        directive
            .strip_prefix("max-age=")
            .and_then(|value| value.trim_matches('"').parse::<i64>().ok())
    }) {
        return Some(seconds.max(0));
    }
    let date = |name| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .and_then(|text| httpdate::parse_http_date(text).ok())
    };
    let expires = headers.get(reqwest::header::EXPIRES)?;
    // An Expires that is not a date means "already expired" (section 5.3).
    let Some(expires) = expires
        .to_str()
        .ok()
        .and_then(|text| httpdate::parse_http_date(text).ok())
    else {
        return Some(0);
    };
    let now = date(reqwest::header::DATE).unwrap_or_else(std::time::SystemTime::now);
    Some(
        expires
            .duration_since(now)
            .map_or(0, |left| i64::try_from(left.as_secs()).unwrap_or(i64::MAX)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue, CACHE_CONTROL, DATE, EXPIRES};

    type Pairs<'a> = &'a [(reqwest::header::HeaderName, &'a str)];

    fn headers(pairs: Pairs<'_>) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn freshness_follows_cache_control_then_expires() {
        let date = "Wed, 02 Dec 2026 12:00:00 GMT";
        let table: &[(Pairs<'_>, Option<i64>)] = &[
            (&[], None),
            (&[(CACHE_CONTROL, "max-age=600")], Some(600)),
            (&[(CACHE_CONTROL, "public, Max-Age=120")], Some(120)),
            (&[(CACHE_CONTROL, "max-age=600, no-store")], Some(0)),
            (&[(CACHE_CONTROL, "no-cache")], Some(0)),
            (&[(CACHE_CONTROL, "max-age=-5")], Some(0)),
            (
                &[(DATE, date), (EXPIRES, "Wed, 02 Dec 2026 13:00:00 GMT")],
                Some(3600),
            ),
            (
                &[
                    (DATE, date),
                    (EXPIRES, "Wed, 02 Dec 2026 13:00:00 GMT"),
                    (CACHE_CONTROL, "max-age=60"),
                ],
                Some(60),
            ),
            (
                &[(DATE, date), (EXPIRES, "Wed, 02 Dec 2026 11:00:00 GMT")],
                Some(0),
            ),
            (&[(EXPIRES, "0")], Some(0)),
        ];
        for (pairs, expected) in table {
            assert_eq!(freshness(&headers(pairs)), *expected, "{pairs:?}");
        }
    }
}
