//! Slow and silent clients are cut off (issue 15: 60 sockets sending headers a byte at a time
//! and 20 slow bodies were all still open after 75 s).

use std::time::{Duration, Instant};

use clientele_tests::{spawn_app_with, TestApp};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One second for headers (and idle keep-alive) and for whole requests.
async fn impatient_app() -> TestApp {
    spawn_app_with(|config| {
        config.timeouts.header_read = 1;
        config.timeouts.request = 1;
    })
    .await
}

fn address(app: &TestApp) -> String {
    app.address.trim_start_matches("http://").to_owned()
}

/// Sends `bytes` one at a time, 100 ms apart, until the server closes the connection or the
/// bytes run out; then reads what the server says. Returns the time until the connection was
/// closed and everything the server sent.
async fn trickle(app: &TestApp, bytes: &[u8]) -> (Duration, String) {
    let started = Instant::now();
    let mut stream = TcpStream::connect(address(app)).await.unwrap();
    for byte in bytes {
        if stream.write_all(&[*byte]).await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        if started.elapsed() > Duration::from_secs(10) {
            break;
        }
    }
    read_until_closed(&mut stream, started).await
}

/// Reads everything the server sends on `stream` until it closes the connection (10 s at the
/// most): the time since `started` and the text.
async fn read_until_closed(stream: &mut TcpStream, started: Instant) -> (Duration, String) {
    let mut received = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut received)).await;
    (
        started.elapsed(),
        String::from_utf8_lossy(&received).into_owned(),
    )
}

#[tokio::test]
async fn clients_sending_headers_a_byte_at_a_time_are_disconnected_in_parallel() {
    let app = impatient_app().await;
    // 30 bytes at 100 ms each would take 3 s; the header timeout is 1 s.
    let request = format!(
        "GET /healthz HTTP/1.1\r\nHost: {}\r\nX-Padding: aaaaaaaaaaaaaaaa\r\n\r\n",
        address(&app)
    );
    let clients = (0..30).map(|_| trickle(&app, request.as_bytes()));
    for (elapsed, received) in futures::future::join_all(clients).await {
        assert!(
            elapsed < Duration::from_millis(2500),
            "still open after {elapsed:?}"
        );
        assert!(!received.contains("200 OK"), "{received}");
    }
}

#[tokio::test]
async fn a_slow_body_is_answered_408_and_closed() {
    let app = impatient_app().await;
    // The token endpoint reads a form body from any client.
    let head = format!(
        "POST /oauth/token HTTP/1.1\r\nHost: {}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n",
        address(&app)
    );
    let clients = (0..10).map(|_| {
        let app = &app;
        let head = head.clone();
        async move {
            let started = Instant::now();
            let mut stream = TcpStream::connect(address(app)).await.unwrap();
            stream.write_all(head.as_bytes()).await.unwrap();
            let trickling = async {
                for _ in 0..100 {
                    if stream.write_all(b" ").await.is_err() {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            };
            let _ = tokio::time::timeout(Duration::from_secs(10), trickling).await;
            read_until_closed(&mut stream, started).await
        }
    });
    for (elapsed, received) in futures::future::join_all(clients).await {
        assert!(received.starts_with("HTTP/1.1 408"), "{received}");
        assert!(
            elapsed < Duration::from_millis(3000),
            "still open after {elapsed:?}"
        );
    }
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed() {
    let app = impatient_app().await;
    let started = Instant::now();
    let mut stream = TcpStream::connect(address(&app)).await.unwrap();
    let request = format!("GET /healthz HTTP/1.1\r\nHost: {}\r\n\r\n", address(&app));
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut received = Vec::new();
    let read =
        tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut received)).await;
    assert!(read.is_ok(), "the idle connection was not closed");
    let text = String::from_utf8_lossy(&received);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(
        started.elapsed() < Duration::from_millis(2500),
        "closed after {:?}",
        started.elapsed()
    );
}
