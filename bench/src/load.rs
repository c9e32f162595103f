//! The load generator: a fixed number of keep-alive HTTP/1.1 connections, each sending its next
//! request as soon as the last answer is read, for a fixed time. Every server gets exactly this
//! client, so the client's own cost is the same on every side.
//!
//! It shares the machine's two cores with the server it drives, so what it spends per request
//! is taken from a server that can use both cores (not from a single-threaded one). It therefore
//! works like wrk: each connection is one task that writes the request's bytes and parses the
//! answer with `httparse`, with no connection task and channel hop between them as a hyper
//! client has.
//!
//! Each connection owns a `Job`, which builds its requests and checks every answer: a wrong
//! status or body is an error, and a chained job (refresh rotation) takes its next request from
//! the last answer.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{header, Method, Request, StatusCode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A request that takes longer than this counts as an error.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

pub type Body = Bytes;

pub trait Job: Send + 'static {
    /// The connection's next request; `None` when it has nothing left to send (codes used up).
    fn next_request(&mut self) -> Option<Request<Body>>;
    /// Checks an answer and keeps what the next request needs.
    fn accept(&mut self, status: StatusCode, body: &[u8]) -> Result<(), String>;
}

#[derive(Debug, Clone, Default)]
pub struct LoadResult {
    pub requests: u64,
    pub errors: u64,
    pub first_error: Option<String>,
    /// Microseconds, one per answered request.
    pub latencies_us: Vec<u32>,
    pub elapsed: Duration,
    /// Some connection ran out of work (pre-minted codes) before the time was up.
    pub exhausted: bool,
}

impl LoadResult {
    pub fn merge(&mut self, other: LoadResult) {
        self.requests += other.requests;
        self.errors += other.errors;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
        self.latencies_us.extend(other.latencies_us);
        self.elapsed += other.elapsed;
        self.exhausted |= other.exhausted;
    }

    pub fn per_second(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// The latency below which `fraction` of the requests finished, in milliseconds.
    pub fn percentile_ms(&self, fraction: f64) -> f64 {
        let mut sorted = self.latencies_us.clone();
        sorted.sort_unstable();
        if sorted.is_empty() {
            return f64::NAN;
        }
        let rank = ((fraction * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
        f64::from(sorted[rank - 1]) / 1000.0
    }
}

/// Runs `connections` connections against `address` for `duration`, on a runtime of its own
/// (`threads` workers) in a thread of its own, so the caller's runtime stays out of the way.
pub fn run<F>(
    address: SocketAddr,
    connections: usize,
    threads: usize,
    duration: Duration,
    make_job: F,
) -> LoadResult
where
    F: Fn(usize) -> Box<dyn Job>,
{
    let jobs: Vec<Box<dyn Job>> = (0..connections).map(make_job).collect();
    let thread = std::thread::spawn(move || {
        let runtime = if threads <= 1 {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
        } else {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(threads)
                .enable_all()
                .build()
        }
        .expect("building the load generator's runtime");
        runtime.block_on(drive(address, jobs, duration))
    });
    thread.join().expect("the load generator panicked")
}

async fn drive(address: SocketAddr, jobs: Vec<Box<dyn Job>>, duration: Duration) -> LoadResult {
    let started = Instant::now();
    let deadline = started + duration;
    let total = Arc::new(Mutex::new(LoadResult::default()));
    let mut tasks = Vec::new();
    for job in jobs {
        let total = total.clone();
        tasks.push(tokio::spawn(async move {
            let result = connection(address, job, deadline).await;
            let mut total = total.lock().expect("the totals lock");
            let elapsed = total.elapsed;
            total.merge(result);
            total.elapsed = elapsed;
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    let mut result = std::mem::take(&mut *total.lock().expect("the totals lock"));
    // Requests in flight at the deadline are waited for and counted, so the time is too.
    result.elapsed = started.elapsed();
    result
}

async fn connection(address: SocketAddr, mut job: Box<dyn Job>, deadline: Instant) -> LoadResult {
    let mut result = LoadResult {
        latencies_us: Vec::with_capacity(64 * 1024),
        ..Default::default()
    };
    let mut open: Option<Connection> = None;
    while Instant::now() < deadline {
        if open.is_none() {
            match Connection::open(address).await {
                Ok(opened) => open = Some(opened),
                Err(err) => {
                    failure(&mut result, format!("connecting: {err}"));
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            }
        }
        let Some(request) = job.next_request() else {
            result.exhausted = true;
            break;
        };
        let request = serialize(&request);
        let connection = open.as_mut().expect("a connection was just opened");
        let sent = Instant::now();
        let answer = tokio::time::timeout(REQUEST_TIMEOUT, connection.exchange(&request)).await;
        let took = sent.elapsed();
        result.requests += 1;
        result
            .latencies_us
            .push(took.as_micros().min(u128::from(u32::MAX)) as u32);
        match answer {
            Ok(Ok(answer)) => {
                if let Err(why) = job.accept(answer.status, connection.body(&answer)) {
                    failure(&mut result, why);
                }
                if answer.close {
                    open = None;
                }
            }
            Ok(Err(why)) => {
                failure(&mut result, why);
                open = None;
            }
            Err(_) => {
                failure(&mut result, format!("no answer within {REQUEST_TIMEOUT:?}"));
                open = None;
            }
        }
    }
    result
}

/// The request as it goes on the wire: request line, headers, `Content-Length` when there is a
/// body (or the method is POST), the body.
fn serialize(request: &Request<Body>) -> Vec<u8> {
    let body = request.body();
    let mut wire = Vec::with_capacity(256 + body.len());
    let target = request
        .uri()
        .path_and_query()
        .map_or("/", |target| target.as_str());
    write!(wire, "{} {target} HTTP/1.1\r\n", request.method()).expect("writing to a Vec");
    for (name, value) in request.headers() {
        wire.extend_from_slice(name.as_str().as_bytes());
        wire.extend_from_slice(b": ");
        wire.extend_from_slice(value.as_bytes());
        wire.extend_from_slice(b"\r\n");
    }
    if !body.is_empty() || request.method() == Method::POST {
        write!(wire, "content-length: {}\r\n", body.len()).expect("writing to a Vec");
    }
    wire.extend_from_slice(b"\r\n");
    wire.extend_from_slice(body);
    wire
}

/// One keep-alive connection and the buffer its answers are read into.
struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

/// Where an answer lies in the connection's buffer.
struct Answer {
    status: StatusCode,
    body: std::ops::Range<usize>,
    /// The server will close the connection after this answer.
    close: bool,
}

impl Connection {
    async fn open(address: SocketAddr) -> std::io::Result<Connection> {
        let stream = TcpStream::connect(address).await?;
        stream.set_nodelay(true)?;
        Ok(Connection {
            stream,
            buffer: Vec::with_capacity(16 * 1024),
        })
    }

    /// Sends one request and reads its whole answer (sized by `Content-Length`, which every
    /// server here sends; an answer without one counts as an error).
    async fn exchange(&mut self, request: &[u8]) -> Result<Answer, String> {
        self.stream
            .write_all(request)
            .await
            .map_err(|err| format!("sending: {err}"))?;
        self.buffer.clear();
        let (status, head, length, close) = loop {
            self.read_more().await?;
            let mut headers = [httparse::EMPTY_HEADER; 32];
            let mut response = httparse::Response::new(&mut headers);
            match response.parse(&self.buffer) {
                Ok(httparse::Status::Complete(head)) => {
                    let status = StatusCode::from_u16(response.code.unwrap_or(0))
                        .map_err(|err| format!("status: {err}"))?;
                    let value_of = |name: header::HeaderName| {
                        response
                            .headers
                            .iter()
                            .find(|found| found.name.eq_ignore_ascii_case(name.as_str()))
                            .map(|found| found.value)
                    };
                    let length = value_of(header::CONTENT_LENGTH)
                        .and_then(|value| {
                            std::str::from_utf8(value)
                                .ok()?
                                .trim()
                                .parse::<usize>()
                                .ok()
                        })
                        .ok_or_else(|| {
                            format!("status {status}: an answer without Content-Length")
                        })?;
                    let close = value_of(header::CONNECTION)
                        .is_some_and(|value| value.eq_ignore_ascii_case(b"close"));
                    break (status, head, length, close);
                }
                Ok(httparse::Status::Partial) => continue,
                Err(err) => return Err(format!("reading the answer: {err}")),
            }
        };
        while self.buffer.len() < head + length {
            self.read_more().await?;
        }
        Ok(Answer {
            status,
            body: head..head + length,
            close,
        })
    }

    fn body(&self, answer: &Answer) -> &[u8] {
        &self.buffer[answer.body.clone()]
    }

    async fn read_more(&mut self) -> Result<(), String> {
        match self.stream.read_buf(&mut self.buffer).await {
            Ok(0) => Err("the server closed the connection".to_owned()),
            Ok(_) => Ok(()),
            Err(err) => Err(format!("reading: {err}")),
        }
    }
}

fn failure(result: &mut LoadResult, why: String) {
    result.errors += 1;
    if result.first_error.is_none() {
        result.first_error = Some(why);
    }
}
