//! A small axum server of the tests' own (an app's website, a resource server), served on a
//! loopback listener until its `Serving` handle is dropped; and free loopback ports.

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A listener on a free loopback port and its `http://` address; `what` names it in a panic.
pub async fn loopback_listener(what: &str) -> (TcpListener, String) {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|err| panic!("binding {what}: {err}"));
    let address = format!("http://{}", listener.local_addr().expect("its address"));
    (listener, address)
}

/// A loopback port nobody listens on (the listener that found it is closed again).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free loopback port")
        .port()
}

/// Stops the server when dropped (with its test).
pub struct Serving(Option<oneshot::Sender<()>>);

/// Serves `router` on `listener` in the background.
pub fn serve(listener: TcpListener, router: Router) -> Serving {
    let (shutdown, stopped) = oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await;
    });
    Serving(Some(shutdown))
}

impl Drop for Serving {
    fn drop(&mut self) {
        if let Some(shutdown) = self.0.take() {
            let _ = shutdown.send(());
        }
    }
}
