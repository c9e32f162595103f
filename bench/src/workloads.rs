//! What each connection sends in each scenario, and what counts as a right answer. The three
//! servers get byte-for-byte the same kind of request, differing only in path and credentials.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use bytes::Bytes;
use http::{header, HeaderValue, Method, Request, StatusCode};
use serde_json::Value;

use crate::load::{Body, Job};

/// What a right answer looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// 200 with an `access_token`.
    Token,
    /// 200 with an `access_token` that is a JWT (three dot-separated parts).
    JwtToken,
    /// 200 with `"active": true`.
    Active,
    /// 200 with a non-empty `items` list.
    Items,
    /// 200 (the no-op server answers every scenario with the same JSON).
    Status,
}

impl Check {
    fn verify(self, status: StatusCode, body: &[u8]) -> Result<Value, String> {
        if status != StatusCode::OK {
            return Err(format!(
                "status {status}: {}",
                String::from_utf8_lossy(&body[..body.len().min(300)])
            ));
        }
        if self == Check::Status {
            return Ok(Value::Null);
        }
        let json: Value =
            serde_json::from_slice(body).map_err(|err| format!("not JSON ({err})"))?;
        let ok = match self {
            Check::Token => json["access_token"].as_str().is_some_and(|t| !t.is_empty()),
            Check::JwtToken => json["access_token"].as_str().is_some_and(is_jwt),
            Check::Active => json["active"] == Value::Bool(true),
            Check::Items => json["items"]
                .as_array()
                .is_some_and(|items| !items.is_empty()),
            Check::Status => true,
        };
        if ok {
            Ok(json)
        } else {
            Err(format!(
                "unexpected answer for {self:?}: {}",
                String::from_utf8_lossy(&body[..body.len().min(300)])
            ))
        }
    }
}

pub fn is_jwt(token: &str) -> bool {
    token.split('.').count() == 3 && token.split('.').all(|part| !part.is_empty())
}

/// `Authorization: Basic` with the id and secret form-encoded first (RFC 6749 section 2.3.1).
pub fn basic_auth(client_id: &str, secret: &str) -> HeaderValue {
    let encode =
        |text: &str| url::form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>();
    let value = format!(
        "Basic {}",
        STANDARD.encode(format!("{}:{}", encode(client_id), encode(secret)))
    );
    HeaderValue::from_str(&value).expect("base64 is a valid header value")
}

pub fn form(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// Where requests go and how they authenticate.
#[derive(Debug, Clone)]
pub struct Target {
    /// `127.0.0.1:PORT`, sent as `Host`.
    pub host: String,
    pub path: String,
    /// `Authorization` or `Cookie`.
    pub credentials: (header::HeaderName, HeaderValue),
}

impl Target {
    fn request(&self, method: Method, body: Option<String>) -> Request<Body> {
        let mut builder = Request::builder()
            .method(method)
            .uri(self.path.as_str())
            .header(header::HOST, self.host.as_str())
            .header(self.credentials.0.clone(), self.credentials.1.clone());
        if body.is_some() {
            builder = builder.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        }
        let body = body.map(Bytes::from).unwrap_or_default();
        builder.body(body).expect("a valid request")
    }
}

/// The same request again and again: client credentials, introspection, console lists.
pub struct Repeat {
    pub target: Target,
    pub method: Method,
    pub body: Option<String>,
    pub check: Check,
}

impl Job for Repeat {
    fn next_request(&mut self) -> Option<Request<Body>> {
        Some(self.target.request(self.method.clone(), self.body.clone()))
    }

    fn accept(&mut self, status: StatusCode, body: &[u8]) -> Result<(), String> {
        self.check.verify(status, body).map(|_| ())
    }
}

/// Refresh-token rotation: each request spends the refresh token the last answer returned.
/// The chains outlive a run (`chains[index]` is written back after every answer), so the next
/// round goes on from where this one stopped.
pub struct Rotate {
    pub target: Target,
    pub chains: Arc<Mutex<Vec<String>>>,
    pub index: usize,
    pub check: Check,
}

impl Job for Rotate {
    fn next_request(&mut self) -> Option<Request<Body>> {
        let token = self.chains.lock().expect("chains lock")[self.index].clone();
        Some(self.target.request(
            Method::POST,
            Some(form(&[
                ("grant_type", "refresh_token"),
                ("refresh_token", &token),
            ])),
        ))
    }

    fn accept(&mut self, status: StatusCode, body: &[u8]) -> Result<(), String> {
        let json = self.check.verify(status, body)?;
        let next = match self.check {
            Check::Status => "crt_noop".to_owned(),
            _ => json["refresh_token"]
                .as_str()
                .ok_or("no refresh_token in the answer")?
                .to_owned(),
        };
        self.chains.lock().expect("chains lock")[self.index] = next;
        Ok(())
    }
}

/// Codes minted in advance, shared by every connection of a run, each used once.
pub struct CodePool {
    pub codes: Vec<String>,
    pub next: AtomicUsize,
    /// The no-op server takes any text as a code: it never runs out.
    pub endless: bool,
}

impl CodePool {
    pub fn new(codes: Vec<String>) -> Arc<Self> {
        Arc::new(CodePool {
            codes,
            next: AtomicUsize::new(0),
            endless: false,
        })
    }

    pub fn endless() -> Arc<Self> {
        Arc::new(CodePool {
            codes: Vec::new(),
            next: AtomicUsize::new(0),
            endless: true,
        })
    }

    fn take(&self) -> Option<String> {
        let index = self.next.fetch_add(1, Ordering::Relaxed);
        if self.endless {
            return Some(format!("cac_noop_{index:043}"));
        }
        self.codes.get(index).cloned()
    }
}

/// Authorization-code exchange with PKCE, one pre-minted code per request.
pub struct Exchange {
    pub target: Target,
    pub codes: Arc<CodePool>,
    pub redirect_uri: String,
    pub verifier: String,
    pub check: Check,
}

impl Job for Exchange {
    fn next_request(&mut self) -> Option<Request<Body>> {
        let code = self.codes.take()?;
        let body = form(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", &self.redirect_uri),
            ("code_verifier", &self.verifier),
        ]);
        Some(self.target.request(Method::POST, Some(body)))
    }

    fn accept(&mut self, status: StatusCode, body: &[u8]) -> Result<(), String> {
        self.check.verify(status, body).map(|_| ())
    }
}
