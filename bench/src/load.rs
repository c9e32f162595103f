//! The load generator: a fixed number of keep-alive HTTP/1.1 connections (hyper), each
//! sending its next request as soon as the last answer is read, for a fixed time. Every server
//! gets exactly this client, so the client's own cost is the same on every side.
//!
//! Each connection owns a `Job`, which builds its requests and checks every answer: a wrong
//! status or body is an error, and a chained job (refresh rotation) takes its next request from
//! the last answer.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;

/// A request that takes longer than this counts as an error.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

pub type Body = Full<Bytes>;

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
pub fn run<F>(address: SocketAddr, connections: usize, threads: usize, duration: Duration, make_job: F) -> LoadResult
where
    F: Fn(usize) -> Box<dyn Job>,
{
    let jobs: Vec<Box<dyn Job>> = (0..connections).map(make_job).collect();
    let thread = std::thread::spawn(move || {
        let runtime = if threads <= 1 {
            tokio::runtime::Builder::new_current_thread().enable_all().build()
        } else {
            tokio::runtime::Builder::new_multi_thread().worker_threads(threads).enable_all().build()
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
    let mut result = LoadResult { latencies_us: Vec::with_capacity(64 * 1024), ..Default::default() };
    let mut sender: Option<SendRequest<Body>> = None;
    while Instant::now() < deadline {
        if let Some(open) = sender.as_mut() {
            if open.ready().await.is_err() {
                sender = None;
            }
        }
        if sender.is_none() {
            match open(address).await {
                Ok(opened) => sender = Some(opened),
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
        let open = sender.as_mut().expect("a connection was just opened");
        let sent = Instant::now();
        let answer = tokio::time::timeout(REQUEST_TIMEOUT, async {
            let response = open.send_request(request).await.map_err(|err| format!("sending: {err}"))?;
            let (parts, body) = response.into_parts();
            let body = body.collect().await.map_err(|err| format!("reading the body: {err}"))?.to_bytes();
            Ok::<_, String>((parts.status, body))
        })
        .await;
        let took = sent.elapsed();
        result.requests += 1;
        result.latencies_us.push(took.as_micros().min(u128::from(u32::MAX)) as u32);
        match answer {
            Ok(Ok((status, body))) => {
                if let Err(why) = job.accept(status, &body) {
                    failure(&mut result, why);
                }
            }
            Ok(Err(why)) => {
                failure(&mut result, why);
                sender = None;
            }
            Err(_) => {
                failure(&mut result, format!("no answer within {REQUEST_TIMEOUT:?}"));
                sender = None;
            }
        }
    }
    result
}

fn failure(result: &mut LoadResult, why: String) {
    result.errors += 1;
    if result.first_error.is_none() {
        result.first_error = Some(why);
    }
}

async fn open(address: SocketAddr) -> anyhow::Result<SendRequest<Body>> {
    let stream = tokio::net::TcpStream::connect(address).await?;
    stream.set_nodelay(true)?;
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok(sender)
}
