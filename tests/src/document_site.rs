//! A client's website serving its Client ID Metadata Document over HTTPS, on loopback, with a
//! certificate from a CA made for the test (`rcgen`). The server under test trusts that CA
//! through `CLIENTELE_OUTBOUND_CA_FILE` and reaches loopback through
//! `CLIENTELE_OUTBOUND_ALLOW_PRIVATE` (`DocumentSite::trusting`). Each path answers as the test
//! says (status, headers, body, a delay, a body sent in chunks without a length) and counts the
//! requests it gets.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::Router;
use clientele::config::ServeConfig;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tempfile::TempDir;
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;

/// How one path answers.
#[derive(Clone, Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub delay: Duration,
    /// Sent in chunks of this many bytes without a Content-Length.
    pub chunked: Option<usize>,
}

impl Answer {
    /// A JSON document with `Cache-Control: max-age=…` when `max_age` is given.
    pub fn json(document: &serde_json::Value, max_age: Option<u64>) -> Answer {
        let mut headers = vec![("content-type".to_owned(), "application/json".to_owned())];
        if let Some(seconds) = max_age {
            headers.push(("cache-control".to_owned(), format!("max-age={seconds}")));
        }
        Answer {
            status: 200,
            headers,
            body: document.to_string().into_bytes(),
            delay: Duration::ZERO,
            chunked: None,
        }
    }
}

#[derive(Default)]
struct Paths {
    answers: HashMap<String, Answer>,
    hits: HashMap<String, usize>,
}

pub struct DocumentSite {
    /// `https://localhost:PORT` (the certificate also names 127.0.0.1).
    pub base: String,
    pub port: u16,
    paths: Arc<Mutex<Paths>>,
    ca_file: PathBuf,
    _dir: TempDir,
}

struct TlsListener {
    tcp: TcpListener,
    acceptor: TlsAcceptor,
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let Ok((stream, address)) = self.tcp.accept().await else {
                continue;
            };
            // A client that does not trust the CA fails here; the next one is served.
            if let Ok(tls) = self.acceptor.accept(stream).await {
                return (tls, address);
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        self.tcp.local_addr()
    }
}

impl DocumentSite {
    pub async fn start() -> DocumentSite {
        let ca_key = rcgen::KeyPair::generate().expect("a CA key");
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "Clientele test CA");
        ca_params.key_usages = vec![
            rcgen::KeyUsagePurpose::KeyCertSign,
            rcgen::KeyUsagePurpose::CrlSign,
            rcgen::KeyUsagePurpose::DigitalSignature,
        ];
        let ca = ca_params.self_signed(&ca_key).expect("the CA certificate");
        let leaf_key = rcgen::KeyPair::generate().expect("a server key");
        let leaf_params =
            rcgen::CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
                .unwrap();
        let leaf = leaf_params
            .signed_by(&leaf_key, &ca, &ca_key)
            .expect("the server certificate");
        let dir = tempfile::tempdir().unwrap();
        let ca_file = dir.path().join("ca.pem");
        std::fs::write(&ca_file, ca.pem()).unwrap();

        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![CertificateDer::from(leaf.der().to_vec())],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der())),
            )
            .expect("a TLS configuration");
        let tcp = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = tcp.local_addr().unwrap().port();
        let listener = TlsListener {
            tcp,
            acceptor: TlsAcceptor::from(Arc::new(config)),
        };
        let paths = Arc::new(Mutex::new(Paths::default()));
        let router = Router::new().fallback(answer).with_state(paths.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        DocumentSite {
            base: format!("https://localhost:{port}"),
            port,
            paths,
            ca_file,
            _dir: dir,
        }
    }

    /// `https://localhost:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn serve(&self, path: &str, answer: Answer) {
        self.paths
            .lock()
            .unwrap()
            .answers
            .insert(path.to_owned(), answer);
    }

    /// Requests `path` got so far.
    pub fn hits(&self, path: &str) -> usize {
        self.paths
            .lock()
            .unwrap()
            .hits
            .get(path)
            .copied()
            .unwrap_or(0)
    }

    /// The two settings that let the server under test fetch from this site.
    pub fn trusting(&self) -> impl FnOnce(&mut ServeConfig) {
        let ca_file = self.ca_file.clone();
        move |config: &mut ServeConfig| {
            config.outbound.allow_private = true;
            config.outbound.ca_file = Some(ca_file);
        }
    }
}

async fn answer(State(paths): State<Arc<Mutex<Paths>>>, uri: Uri) -> Response {
    let path = uri.path().to_owned();
    let answer = {
        let mut paths = paths.lock().unwrap();
        *paths.hits.entry(path.clone()).or_default() += 1;
        paths.answers.get(&path).cloned()
    };
    let Some(answer) = answer else {
        return Response::builder()
            .status(StatusCode::NOT_FOUND)
            .body(Body::empty())
            .unwrap();
    };
    tokio::time::sleep(answer.delay).await;
    let body = match answer.chunked {
        Some(size) => {
            let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
                answer.body.chunks(size).map(|c| Ok(c.to_vec())).collect();
            Body::from_stream(futures::stream::iter(chunks))
        }
        None => Body::from(answer.body),
    };
    let mut response = Response::builder().status(answer.status);
    for (name, value) in &answer.headers {
        response = response.header(name, value);
    }
    response.body(body).unwrap()
}
